import { z } from 'zod';
import { extrapolate } from '../state';
import { configuredBudget, currentMonth, joinUrl, type AdapterContext, type AdapterResult, type BudgetAdapter } from './types';

/** OpenCost / Kubecost allocation: `{ code, data: [ { "<namespace or label value>": { totalCost, window } } ] }`, one set per step. */
const AllocationResponse = z.object({
  code: z.number().optional(),
  data: z.array(
    z.record(
      z.string(),
      z.object({
        name: z.string().optional(),
        totalCost: z.number(),
        window: z.object({ start: z.string().nullable().optional(), end: z.string().nullable().optional() }).optional(),
        end: z.string().optional(),
      }),
    ).nullable(),
  ),
});

/**
 * Month-to-date spend per team from the allocation API, a team being a namespace (default) or a
 * label value (`budgets.aggregate: label:team`). The budget comes from `budgets.monthly_usd`.
 */
function allocationAdapter(product: 'OpenCost' | 'Kubecost', route: string): BudgetAdapter {
  return {
    network: true,
    tokenRequired: false,
    async fetch(context: AdapterContext): Promise<AdapterResult> {
      const aggregate = context.config.aggregate ?? 'namespace';
      const result = await context.get(joinUrl(context.baseUrl, `${route}?window=month&aggregate=${encodeURIComponent(aggregate)}&accumulate=true`));
      if (!result.ok) return result;
      const parsed = AllocationResponse.safeParse(result.body);
      if (!parsed.success) return { ok: false, reason: `unexpected ${product} response shape (${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message})` };
      let actual = 0;
      let found = false;
      let asOf: string | undefined;
      for (const set of parsed.data.data) {
        const allocation = set?.[context.remote];
        if (!allocation) continue;
        found = true;
        actual += allocation.totalCost;
        asOf = allocation.window?.end ?? allocation.end ?? asOf;
      }
      if (!found) return { ok: false, reason: `no ${aggregate} "${context.remote}" in ${product} allocations` };
      const period = currentMonth(context.now);
      const dataAsOf = asOf && !Number.isNaN(Date.parse(asOf)) ? asOf : context.now.toISOString();
      return {
        ok: true,
        figures: {
          team: context.team,
          currency: 'USD',
          period,
          budget: configuredBudget(context),
          actual,
          forecast: extrapolate(actual, period, dataAsOf),
          forecastKind: 'extrapolated',
          dataAsOf,
          source: `${product} allocation (${aggregate} ${context.remote})`,
        },
      };
    },
  };
}

export const opencostAdapter = allocationAdapter('OpenCost', '/allocation');
export const kubecostAdapter = allocationAdapter('Kubecost', '/model/allocation');
