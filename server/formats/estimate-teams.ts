import type { BusinessUnit } from '../engine/rule';
import type { BudgetState } from '../budgets/state';
import { describeBudget } from '../budgets/state';
import { formatMonthly, formatUsd } from '../estimate/money';
import type { EstimateItem } from './estimate';

/** One team's share of what `costlint estimate` found, beside its budget. */
export interface TeamEstimate {
  team: string | null;
  /** USD per month of the priced items of this team found in the code. */
  monthly: number;
  items: number;
  unpriced: number;
  budget: BudgetState | null;
  /** Forecast spend plus the code's monthly cost, as a percentage of the monthly budget. */
  projectedShare: number | null;
  /** Cost per business unit (`ticket`), when the team declares units. */
  perUnit: { unit: string; perMonth: number; cost: number }[];
}

/** Groups items by team (files no team owns last), with each team's budget and units. */
export function teamEstimates(items: readonly EstimateItem[], budgets: ReadonlyMap<string, BudgetState>, unitsOf: (team: string) => BusinessUnit[]): TeamEstimate[] {
  const groups = new Map<string | null, EstimateItem[]>();
  for (const item of items) groups.set(item.team, [...(groups.get(item.team) ?? []), item]);
  const rows: TeamEstimate[] = [];
  for (const [team, list] of groups) {
    const monthly = list.reduce((sum, i) => sum + (i.monthly ?? 0), 0);
    const budget = team ? (budgets.get(team) ?? null) : null;
    const projectedShare = budget?.kind === 'known' && budget.monthlyLimit > 0 && budget.currency === 'USD' ? ((budget.forecastMonthly + monthly) / budget.monthlyLimit) * 100 : null;
    rows.push({
      team,
      monthly,
      items: list.length,
      unpriced: list.filter((i) => i.monthly === null).length,
      budget,
      projectedShare,
      perUnit: team ? unitsOf(team).filter((u) => u.perMonth > 0).map((u) => ({ unit: u.name, perMonth: u.perMonth, cost: monthly / u.perMonth })) : [],
    });
  }
  return rows.sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team)));
}

/** The "By team" table: this code's monthly cost beside the team's budget, spend and forecast. */
export function teamTable(rows: readonly TeamEstimate[], options: { explain: boolean }): string {
  if (!rows.some((r) => r.team !== null)) return '';
  const header = ['team', 'this code', 'budget', 'spent', 'forecast', 'forecast + code', ''];
  const table = rows.map((row) => {
    const name = row.team ?? '(no team)';
    const code = formatMonthly(row.monthly);
    const state = row.budget;
    if (!state) return [name, code, row.team ? 'no budget source' : '', '', '', '', ''];
    if (state.kind === 'unknown') return [name, code, 'unknown', '', '', '', describeBudget(state)];
    const share = row.projectedShare === null ? '' : `${Math.round(row.projectedShare)}% of budget${row.projectedShare > 100 ? ', over' : ''}${state.stale ? ' (stale)' : ''}`;
    return [name, code, formatMonthly(state.monthlyLimit), formatMonthly(state.spentMonthly), formatMonthly(state.forecastMonthly), formatMonthly(state.forecastMonthly + row.monthly), share];
  });
  const out = ['By team', ...align([header, ...table]).map((line) => `  ${line}`)];
  for (const row of rows) {
    for (const unit of row.perUnit) out.push(`  ${row.team}: ${formatUsd(unit.cost)} per ${unit.unit} (${unit.perMonth.toLocaleString('en-US')} ${unit.unit}s/month)`);
  }
  if (options.explain) {
    for (const row of rows) {
      if (row.budget?.kind === 'known') {
        const b = row.budget;
        out.push(`  ${b.team} budget: ${b.source}; ${b.period.granularity} ${b.period.start.slice(0, 10)}–${b.period.end.slice(0, 10)}; forecast ${b.forecastKind}; data as of ${b.dataAsOf}; fetched ${b.fetchedAt}${b.stale ? ` (stale: ${b.staleReason})` : ''}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}
