import { z } from 'zod';
import { extrapolate } from '../state';
import { configuredBudget, currentMonth, joinUrl, type AdapterResult, type BudgetAdapter } from './types';

/** `GET /v1/organizations/cost_report`: daily buckets of `{ amount, currency, workspace_id }`, amounts in cents as decimal strings. */
const CostReport = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      ending_at: z.string(),
      results: z.array(z.object({ amount: z.string(), currency: z.string().optional(), workspace_id: z.string().nullable().optional() })),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

const MAX_PAGES = 10;

/** Month-to-date spend of an Anthropic workspace (`budgets.teams.<team>: wrkspc_…`) from the Admin API cost report; budget from config. */
export const anthropicAdapter: BudgetAdapter = {
  network: true,
  tokenRequired: true,
  defaultUrl: 'https://api.anthropic.com',
  auth: { header: 'x-api-key' },
  headers: { 'anthropic-version': '2023-06-01' },
  async fetch(context): Promise<AdapterResult> {
    const period = currentMonth(context.now);
    let cents = 0;
    let currency = 'USD';
    let lastEnd = period.start;
    let page: string | null | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const query = `?starting_at=${encodeURIComponent(period.start)}&bucket_width=1d&group_by[]=workspace_id&limit=31${page ? `&page=${encodeURIComponent(page)}` : ''}`;
      const result = await context.get(joinUrl(context.baseUrl, `/v1/organizations/cost_report${query}`));
      if (!result.ok) return result;
      const parsed = CostReport.safeParse(result.body);
      if (!parsed.success) return { ok: false, reason: `unexpected Anthropic cost report shape (${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message})` };
      for (const bucket of parsed.data.data) {
        if (Date.parse(bucket.ending_at) > Date.parse(lastEnd)) lastEnd = bucket.ending_at;
        for (const item of bucket.results) {
          if (item.workspace_id !== context.remote) continue;
          const amount = Number(item.amount);
          if (!Number.isFinite(amount)) return { ok: false, reason: `unexpected Anthropic amount "${item.amount}"` };
          cents += amount;
          if (item.currency) currency = item.currency.toUpperCase();
        }
      }
      page = parsed.data.next_page;
      if (!parsed.data.has_more || !page) break;
    }
    const dataAsOf = new Date(Math.min(Date.parse(lastEnd), context.now.getTime())).toISOString();
    const actual = cents / 100;
    return {
      ok: true,
      figures: {
        team: context.team,
        currency,
        period,
        budget: configuredBudget(context),
        actual,
        forecast: extrapolate(actual, period, dataAsOf),
        forecastKind: 'extrapolated',
        dataAsOf,
        source: `Anthropic cost report (workspace ${context.remote})`,
      },
    };
  },
};
