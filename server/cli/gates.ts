import { UsageError, type Cli } from './main';
import type { FileReport } from '../engine/lint';
import type { MonthlyTriple } from '../diff/cost-diff';
import { formatMonthly } from '../estimate/money';
import { formatDelta } from '../formats/cost-diff';

/** `--fail-on-increase`: USD per month, or a percentage of the base's monthly cost. */
export type IncreaseLimit = { kind: 'amount'; usd: number } | { kind: 'percent'; percent: number };

export function parseIncreaseLimit(value: string): IncreaseLimit {
  const text = value.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return { kind: 'percent', percent: Number(percent[1]) };
  const amount = /^\$?(\d+(?:\.\d+)?)$/.exec(text.replace(/,/g, ''));
  if (amount) return { kind: 'amount', usd: Number(amount[1]) };
  throw new UsageError(`--fail-on-increase takes USD per month (50) or a percentage (10%), not "${value}"`);
}

/**
 * The exit code, ESLint's way: 1 for error-level findings or parse errors, for more warnings than
 * `--max-warnings`, or for a cost increase over `--fail-on-increase`; 0 otherwise. Says why on stderr.
 */
export function exitCode(cli: Cli, reports: readonly FileReport[], gates: { maxWarnings: number; increase?: IncreaseLimit; total?: MonthlyTriple }): number {
  const errors = reports.reduce((n, r) => n + r.errors.length + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  let code = errors > 0 ? 1 : 0;
  if (gates.maxWarnings >= 0 && warnings > gates.maxWarnings) {
    cli.stderr(`costlint found too many warnings (maximum: ${gates.maxWarnings}).\n`);
    code = 1;
  }
  if (gates.increase && gates.total && increaseExceeds(gates.total, gates.increase)) {
    const limit = gates.increase.kind === 'amount' ? formatMonthly(gates.increase.usd) : `${gates.increase.percent}%`;
    cli.stderr(`costlint: this change raises the monthly cost by ${formatDelta(gates.total.delta)} (${formatMonthly(gates.total.before)} → ${formatMonthly(gates.total.after)}), over --fail-on-increase ${limit}.\n`);
    code = 1;
  }
  return code;
}

export function increaseExceeds(total: MonthlyTriple, limit: IncreaseLimit): boolean {
  if (total.delta <= 0) return false;
  if (limit.kind === 'amount') return total.delta > limit.usd;
  if (total.before <= 0) return true;
  return (total.delta / total.before) * 100 > limit.percent;
}
