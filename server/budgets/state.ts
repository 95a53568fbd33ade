import { formatMonthly } from '../estimate/money';

/** A team's budget figures for one period, amounts in `currency` units (decimal strings parsed). */
export interface BudgetFigures {
  team: string;
  currency: string;
  period: { granularity: string; start: string; end: string };
  /** The budget for the period; null when the team has none. */
  budget: number | null;
  /** Spend so far in the period. */
  actual: number;
  /** Expected spend at the end of the period. */
  forecast: number;
  /** `reported` by the cost API, or `extrapolated` here from spend so far. */
  forecastKind: 'reported' | 'extrapolated';
  /** When the cost data was true (ISO 8601). */
  dataAsOf: string;
  /** What the cost API says the figures come from (a finance system, OpenCost). */
  source: string;
  breakdown?: { category: string; actual: number }[];
}

/**
 * What surfaces show for a team's budget. `known` carries monthly figures (`monthlyLimit`,
 * `spentMonthly`) for the status bar; `stale` when served from the cache after a failure, with
 * `staleReason` saying why. `unknown` says why in a few words, never guesses.
 */
export type BudgetState =
  | (BudgetFigures & {
      kind: 'known';
      monthlyLimit: number;
      spentMonthly: number;
      forecastMonthly: number;
      /** Months in the budget period (1 for a monthly budget). */
      periodMonths: number;
      asOf: string;
      fetchedAt: string;
      stale: boolean;
      staleReason?: string;
    })
  | { kind: 'unknown'; team: string | null; reason: string; staleAsOf?: string };

/** The budget a rule compares a file with: the team's state, and the monthly cost of files linted before it in this run. */
export interface TeamBudget {
  team: string;
  state: BudgetState;
  /** USD per month already added by earlier files of the same team in this run (0 in the editor). */
  pendingMonthly: number;
}

const DAY = 86_400_000;

/** Months in a period (a calendar month is 1), from its dates. */
export function periodMonths(period: { start: string; end: string }): number {
  const days = (Date.parse(period.end) - Date.parse(period.start)) / DAY;
  return Number.isFinite(days) && days > 0 ? Math.max(1, Math.round(days / 30.44)) : 1;
}

/** Spend so far scaled to the whole period, when the API gives no forecast. */
export function extrapolate(actual: number, period: { start: string; end: string }, asOf: string): number {
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  const at = Math.min(Date.parse(asOf), end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(at) || at - start < DAY) return actual;
  return (actual * (end - start)) / (at - start);
}

/** Figures as a state: known when the team has a budget. */
export function stateOf(figures: BudgetFigures, fetchedAt: string, stale: { reason: string } | null): BudgetState {
  if (figures.budget === null) return { kind: 'unknown', team: figures.team, reason: `no budget set for ${figures.team} in ${figures.source}` };
  const months = periodMonths(figures.period);
  return {
    ...figures,
    kind: 'known',
    monthlyLimit: figures.budget / months,
    spentMonthly: figures.actual / months,
    forecastMonthly: figures.forecast / months,
    periodMonths: months,
    asOf: figures.dataAsOf,
    fetchedAt,
    stale: stale !== null,
    ...(stale ? { staleReason: stale.reason } : {}),
  };
}

/** A team's monthly cost as a percentage of its monthly budget (for `% of team budget` lenses). */
export function shareOfBudget(state: BudgetState, monthly: number | null): number | null {
  if (state.kind !== 'known' || monthly === null || state.monthlyLimit <= 0) return null;
  return (monthly / state.monthlyLimit) * 100;
}

/** One line for a status bar or a table: `search: $4,200/mo of $5,000/mo (forecast $4,900/mo)` or `budget unknown (…)`. */
export function describeBudget(state: BudgetState): string {
  if (state.kind === 'unknown') return `budget unknown (${state.reason}${state.staleAsOf ? `, stale as of ${state.staleAsOf}` : ''})`;
  const money = (n: number) => (state.currency.toUpperCase() === 'USD' ? formatMonthly(n) : `${n.toFixed(2)} ${state.currency}/mo`);
  const stale = state.stale ? `; stale as of ${state.fetchedAt}${state.staleReason ? `: ${state.staleReason}` : ''}` : '';
  return `${state.team}: spent ${money(state.spentMonthly)} of ${money(state.monthlyLimit)}, forecast ${money(state.forecastMonthly)} (data as of ${state.dataAsOf}${stale})`;
}
