import { fileMonthlyAtBase } from '../diff';
import type { FileReport } from '../engine/lint';
import { formatMonthly } from '../estimate/money';
import type { StatusParams } from './protocol';

/** Refs tried in order when the `diff.base` setting is empty: the remote's default branch, then the usual names. */
const AUTO_BASES = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];

export interface BaseCost {
  ref: string;
  monthly: number;
}

/**
 * What each open file cost per month at the merge-base with the base branch, for the delta lens.
 * Git and the base side's lint run once per file, after the first request and off the typing
 * path; a save or a settings change forgets it. The current side is the live report's total.
 */
export class BaseCosts {
  private readonly known = new Map<string, BaseCost | null>();
  private readonly pending = new Set<string>();

  constructor(private readonly onReady: () => void) {}

  /** The base cost when known, null when there is none (no repository, no base ref), undefined while it is computed. */
  peek(file: string, base: string): BaseCost | null | undefined {
    if (this.known.has(file)) return this.known.get(file);
    if (!this.pending.has(file)) {
      this.pending.add(file);
      setImmediate(() => void this.compute(file, base));
    }
    return undefined;
  }

  forget(file?: string): void {
    if (file) this.known.delete(file);
    else this.known.clear();
  }

  private async compute(file: string, base: string): Promise<void> {
    let found: BaseCost | null = null;
    try {
      for (const ref of base ? [base] : AUTO_BASES) {
        const at = await fileMonthlyAtBase(file, ref);
        if (at) {
          found = { ref, monthly: at.monthly };
          break;
        }
      }
    } catch {
      // A git failure leaves the file without a delta lens; linting is unaffected.
    }
    this.known.set(file, found);
    this.pending.delete(file);
    this.onReady();
  }
}

/** `Δ +$92.69/mo against origin/main ($0.00/mo → $92.69/mo)`. */
export function deltaLensTitle(base: BaseCost, now: number): string {
  const delta = now - base.monthly;
  const sign = delta >= 0.005 ? '+' : delta <= -0.005 ? '−' : '±';
  return `Δ ${sign}${formatMonthly(Math.abs(delta))} against ${base.ref} (${formatMonthly(base.monthly)} → ${formatMonthly(now)})`;
}

/** The monthly cost of everything priced in a file. */
export const monthlyTotal = (report: FileReport): number => report.estimates.reduce((sum, e) => sum + (e.monthly ?? 0), 0);

/** The status bar with the focused file's change against the base: `costlint: 62% of search budget · Δ +$92.69/mo`. */
export function withDelta(status: StatusParams, base: BaseCost, now: number): StatusParams {
  const delta = now - base.monthly;
  if (Math.abs(delta) < 0.005) return { ...status, tooltip: `${status.tooltip}\n${deltaLensTitle(base, now)}` };
  const signed = `${delta > 0 ? '+' : '−'}${formatMonthly(Math.abs(delta))}`;
  return { ...status, text: `${status.text} · Δ ${signed}`, tooltip: `${status.tooltip}\n${deltaLensTitle(base, now)}` };
}
