import * as assert from 'node:assert/strict';
import rule from '../../rules/over-budget';
import { lintCase, ruleTester } from '../support/rule-tester';
import { monthlyBudget } from '../support/budgets';
import { stateOf } from '../../server/budgets/state';

// gpt-5 at the default 10,000 calls/month with an 800-token cap: ≈ $85/month.
const RERANK = `import OpenAI from 'openai';
const client = new OpenAI();
export const rerank = (query: string) =>
  client.chat.completions.create({ model: 'gpt-5', max_completion_tokens: 800, messages: [{ role: 'user', content: query }] });
`;
const TWO_CALLS = `import OpenAI from 'openai';
const client = new OpenAI();
export const small = (q: string) => client.chat.completions.create({ model: 'gpt-5-nano', max_completion_tokens: 50, messages: [{ role: 'user', content: q }] });
export const big = (q: string) => client.chat.completions.create({ model: 'gpt-5', max_completion_tokens: 800, messages: [{ role: 'user', content: q }] });
`;
const CONSTANT = `export const x = 1;\n`;

ruleTester.run('over-budget', rule, {
  valid: [
    { name: 'no budget known: silent', lang: 'ts', code: RERANK },
    { name: 'forecast plus this file stays under the budget', lang: 'ts', code: RERANK, budget: monthlyBudget({ team: 'search', budget: 1000, actual: 300, forecast: 450 }) },
    { name: 'already over before this file: the status bar says so, not every file', lang: 'ts', code: RERANK, budget: monthlyBudget({ team: 'search', budget: 1000, actual: 900, forecast: 1200 }) },
    { name: 'within the margin', lang: 'ts', code: RERANK, options: { margin: 0.1 }, budget: monthlyBudget({ team: 'search', budget: 1000, actual: 640, forecast: 990 }) },
    { name: 'a file with no priced facts adds nothing', lang: 'ts', code: CONSTANT, budget: monthlyBudget({ team: 'search', budget: 1000, actual: 640, forecast: 999 }) },
    {
      name: 'an unknown budget is never guessed',
      lang: 'ts',
      code: RERANK,
      budget: { team: 'search', state: { kind: 'unknown', team: 'search', reason: 'timed out after 3000 ms' }, pendingMonthly: 0 },
    },
  ],
  invalid: [
    {
      name: 'this file tips the forecast over: reported on its costliest call',
      lang: 'ts',
      code: TWO_CALLS,
      budget: monthlyBudget({ team: 'search', budget: 1000, actual: 640, forecast: 990 }),
      errors: [{ messageId: 'overBudget', line: 4, column: 35, endLine: 4, endColumn: 65 }],
      output: null,
    },
    {
      name: 'earlier files of the run count as part of the change',
      lang: 'ts',
      code: RERANK,
      budget: monthlyBudget({ team: 'search', budget: 1000, actual: 500, forecast: 850, pending: 100 }),
      errors: [{ messageId: 'overBudget', line: 4, column: 3, endLine: 4, endColumn: 33 }],
      output: null,
    },
  ],
});

describe('over-budget: the numbers in the message', () => {
  it('names the team, the change, the forecast, the projection, the budget and the spend', () => {
    const report = lintCase(rule, { lang: 'ts', code: RERANK, budget: monthlyBudget({ team: 'search', budget: 1000, actual: 640, forecast: 990 }) });
    const [finding] = report.findings;
    const monthly = finding.estimate!.monthly!;
    assert.ok(monthly > 10 && monthly < 1000, `the call costs ${monthly}/month`);
    const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
    assert.match(finding.message, /^This adds ≈ \$[\d.,]+\/mo to search: forecast \$990\.00\/mo \+ \$[\d.,]+\/mo = \$[\d,]+\/mo, over the \$1,000\/mo budget by \$[\d.,]+\/mo \(spent \$640\.00\/mo so far, data as of 2026-11-20T00:00:00Z\)\.$/);
    assert.ok(finding.message.includes(`= ${money(990 + monthly)}/mo`), finding.message);
  });

  it('compares a quarterly budget per month of its quarter', () => {
    const quarter = stateOf(
      {
        team: 'search',
        currency: 'USD',
        period: { granularity: 'quarter', start: '2026-10-01T00:00:00Z', end: '2027-01-01T00:00:00Z' },
        budget: 3000,
        actual: 1500,
        forecast: 2970,
        forecastKind: 'reported',
        dataAsOf: '2026-11-20T00:00:00Z',
        source: 'finance',
      },
      '2026-11-20T00:00:00Z',
      null,
    );
    assert.equal(quarter.kind === 'known' && quarter.monthlyLimit, 1000);
    const report = lintCase(rule, { lang: 'ts', code: RERANK, budget: { team: 'search', state: quarter, pendingMonthly: 0 } });
    assert.deepEqual(report.findings.map((f) => f.messageId), ['overBudget']);
  });

  it('never compares a budget in another currency with USD estimates', () => {
    const budget = monthlyBudget({ team: 'search', budget: 1000, actual: 640, forecast: 990 });
    if (budget.state.kind === 'known') budget.state.currency = 'EUR';
    assert.deepEqual(lintCase(rule, { lang: 'ts', code: RERANK, budget }).findings, []);
  });
});
