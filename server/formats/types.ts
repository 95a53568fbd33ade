import * as path from 'node:path';
import type { FileReport } from '../engine/lint';
import type { SkippedFile } from '../engine/files';
import type { Finding } from '../engine/finding';
import type { BudgetState } from '../budgets/state';
import type { CostDiff } from '../diff/cost-diff';

/** What every output format reads: the run's reports, skipped files, and paths relative to `cwd`. */
export interface FormatInput {
  reports: readonly FileReport[];
  skipped: readonly SkippedFile[];
  cwd: string;
  color: boolean;
  /** The repository root: SARIF, GitHub, GitLab and reviewdog paths are relative to it (default `cwd`). */
  root?: string;
  /** The cost of the change against `--base`, when one was given. */
  diff?: CostDiff;
  /** Team budgets fetched for the run. */
  budgets?: ReadonlyMap<string, BudgetState>;
}

export type Formatter = (input: FormatInput) => string;

/** `src/a.ts`: a path relative to the repository root, `/`-separated, as CI systems want it. */
export function repoPath(input: FormatInput, file: string): string {
  return path.relative(input.root ?? input.cwd, path.resolve(input.cwd, file)).split(path.sep).join('/');
}

/** USD per month of what a finding is about (0 when unpriced): formats list the costliest first. */
export const monthlyOf = (finding: Finding): number => finding.estimate?.monthly ?? 0;

/** Every active finding with its report, costliest first (then by file and position, for stable output). */
export function findingsByCost(reports: readonly FileReport[]): { report: FileReport; finding: Finding }[] {
  const all = reports.flatMap((report) => report.findings.map((finding) => ({ report, finding })));
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return all.sort(
    (a, b) =>
      monthlyOf(b.finding) - monthlyOf(a.finding) ||
      rank[a.finding.severity] - rank[b.finding.severity] ||
      a.report.path.localeCompare(b.report.path) ||
      a.finding.range.start - b.finding.range.start,
  );
}
