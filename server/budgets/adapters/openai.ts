import { z } from 'zod';
import { extrapolate } from '../state';
import { configuredBudget, currentMonth, joinUrl, type AdapterResult, type BudgetAdapter } from './types';

/** `GET /v1/organization/costs`: daily buckets of `{ amount: { value, currency }, project_id }`, paged by `next_page`. */
const CostsPage = z.object({
  data: z.array(
    z.object({
      start_time: z.number(),
      end_time: z.number(),
      results: z.array(z.object({ amount: z.object({ value: z.number(), currency: z.string() }).nullable().optional(), project_id: z.string().nullable().optional() })),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

const MAX_PAGES = 10;

/** Month-to-date spend of an OpenAI project (`budgets.teams.<team>: proj_…`) from the organization costs API; budget from config. */
export const openaiAdapter: BudgetAdapter = {
  network: true,
  tokenRequired: true,
  defaultUrl: 'https://api.openai.com',
  async fetch(context): Promise<AdapterResult> {
    const period = currentMonth(context.now);
    const start = Math.floor(Date.parse(period.start) / 1000);
    let actual = 0;
    let currency = 'USD';
    let lastEnd = start;
    let page: string | null | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const query = `?start_time=${start}&bucket_width=1d&group_by=project_id&limit=31${page ? `&page=${encodeURIComponent(page)}` : ''}`;
      const result = await context.get(joinUrl(context.baseUrl, `/v1/organization/costs${query}`));
      if (!result.ok) return result;
      const parsed = CostsPage.safeParse(result.body);
      if (!parsed.success) return { ok: false, reason: `unexpected OpenAI costs response shape (${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message})` };
      for (const bucket of parsed.data.data) {
        lastEnd = Math.max(lastEnd, bucket.end_time);
        for (const item of bucket.results) {
          if (item.project_id !== context.remote || !item.amount) continue;
          actual += item.amount.value;
          currency = item.amount.currency.toUpperCase();
        }
      }
      page = parsed.data.next_page;
      if (!parsed.data.has_more || !page) break;
    }
    const dataAsOf = new Date(Math.min(lastEnd * 1000, context.now.getTime())).toISOString();
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
        source: `OpenAI organization costs (project ${context.remote})`,
      },
    };
  },
};
