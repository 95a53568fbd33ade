import type { Estimate } from '../../server/estimate/cost';
import { formatMonthly, formatUsd } from '../../server/estimate/money';

/** A monthly figure for messages; a range when the GPU model or the node count is open. */
export function monthlyText(estimate: Estimate): string {
  if (estimate.monthly !== null) return formatMonthly(estimate.monthly);
  if (estimate.monthlyRange) return `${formatUsd(estimate.monthlyRange.low)}–${formatMonthly(estimate.monthlyRange.high)}`;
  return 'unknown cost';
}

/** What a change saves per month (`$1,234/mo`, `up to $5,678/mo` for ranges), or null when either side has no price. */
export function saving(before: Estimate, after: Estimate): { monthly: number | null; text: string } {
  if (before.monthly !== null && after.monthly !== null) return { monthly: before.monthly - after.monthly, text: formatMonthly(before.monthly - after.monthly) };
  if (before.monthlyRange && after.monthlyRange) return { monthly: null, text: `up to ${formatMonthly(before.monthlyRange.high - after.monthlyRange.high)}` };
  return { monthly: null, text: 'unknown' };
}
