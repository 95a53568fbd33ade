import { figuresOf, parseBudgetResponse, type BudgetEntry } from '../contract';
import { joinUrl, type AdapterResult, type BudgetAdapter } from './types';

/** Pages read before giving up on a server that keeps answering `nextCursor`. */
const MAX_PAGES = 20;

/** The vendor-neutral contract over HTTP: `GET {baseUrl}/v1/budgets?team=<team>&period=current`, following `nextCursor`. */
export const costlintAdapter: BudgetAdapter = {
  network: true,
  tokenRequired: false,
  async fetch(context): Promise<AdapterResult> {
    const entries: BudgetEntry[] = [];
    let cursor: string | null | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = `?team=${encodeURIComponent(context.remote)}&period=current${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const result = await context.get(joinUrl(context.baseUrl, `/v1/budgets${query}`));
      if (!result.ok) return result;
      const parsed = parseBudgetResponse(result.body);
      if (!parsed.ok) return parsed;
      entries.push(...parsed.response.budgets);
      const match = entries.find((e) => e.team === context.remote);
      if (match) return { ok: true, figures: figuresOf(match, context.team) };
      cursor = parsed.response.nextCursor;
      if (!cursor) break;
    }
    return { ok: false, reason: `no budget for team "${context.remote}" in the answer` };
  },
};
