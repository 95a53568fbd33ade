import type { CostDiff, DiffItem, MonthlyTriple } from '../diff/cost-diff';
import { formatMonthly } from '../estimate/money';

/** `+$80.00/mo`, `-$5.00/mo`, `$0/mo`. */
export function formatDelta(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return rounded > 0 ? `+${formatMonthly(rounded)}` : formatMonthly(rounded);
}

/** `+12%`, or '' when there was nothing before. */
export function formatPercent(total: MonthlyTriple): string {
  if (total.before <= 0) return '';
  const pct = (total.delta / total.before) * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(Math.abs(pct) < 10 ? 1 : 0)}%`;
}

const MARK: Record<DiffItem['change'], string> = { added: '+', removed: '-', changed: '~', unchanged: ' ' };

/** The items a reader cares about: what was added, removed or changed in price or kind. */
export const changedItems = (diff: CostDiff) => diff.items.filter((i) => i.change !== 'unchanged');

/** `openai gpt-4o → openai gpt-5`, or one side. */
export function whatChanged(item: DiffItem): string {
  if (item.beforeWhat && item.afterWhat && item.beforeWhat !== item.afterWhat) return `${item.beforeWhat} → ${item.afterWhat}`;
  return item.afterWhat ?? item.beforeWhat ?? '';
}

/** The terminal table of `costlint estimate --base`, grouped by file, like `infracost diff`. */
export function costDiffTable(diff: CostDiff): string {
  const out = [`Cost diff against ${diff.baseRef} (merge-base ${diff.mergeBase.slice(0, 12)})`, ''];
  const changed = changedItems(diff);
  if (!changed.length) out.push('No call or resource changed in cost.', '');
  const byFile = new Map<string, DiffItem[]>();
  for (const item of changed) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  for (const [file, items] of byFile) {
    out.push(file);
    const rows = items.map((i) => [`  ${MARK[i.change]} ${i.line}`, i.kind === 'llm-call' ? i.name : '', whatChanged(i), `${formatMonthly(i.monthlyCost.before)} → ${formatMonthly(i.monthlyCost.after)}`, `${formatDelta(i.monthlyCost.delta)}${i.unpriced ? ' (partly unpriced)' : ''}`]);
    out.push(...align(rows), '');
  }
  const t = diff.totalMonthlyCost;
  const pct = formatPercent(t);
  out.push(`Monthly cost: ${formatMonthly(t.before)} → ${formatMonthly(t.after)} (${formatDelta(t.delta)}${pct ? `, ${pct}` : ''})`);
  return `${out.join('\n')}\n`;
}

export function diffJson(diff: CostDiff) {
  return { currency: 'USD', baseRef: diff.baseRef, mergeBase: diff.mergeBase, totalMonthlyCost: diff.totalMonthlyCost, items: diff.items };
}

function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}
