import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, runCliAsync, tempProject } from '../support/cli';
import { contractEntry, json, scriptedServer } from '../support/budgets';

const TOKEN = 'ctk_live_5f4e3d2c1b0a';
// The files behind the README's "Team config and budgets" output.
const RERANK = `import OpenAI from 'openai';

const client = new OpenAI();

export async function rerank(query: string, passages: string[]) {
  return client.chat.completions.create({
    model: 'gpt-5',
    max_completion_tokens: 800,
    messages: [
      { role: 'system', content: 'Order the passages by relevance to the query. Answer with their numbers.' },
      { role: 'user', content: \`\${query}\\n\\n\${passages.join('\\n\\n')}\` },
    ],
  });
}
`;
const ALERTS = `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export const summarise = (alert: string) =>
  anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 300, messages: [{ role: 'user', content: alert }] });
`;

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
/** One README section, up to the next `## ` heading. */
const sectionOf = (heading: string) => {
  const start = README.indexOf(`${heading}\n`);
  const end = README.indexOf('\n## ', start + heading.length);
  return README.slice(start, end === -1 ? undefined : end + 1);
};
const SECTION = sectionOf('## Team config and budgets');
/** The YAML example of the README's "Team config and budgets" section, and the output it shows. */
const readmeExample = () => /```yaml\n([\s\S]*?)```/.exec(SECTION)![1];
const readmeOutput = () => /```\n(infra[\s\S]*?)```/.exec(SECTION)![1];

describe('team config and budgets, as a new user runs them', function () {
  // Each case runs the built CLI two or three times; a loaded CI machine needs the room.
  this.timeout(120_000);
  let server: Awaited<ReturnType<typeof scriptedServer>>;
  let echoToken = false;
  before(async () => {
    server = await scriptedServer((req, res) => {
      const team = new URL(req.url!, 'http://x').searchParams.get('team')!;
      const amounts = team === 'search' ? { budget: '1200.00', actual: '610.40', forecast: '1150.00' } : { budget: '400.00', actual: '95.10', forecast: '210.00' };
      const entry = contractEntry(team, amounts);
      json(res, 200, { schemaVersion: 1, budgets: [echoToken ? { ...entry, source: `warehouse for ${req.headers.authorization}` } : entry] });
    });
  });
  after(() => server.close());

  function project(extra: Record<string, string> = {}) {
    const config = readmeExample().replace('https://costs.example.internal', server.url);
    return tempProject({ '.costlint.yaml': config, 'services/search/rerank.ts': RERANK, 'infra/alert-summary.ts': ALERTS, ...extra });
  }
  const env = (dir: string) => ({ COSTLINT_TOKEN: TOKEN, COSTLINT_ALLOWED_ORIGINS: server.origin, COSTLINT_CACHE_DIR: path.join(dir, '.cache') });

  it('the README example: estimate groups by team with budget columns; check finds the file that tips search over', async () => {
    const dir = project();
    const estimate = await runCliAsync(['estimate'], dir, env(dir));
    assert.equal(estimate.code, 0, estimate.stderr);
    assert.equal(estimate.stdout, readmeOutput(), 'the README shows what estimate prints');
    assert.match(estimate.stdout, /^ {2}search +\$92\.69\/mo +\$1,200\/mo +\$610\.40\/mo +\$1,150\/mo +\$1,243\/mo +104% of budget, over$/m);
    assert.deepEqual(server.requests.map((r) => r.url).sort(), ['/v1/budgets?team=platform&period=current', '/v1/budgets?team=search&period=current']);
    assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`));

    const check = await runCliAsync(['check', '--format', 'json'], dir, env(dir));
    const search = JSON.parse(check.stdout).find((file: { filePath: string }) => file.filePath.endsWith('rerank.ts'));
    const over = search.messages.find((m: { ruleId: string }) => m.ruleId === 'over-budget');
    assert.equal(over.line, 6);
    assert.match(over.message, /^This adds ≈ \$92\.69\/mo to search: forecast \$1,150\/mo \+ \$92\.69\/mo = \$1,243\/mo, over the \$1,200\/mo budget by \$42\.69\/mo/);
    assert.equal(server.requests.length, 2, 'the second run used the on-disk cache');
  });

  it('with the cost API down, nothing slows and the state says why', async () => {
    const dir = project();
    const started = Date.now();
    const run = await runCliAsync(['estimate'], dir, { ...env(dir), COSTLINT_ALLOWED_ORIGINS: 'http://127.0.0.1:9' });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /search +\$92\.69\/mo +unknown +budget unknown \(origin http:\/\/127\.0\.0\.1:\d+ is not approved/);
    assert.match(run.stderr, /^costlint: search: budget unknown \(origin/m);
    const offline = await runCliAsync(['check', '--offline'], dir, env(dir));
    assert.equal(offline.code, 0);
    assert.match(offline.stderr, /budget unknown \(offline\)/);
    assert.doesNotMatch(offline.stdout, /over-budget/);
    assert.ok(Date.now() - started < 30_000);
  });

  it('never prints the token, even when the server echoes it', async () => {
    echoToken = true;
    const dir = project();
    const run = await runCliAsync(['estimate', '--explain', '--format', 'json'], dir, env(dir));
    const explained = await runCliAsync(['estimate', '--explain'], dir, env(dir));
    echoToken = false;
    const everything = [run.stdout, run.stderr, explained.stdout, explained.stderr, fs.readFileSync(path.join(dir, '.cache', 'budgets.json'), 'utf8')].join('\n');
    assert.match(explained.stdout, /search budget: warehouse for Bearer \[redacted\]/);
    assert.doesNotMatch(everything, new RegExp(TOKEN));
  });

  it('explains config provenance: the config chain, and each number’s file and line', () => {
    const dir = tempProject({ '.costlint.yaml': 'extends: ./base.yaml\nusage:\n  output_tokens: 250\n', 'base.yaml': 'usage:\n  monthly_calls: 3000\n', 'a.ts': RERANK.replace('    max_completion_tokens: 800,\n', '') });
    const run = runCli(['estimate', '--explain'], dir);
    assert.match(run.stdout, /^Config: \.costlint\.yaml \(extends base\.yaml\)$/m);
    assert.match(run.stdout, /Calls per month: 3000 — usage\.monthly_calls: 3,000 calls\/month \(base\.yaml:2\)/);
    assert.match(run.stdout, /Output tokens per call: 250 — usage\.output_tokens: 250 output tokens per call \(\.costlint\.yaml:3\)/);
  });

  it('exits 2 with file:line for a problem in a file the config extends', () => {
    const dir = tempProject({ '.costlint.yaml': 'extends: [costlint:recommended, ./team.yaml]\n', 'team.yaml': 'teams:\n  search:\n    paths: [a]\n    allowed_models: gpt-5\n', 'a.ts': RERANK });
    const run = runCli(['check'], dir);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `costlint: config error: ${path.join(dir, 'team.yaml')}:4: teams.search.allowed_models: Invalid input: expected array, received string\n`);
  });

  it('--write-baseline, then --baseline reports only new findings, after lines moved', () => {
    const dir = tempProject({ 'src/a.ts': RERANK });
    const write = runCli(['check', '--write-baseline'], dir);
    assert.equal(write.code, 0, write.stderr);
    assert.equal(write.stdout, 'Wrote 1 finding to .costlint-baseline.json; "costlint check --baseline" now reports only new ones.\n');
    const moved = `// a new header\n\n${RERANK}export const plan = (q: string) => client.responses.create({ model: 'o3', input: q, max_output_tokens: 100 });\n`;
    fs.writeFileSync(path.join(dir, 'src/a.ts'), moved);
    const run = runCli(['check', '--baseline', '--format', 'json'], dir);
    const [file] = JSON.parse(run.stdout);
    const planLine = moved.split('\n').findIndex((line) => line.includes('const plan')) + 1;
    assert.deepEqual(file.messages.map((m: { line: number; ruleId: string }) => `${m.line} ${m.ruleId}`), [`${planLine} frontier-model-default`]);
    assert.match(run.stderr, /1 finding in the baseline not shown/);
  });

  it('--require-reason turns a suppression without a reason into an error', () => {
    const dir = tempProject({ 'a.ts': RERANK.replace('  return', '  // costlint-disable-next-line frontier-model-default\n  return') });
    assert.equal(runCli(['check'], dir).code, 0);
    const strict = runCli(['check', '--require-reason'], dir);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /6:3 +error +costlint-disable frontier-model-default has no reason: add ` -- <why this cost is accepted>`\. +suppression/);
  });
});
