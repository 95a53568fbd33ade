import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject } from '../support/cli';
import { multitoolBinary, multitoolValidate, sarifSchemaErrors } from '../support/sarif';
import { lintPaths } from '../../server/engine/run';
import { toSarif } from '../../server/formats/sarif';

const ASK = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });
// costlint-disable-next-line missing-max-tokens -- answers are one word
export const tag = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });
// costlint-disable-next-line llm-call-in-loop
export const x = 1;
`;
const RETRY = `import OpenAI from 'openai';
const client = new OpenAI({ maxRetries: Infinity });
export const ask = (q: string) => client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });
`;

interface Log {
  runs: {
    tool: { driver: { rules: { id: string; help?: { text: string }; shortDescription?: { text: string }; fullDescription?: { text: string }; helpUri?: string; defaultConfiguration?: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
      partialFingerprints: Record<string, string>;
      fixes?: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
      suppressions?: { kind: string; justification: string }[];
      properties?: { cost: { monthly: number; currency: string } };
    }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

function sarifOf(dir: string, args: string[] = []): Log {
  const run = runCli(['check', '--format', 'sarif:out/costlint.sarif', ...args], dir);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return JSON.parse(fs.readFileSync(path.join(dir, 'out', 'costlint.sarif'), 'utf8'));
}

describe('SARIF output', function () {
  this.timeout(120_000);

  it('is valid SARIF 2.1.0, with rule metadata for every rule, suppression and over-budget', () => {
    const dir = tempProject({ 'src/ask.ts': ASK, 'src/retry.ts': RETRY, 'src/broken.ts': "import OpenAI from 'openai';\nconst c = new OpenAI(;\n" });
    const log = sarifOf(dir);
    assert.deepEqual(sarifSchemaErrors(log), []);
    const rules = log.runs[0].tool.driver.rules;
    for (const id of ['suppression', 'over-budget', 'missing-max-tokens', 'unbounded-retry']) {
      const rule = rules.find((r) => r.id === id);
      assert.ok(rule, id);
      assert.ok(rule.help?.text && rule.shortDescription?.text && rule.fullDescription?.text && rule.helpUri, id);
    }
    assert.equal(rules.find((r) => r.id === 'unbounded-retry')?.defaultConfiguration?.level, 'error');
    for (const result of log.runs[0].results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^Parsing error/);
  });

  it('reports repo-relative URIs, full regions, levels, fixes, the estimate and suppressions with their justification', () => {
    const dir = tempProject({ 'src/ask.ts': ASK, 'src/retry.ts': RETRY });
    const results = sarifOf(dir).runs[0].results;
    const cap = results.find((r) => r.ruleId === 'missing-max-tokens' && !r.suppressions);
    assert.ok(cap);
    assert.equal(cap.level, 'warning');
    assert.equal(cap.locations[0].physicalLocation.artifactLocation.uri, 'src/ask.ts');
    assert.deepEqual(cap.locations[0].physicalLocation.region, { startLine: 3, startColumn: 35, endLine: 3, endColumn: 65, charOffset: 92, charLength: 30 });
    assert.equal(cap.fixes?.[0].artifactChanges[0].replacements[0].insertedContent.text, ', max_completion_tokens: 1024');
    assert.equal(cap.properties?.cost.currency, 'USD');
    assert.ok((cap.properties?.cost.monthly ?? 0) > 0);
    assert.equal(results.find((r) => r.ruleId === 'unbounded-retry')?.level, 'error');
    const silenced = results.find((r) => r.suppressions);
    assert.deepEqual(silenced?.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'answers are one word' }]);
  });

  it('marks baseline findings as external suppressions', () => {
    const dir = tempProject({ 'src/retry.ts': RETRY });
    assert.equal(runCli(['check', '--write-baseline'], dir).code, 0);
    const results = sarifOf(dir, ['--baseline']).runs[0].results;
    assert.ok(results.length > 0);
    for (const r of results) assert.equal(r.suppressions?.[0].kind, 'external');
  });

  it('keeps partialFingerprints when lines move', () => {
    const dir = tempProject({ 'src/ask.ts': ASK });
    const before = sarifOf(dir).runs[0].results.map((r) => r.partialFingerprints['costlintFingerprint/v1']);
    fs.writeFileSync(path.join(dir, 'src/ask.ts'), `// a new header\n\n${ASK}`);
    const moved = sarifOf(dir).runs[0].results;
    assert.equal(moved[0].locations[0].physicalLocation.region.startLine > 3, true);
    assert.deepEqual(moved.map((r) => r.partialFingerprints['costlintFingerprint/v1']), before);
    assert.equal(new Set(before).size, before.length);
  });

  it('stays under a size limit: drops estimates and fixes first, then the cheapest results, and says so', async () => {
    const calls = Array.from({ length: 40 }, (_, i) => `// costlint-usage monthly_calls=${(i + 1) * 100}\nexport const a${i} = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });\n`).join('');
    const cwd = tempProject({ 'a.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\n${calls}` });
    const input = { ...(await lintPaths({ cwd, paths: ['.'] })), cwd, color: false };
    const full = toSarif(input);
    const fullSize = JSON.stringify(full, null, 2).length;
    assert.equal(full.runs[0].results?.length, 40);
    assert.ok(full.runs[0].results?.every((r) => r.properties && r.fixes));

    const lean = toSarif(input, fullSize - 1);
    assert.equal(lean.runs[0].results?.length, 40);
    assert.ok(lean.runs[0].results?.every((r) => !r.properties && !r.fixes));
    assert.match(String(lean.runs[0].properties?.reason), /estimates and fixes dropped/);

    const small = toSarif(input, 20_000);
    const kept = small.runs[0].results ?? [];
    assert.ok(JSON.stringify(small, null, 2).length <= 20_000);
    assert.ok(kept.length > 0 && kept.length < 40);
    assert.equal(small.runs[0].properties?.omittedResults, 40 - kept.length);
    // The costliest calls (the highest monthly_calls, last in the file) are the ones kept.
    assert.equal(kept[0].locations?.[0].physicalLocation?.region?.startLine, 82);
    assert.deepEqual(sarifSchemaErrors(small), []);
  });

  it('validates the examples with the vendored schema, and with Microsoft’s multitool (SARIF and GitHub rules)', function () {
    const root = path.join(__dirname, '..', '..');
    const dir = tempProject({});
    const file = path.join(dir, 'examples.sarif');
    const run = runCli(['check', 'examples/', '--format', `sarif:${file}`], root);
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(sarifSchemaErrors(log), []);
    const binary = multitoolBinary();
    if (!binary) {
      // The multitool ships per platform; without it the schema check above still ran.
      assert.ok(!['linux', 'darwin', 'win32'].includes(process.platform) || !fs.existsSync(path.join(root, 'node_modules', '@microsoft', `sarif-multitool-${process.platform}`)), 'multitool installed but not found');
      return;
    }
    assert.deepEqual(multitoolValidate(binary, file), []);
    // The validator is awake: a rule without help text breaks GitHub's ingestion rule GH2012.
    log.runs[0].tool.driver.rules[0].help = undefined;
    fs.writeFileSync(file, JSON.stringify(log));
    assert.ok(multitoolValidate(binary, file).some((p) => p.level === 'error' && p.ruleId === 'GH2012'));
  });
});
