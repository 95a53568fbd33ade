import { z } from 'zod';
import type { Fact } from '../server/engine/facts';
import { defineRule } from '../server/engine/rule';
import { formatMonthly } from '../server/estimate/money';

export default defineRule({
  id: 'over-budget',
  meta: {
    category: 'budget',
    defaultSeverity: 'warning',
    fixKind: 'none',
    docs: {
      summary: 'The monthly cost a file adds pushes its team’s forecast spend past the team’s budget.',
      remediation: 'Lower the cost with the other findings’ fixes (a cheaper model, an output cap, batching), or agree a higher budget with the team that owns it.',
    },
    messages: {
      overBudget:
        'This adds ≈ {{change}} to {{team}}: forecast {{forecast}} + {{change}} = {{projected}}, over the {{budget}} budget by {{over}} (spent {{actual}} so far, data as of {{asOf}}).',
    },
    options: z
      .object({
        /** Only report when the projection passes the budget by more than this share (0.05 = 5%). */
        margin: z.number().min(0).max(1).default(0),
      })
      .strict(),
  },
  create(context) {
    return {
      'File:exit'(facts) {
        const budget = context.budget;
        if (!budget || budget.state.kind !== 'known' || !facts.length) return;
        const state = budget.state;
        // Estimates are in USD; a budget in another currency is shown, never compared.
        if (state.currency.toUpperCase() !== 'USD') return;
        let fileMonthly = 0;
        let costliest: { fact: Fact; monthly: number } | undefined;
        for (const fact of facts) {
          const monthly = context.estimate(fact).monthly;
          if (monthly === null || monthly <= 0) continue;
          fileMonthly += monthly;
          if (!costliest || monthly > costliest.monthly) costliest = { fact, monthly };
        }
        if (!costliest) return;
        // Figures per month: a quarterly or yearly budget is compared per month of its period.
        const limit = state.monthlyLimit * (1 + context.options.margin);
        const before = state.forecastMonthly + budget.pendingMonthly;
        const after = before + fileMonthly;
        if (after <= limit || before > limit) return;
        const range = costliest.fact.kind === 'LlmCall' ? costliest.fact.calleeRange : costliest.fact.nameRange;
        context.report({
          messageId: 'overBudget',
          data: {
            team: budget.team,
            change: formatMonthly(fileMonthly + budget.pendingMonthly),
            forecast: formatMonthly(state.forecastMonthly),
            projected: formatMonthly(after),
            budget: formatMonthly(state.monthlyLimit),
            over: formatMonthly(after - state.monthlyLimit),
            actual: formatMonthly(state.spentMonthly),
            asOf: state.dataAsOf,
          },
          range,
          fact: costliest.fact,
        });
      },
    };
  },
});
