import * as assert from 'node:assert/strict';
import { runCli, tempProject } from '../support/cli';

const APP = `import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
const openai = new OpenAI();
const anthropic = new Anthropic();
// costlint-usage monthly_calls=50000
export const tag = (t: string) => openai.responses.create({ model: 'gpt-5-mini', input: \`Tag: \${t}\`, max_output_tokens: 10 });
export const answer = (q: string) =>
  anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 300, system: 'Be brief.', messages: [{ role: 'user', content: q }] });
export const mystery = (q: string) => openai.responses.create({ model: 'acme-private-1', input: q });
`;

describe('costlint estimate', () => {
  const dir = tempProject({ 'app.ts': APP, '.costlint.yaml': 'usage:\n  monthly_calls: 1000\n  dynamic_input_tokens: 200\n' });

  it('lists every call with tokens, $/call and $/month in JSON, with the assumptions used', () => {
    const run = runCli(['estimate', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.items.length, 3);
    const [tag, answer, mystery] = out.items;
    assert.deepEqual([tag.line, tag.provider, tag.model, tag.modelSource, tag.outputTokens], [6, 'openai', 'gpt-5-mini', 'literal', 10]);
    assert.ok(tag.filePath.endsWith('app.ts'));
    const calls = tag.assumptions.find((a: { name: string }) => a.name === 'Calls per month');
    assert.deepEqual([calls.value, calls.source.kind, calls.source.line], [50000, 'annotation', 5]);
    // gpt-5-mini: $0.25/M input, $2/M output; input = "Tag: " (3 o200k tokens) + 200 assumed, output = 10 (cap).
    assert.equal(tag.inputTokens, 203);
    assert.ok(Math.abs(tag.perCall - (203 * 0.25 + 10 * 2) / 1e6) < 1e-12);
    assert.ok(Math.abs(tag.monthly - tag.perCall * 50000) < 1e-9);
    const answerCalls = answer.assumptions.find((a: { name: string }) => a.name === 'Calls per month');
    assert.deepEqual([answerCalls.value, answerCalls.source.kind, answerCalls.source.line], [1000, 'config', 2]);
    assert.equal(answer.price.asOf, '2026-09-23');
    assert.equal(mystery.monthly, null);
    assert.equal(mystery.inputTokens, 200, 'a plain variable as input is one dynamic part, not a chat history');
    assert.deepEqual(mystery.notes, ['no price for model acme-private-1; add it under pricing overrides']);
    assert.equal(out.unpriced, 1);
    assert.ok(Math.abs(out.totalMonthlyCost - (tag.monthly + answer.monthly)) < 1e-9);
  });

  it('prints a table grouped by file with a total, and explains every number', () => {
    const table = runCli(['estimate'], dir);
    assert.match(table.stdout, /^app\.ts$/m);
    assert.match(table.stdout, /6 +openai\.responses\.create +openai gpt-5-mini +203 in \/ 10 out +\$[\d.]+\/call +\$[\d.]+\/mo/);
    assert.match(table.stdout, /Total: \$[\d.,]+\/mo across 2 priced items \(1 without a price\)/);
    const explained = runCli(['estimate', '--explain'], dir);
    assert.match(explained.stdout, /Calls per month: 50000 — costlint-usage monthly_calls on line 5/);
    assert.match(explained.stdout, /Output tokens \(cap\): 10 × \$2\.00 per 1M tokens — max_output_tokens: 10/);
    assert.match(explained.stdout, /\(as of 2026-09-23\)/);
  });
});
