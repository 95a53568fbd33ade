import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject } from '../support/cli';

const UNCAPPED = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });
`;
const CLEAN = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: 200, messages: [{ role: 'user', content: q }] });
`;
const RETRY = `import OpenAI from 'openai';
const client = new OpenAI({ maxRetries: Infinity });
export const ask = (q: string) => client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });
`;

describe('costlint check', () => {
  it('prints findings with their monthly cost and exits 0 when there are only warnings', () => {
    const dir = tempProject({ 'src/ask.ts': UNCAPPED, 'src/util.ts': 'export const x = 1;\n' });
    const run = runCli(['check', '.'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^src\/ask\.ts$/m);
    assert.match(run.stdout, /3:35 +warning +LLM call has no output cap: up to \$1\.\d+ per call on gpt-5\. Add max_completion_tokens\. +missing-max-tokens +≈ \$[\d.,]+\/mo/);
    assert.match(run.stdout, /✖ 2 problems \(0 errors, 2 warnings, 0 info\)/);
    assert.doesNotMatch(run.stdout, /util\.ts/);
  });

  it('exits 1 on error-level findings, and 0 on a clean tree with no output', () => {
    assert.equal(runCli(['check'], tempProject({ 'a.ts': RETRY })).code, 1);
    const clean = runCli(['check'], tempProject({ 'a.ts': CLEAN }));
    assert.equal(clean.code, 0);
    assert.doesNotMatch(clean.stdout, /problem/);
  });

  it('fails on --max-warnings when there are more warnings', () => {
    const dir = tempProject({ 'a.ts': UNCAPPED });
    const run = runCli(['check', '--max-warnings', '0'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /too many warnings \(maximum: 0\)/);
    assert.equal(runCli(['check', '--max-warnings', '5'], dir).code, 0);
  });

  it('prints ESLint-shaped JSON with a cost on each message and file', () => {
    const dir = tempProject({ 'a.ts': UNCAPPED });
    const run = runCli(['check', '--format', 'json'], dir);
    const [file] = JSON.parse(run.stdout);
    assert.ok(file.filePath.endsWith(`${path.sep}a.ts`));
    assert.equal(file.warningCount, 2);
    assert.equal(file.errorCount, 0);
    const cap = file.messages.find((m: { ruleId: string }) => m.ruleId === 'missing-max-tokens');
    assert.deepEqual([cap.line, cap.column, cap.endLine, cap.endColumn, cap.severity], [3, 35, 3, 65, 1]);
    assert.equal(cap.fix.text, ', max_completion_tokens: 1024');
    assert.equal(typeof cap.cost.monthly, 'number');
    assert.equal(cap.cost.price.id, 'openai/gpt-5');
    assert.equal(file.cost.items.length, 1);
  });

  it('applies safe fixes with --fix and leaves suggestions alone', () => {
    const dir = tempProject({ 'a.ts': UNCAPPED });
    const run = runCli(['check', '--fix'], dir);
    const fixed = fs.readFileSync(path.join(dir, 'a.ts'), 'utf8');
    assert.match(fixed, /messages: \[\{ role: 'user', content: q \}\], max_completion_tokens: 1024 \}\)/);
    assert.match(fixed, /model: 'gpt-5'/, 'the model swap is a suggestion, not applied');
    assert.doesNotMatch(run.stdout, /missing-max-tokens/);
    assert.match(run.stdout, /frontier-model-default/);
  });

  it('reports malformed, binary and oversized files by name and still lints the rest', () => {
    const dir = tempProject({
      'good.ts': UNCAPPED,
      'broken.ts': "import OpenAI from 'openai';\nconst client = new OpenAI(\n",
      'blob.js': Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]),
      'huge.ts': `import OpenAI from 'openai';\n${'// filler\n'.repeat(300_000)}`,
    });
    const run = runCli(['check', '--max-file-size', '1'], dir);
    assert.equal(run.code, 1, 'a file that cannot be parsed is an error');
    assert.match(run.stdout, /^broken\.ts$\n +3:1 +error +Parsing error: cannot parse: /m);
    assert.match(run.stdout, /blob\.js +skipped: binary file/);
    assert.match(run.stdout, /huge\.ts +skipped: 2\.\d MB is over the 1\.0 MB limit/);
    assert.match(run.stdout, /^good\.ts$/m);
  });

  it('honours .gitignore and never reads node_modules', () => {
    const dir = tempProject({ '.gitignore': 'generated/\n', 'generated/a.ts': UNCAPPED, 'node_modules/x/a.ts': UNCAPPED, 'src/a.ts': UNCAPPED });
    const run = runCli(['check', '--format', 'json'], dir);
    const files = JSON.parse(run.stdout).map((f: { filePath: string }) => path.relative(dir, f.filePath));
    assert.deepEqual(files, ['src/a.ts']);
  });

  it('exits 2 with the reason on usage errors', () => {
    const dir = tempProject({ 'a.ts': CLEAN });
    for (const args of [['check', '--format', 'nope'], ['check', '--bogus'], ['frobnicate'], ['check', '--max-warnings', 'x']]) {
      const run = runCli(args, dir);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /^costlint: /);
    }
  });

  it('exits 2 with file:line on a broken config', () => {
    const dir = tempProject({ 'a.ts': CLEAN, '.costlint.yaml': 'usage:\n  monthly_calls: lots\n' });
    const run = runCli(['check'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.costlint\.yaml:2: usage\.monthly_calls: /);
    const unknownRule = runCli(['check'], tempProject({ 'a.ts': CLEAN, '.costlint.yaml': 'rules:\n  missing-max-tokens: warning\n  no-such-rule: error\n' }));
    assert.equal(unknownRule.code, 2);
    assert.match(unknownRule.stderr, /\.costlint\.yaml:3: unknown rule "no-such-rule"/);
  });

  it('gives each file the .costlint.yaml nearest to it, however deep below', () => {
    const dir = tempProject({
      '.costlint.yaml': 'rules:\n  frontier-model-default: off\n  missing-max-tokens: off\n',
      'a.ts': UNCAPPED,
      'packages/b/.costlint.yaml': 'rules:\n  missing-max-tokens: error\n',
      'packages/b/b.ts': UNCAPPED,
      'packages/b/deep/er/c.ts': UNCAPPED,
      'packages/d/deep/d.ts': UNCAPPED,
    });
    const run = runCli(['check', '--format', 'json'], dir);
    const rulesOf = new Map<string, string[]>();
    for (const report of JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; severity: number }[] }[]) {
      rulesOf.set(path.relative(dir, report.filePath).split(path.sep).join('/'), report.messages.map((m) => `${m.ruleId}:${m.severity}`).sort());
    }
    assert.deepEqual(rulesOf.get('a.ts'), []);
    assert.deepEqual(rulesOf.get('packages/d/deep/d.ts'), [], 'the root config, three folders up');
    assert.deepEqual(rulesOf.get('packages/b/b.ts'), ['frontier-model-default:1', 'missing-max-tokens:2'], 'its own folder\'s config, in place of the root\'s');
    assert.deepEqual(rulesOf.get('packages/b/deep/er/c.ts'), ['frontier-model-default:1', 'missing-max-tokens:2']);
    assert.equal(run.code, 1);
  });

  it('turns rules off and changes severities from .costlint.yaml', () => {
    const dir = tempProject({ 'a.ts': UNCAPPED, '.costlint.yaml': 'rules:\n  frontier-model-default: off\n  missing-max-tokens: error\n' });
    const run = runCli(['check'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /error +LLM call has no output cap/);
    assert.doesNotMatch(run.stdout, /frontier-model-default/);
  });
});
