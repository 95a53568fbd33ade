import * as assert from 'node:assert/strict';
import { lintPaths } from '../../server/engine/run';
import { github, escapeData, escapeProperty } from '../../server/formats/github';
import { gitlab } from '../../server/formats/gitlab';
import { rdjsonl } from '../../server/formats/rdjsonl';
import { markdown, summary, truncateMarkdown, COMMENT_MARKER } from '../../server/formats/markdown';
import type { FormatInput } from '../../server/formats/types';
import { tempProject } from '../support/cli';
import { monthlyBudget } from '../support/budgets';
import { diffItems } from '../../server/diff/cost-diff';
import type { EstimateItem } from '../../server/formats/estimate';

const HEADER = `import OpenAI from 'openai';\nconst client = new OpenAI();\n`;
/** `n` uncapped gpt-5 calls: a frontier-model-default and a missing-max-tokens warning each. */
const calls = (n: number, model = 'gpt-5') =>
  HEADER + Array.from({ length: n }, (_, i) => `// costlint-usage monthly_calls=${(i + 1) * 1000}\nexport const ask${i} = (q: string) => client.chat.completions.create({ model: '${model}', messages: [{ role: 'user', content: q }] });\n`).join('');
/** `n` clients retried forever: an unbounded-retry error each. */
const retries = (n: number) =>
  `import OpenAI from 'openai';\n` + Array.from({ length: n }, (_, i) => `const c${i} = new OpenAI({ maxRetries: Infinity });\nexport const r${i} = (q: string) => c${i}.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });\n`).join('');

async function inputFor(files: Record<string, string>): Promise<FormatInput> {
  const cwd = tempProject(files);
  const result = await lintPaths({ cwd, paths: ['.'], today: '2026-01-01' });
  return { reports: result.reports, skipped: result.skipped, cwd, color: false };
}

describe('CI formats', function () {
  this.timeout(120_000);

  describe('github workflow commands', () => {
    it('escapes %, CR and LF in messages, and also : and , in properties', () => {
      assert.equal(escapeData('50% off\r\nnext: a,b'), '50%25 off%0D%0Anext: a,b');
      assert.equal(escapeProperty('src/a,b:c.ts 5%'), 'src/a%2Cb%3Ac.ts 5%25');
    });

    it('annotates with file, line, columns and title, escaping the path', async () => {
      const input = await inputFor({ 'src/a,b:c.ts': calls(1) });
      const lines = github(input).trimEnd().split('\n');
      assert.equal(lines.length, 2);
      const cap = lines.find((l) => l.includes('missing-max-tokens'));
      assert.match(cap ?? '', /^::warning file=src\/a%2Cb%3Ac\.ts,line=4,endLine=4,col=\d+,endColumn=\d+,title=costlint missing-max-tokens \(≈ \$[\d.]+\/mo\)::LLM call has no output cap: .*%0AFix: .*%0Ahttps:\/\/github\.com\/costlint\/costlint\/blob\/main\/docs\/rules\/missing-max-tokens\.md$/);
      assert.doesNotMatch(cap ?? '', /\n/);
    });

    it('prints the most expensive first, at most 10 per kind, and one notice of how many more', async () => {
      const input = await inputFor({ 'a.ts': calls(15), 'b.ts': retries(12) });
      const lines = github(input).trimEnd().split('\n');
      const warnings = lines.filter((l) => l.startsWith('::warning '));
      const errors = lines.filter((l) => l.startsWith('::error '));
      assert.equal(warnings.length, 10);
      assert.equal(errors.length, 10);
      // 30 warnings and 12 errors found; 20 annotated.
      assert.equal(lines.at(-1), '::notice title=costlint%3A more findings::22 more findings not annotated (GitHub shows 10 per kind per step). See the job summary, the SARIF upload in code scanning, or run costlint check locally.');
      const costs = warnings.map((l) => Number(/≈ \$([\d.]+)\/mo/.exec(l)?.[1].replace(/%2C/g, '')));
      assert.deepEqual(costs, [...costs].sort((a, b) => b - a));
      // The costliest call (15,000 calls/month, line 32) comes first.
      assert.match(warnings[0], /line=32,/);
    });

    it('prints nothing for a clean run', async () => {
      assert.equal(github(await inputFor({ 'a.ts': 'export const x = 1;\n' })), '');
    });
  });

  it('gitlab: Code Quality issues with a unique fingerprint each, also for identical code', async () => {
    const same = `${HEADER}export const a = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });\n`;
    const input = await inputFor({ 'src/a.ts': same + same.split('\n').slice(2).join('\n') });
    const issues = JSON.parse(gitlab(input));
    assert.equal(issues.length, 2);
    assert.notEqual(issues[0].fingerprint, issues[1].fingerprint);
    assert.deepEqual(
      issues.map((i: { check_name: string; severity: string; location: unknown }) => [i.check_name, i.severity, i.location]),
      [
        ['missing-max-tokens', 'minor', { path: 'src/a.ts', lines: { begin: 3, end: 3 } }],
        ['missing-max-tokens', 'minor', { path: 'src/a.ts', lines: { begin: 4, end: 4 } }],
      ],
    );
    assert.match(issues[0].description, /^LLM call has no output cap/);
    assert.match(issues[0].fingerprint, /^[0-9a-f]{32}$/);
  });

  it('rdjsonl: one diagnostic a line, UTF-8 byte columns, suggestions from fixes', async () => {
    const text = `${HEADER}const é = 'ü'; export const a = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });\n`;
    const input = await inputFor({ 'a.ts': text });
    const lines = rdjsonl(input).trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const d = JSON.parse(lines[0]);
    const callee = text.split('\n')[2].indexOf('client.chat.completions.create');
    // é and ü are 2 bytes each in UTF-8: the byte column is 2 past the UTF-16 one.
    assert.deepEqual(d.location, { path: 'a.ts', range: { start: { line: 3, column: callee + 1 + 2 }, end: { line: 3, column: callee + 1 + 2 + 'client.chat.completions.create'.length } } });
    assert.equal(d.severity, 'WARNING');
    assert.deepEqual(d.code, { value: 'missing-max-tokens', url: 'https://github.com/costlint/costlint/blob/main/docs/rules/missing-max-tokens.md' });
    assert.equal(d.suggestions[0].text, ', max_completion_tokens: 1024');
  });

  describe('markdown', () => {
    it('the comment body: marker, findings costliest first with their fixes as diffs', async () => {
      const body = markdown(await inputFor({ 'src/a.ts': calls(1) }));
      assert.ok(body.startsWith(`${COMMENT_MARKER}\n### costlint: 2 findings\n`));
      assert.match(body, /- ⚠️ \[`frontier-model-default`\]\(https:\/\/github.com\/costlint\/costlint\/blob\/main\/docs\/rules\/frontier-model-default.md\) `src\/a.ts:4` · ≈ \$/);
      assert.match(body, /<details><summary>Fix: Add max_completion_tokens[^<]*<\/summary>\n\n {2}```diff\n {2}-export const ask0 = .*\n {2}\+export const ask0 = .*max_completion_tokens: 1024.*\n {2}```\n {2}<\/details>/);
    });

    it('says "✅ no cost findings" when there are none', async () => {
      const body = markdown(await inputFor({ 'a.ts': 'export const x = 1;\n' }));
      assert.match(body, /^✅ no cost findings\.$/m);
      assert.match(summary(await inputFor({ 'a.ts': 'export const x = 1;\n' })), /✅ no cost findings/);
    });

    it('the job summary counts findings by rule and severity', async () => {
      const text = summary(await inputFor({ 'a.ts': calls(2), 'b.ts': retries(1) }));
      assert.match(text, /^\| `frontier-model-default` \| 0 \| 2 \| 0 \| ≈ \$[\d,.]+\/mo \|$/m);
      assert.match(text, /^\| `unbounded-retry` \| 1 \| 0 \| 0 \|/m);
      assert.match(text, /^\| \*\*total\*\* \| \*\*1\*\* \| \*\*4\*\* \| \*\*0\*\* \| \|$/m);
    });

    it('shows each team’s budget with this change’s delta, over or within, and unknown budgets with the reason', async () => {
      const input = await inputFor({ 'a.ts': 'export const x = 1;\n' });
      const item = (team: string, monthly: number, name: string): EstimateItem & { file: string } =>
        ({ file: `${team}.ts`, filePath: `/r/${team}.ts`, line: 1, team, kind: 'llm-call', name, provider: 'openai', model: 'gpt-5', monthly, price: null, components: [], assumptions: [], notes: [] });
      const diff = diffItems([item('search', 100, 'a')], [item('search', 400, 'a'), item('platform', 50, 'b')], { baseRef: 'main', mergeBase: 'abc1234def' });
      const budgets = new Map([
        ['search', monthlyBudget({ team: 'search', budget: 1000, actual: 500, forecast: 900 }).state],
        ['platform', monthlyBudget({ team: 'platform', budget: 1000, actual: 100, forecast: 200 }).state],
        ['ml', { kind: 'unknown' as const, team: 'ml', reason: 'cannot connect (ECONNREFUSED)' }],
      ]);
      const body = markdown({ ...input, diff, budgets });
      assert.match(body, /^\| search \| \$1,000\/mo \| \$900\.00\/mo \| \+\$300\.00\/mo \| 120% of budget 🔴 over \|$/m);
      assert.match(body, /^\| platform \| \$1,000\/mo \| \$200\.00\/mo \| \+\$50\.00\/mo \| 25% of budget 🟢 \|$/m);
      assert.match(body, /^\| ml \| \| \| \$0\/mo \| budget unknown \(cannot connect \(ECONNREFUSED\)\) \|$/m);
      assert.match(body, /^### costlint: \+\$350\.00\/mo 📈$/m);
      assert.match(summary({ ...input, diff, budgets }), /120% of budget 🔴 over/);
    });

    it('truncates at a line under the limit, closes open blocks and says so', () => {
      const long = ['# title', '<details><summary>x</summary>', '```diff', ...Array.from({ length: 5000 }, (_, i) => `+line ${i}`), '```', '</details>'].join('\n');
      const cut = truncateMarkdown(long, 2000, 'see the job summary', 'chars');
      assert.ok(cut.length <= 2000, String(cut.length));
      assert.match(cut, /\+line \d+\n```\n<\/details>\n\n---\n⚠️ Truncated: see the job summary\n$/);
      assert.equal(truncateMarkdown('short', 2000, 'x'), 'short');
    });
  });
});
