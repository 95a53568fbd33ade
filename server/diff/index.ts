import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintPaths, diskProject, type RunResult } from '../engine/run';
import { lintSource, type FileReport } from '../engine/lint';
import { fingerprint } from '../engine/baseline';
import { estimateItems } from '../formats/estimate';
import { loadConfigFor, settingsFor } from '../config/load';
import { initExtractors } from '../languages';
import { defaultCatalog } from '../../pricing/catalog';
import { rules as allRules } from '../../rules';
import { changedLines, exportTree, GitError, mergeBase, repoRoot, showFile, type LineSpans } from './git';
import { diffItems, type CostDiff, type MonthlyTriple } from './cost-diff';

export { GitError } from './git';
export type { CostDiff, DiffItem, MonthlyTriple } from './cost-diff';

export interface BaseAnalysis {
  root: string;
  diff: CostDiff;
  /** Changed lines of the working tree against the merge-base, per repo-relative path. */
  changed: Map<string, LineSpans>;
}

/** A path relative to the repository root, `/`-separated (symlinked temp folders resolved). */
export function relativeToRoot(root: string, file: string): string {
  let real = file;
  try {
    real = fs.realpathSync(file);
  } catch {
    // A file that no longer exists keeps its given path.
  }
  return path.relative(root, real).split(path.sep).join('/');
}

/**
 * What a change costs: lints the merge-base of `baseRef` and HEAD (exported to a temporary
 * folder, never into the repository) the way `head` was linted, and pairs their calls and resources.
 */
export async function analyseBase(options: { cwd: string; paths: readonly string[]; baseRef: string; configFile?: string; maxFileBytes?: number; head: RunResult }): Promise<BaseAnalysis> {
  const root = repoRoot(options.cwd);
  if (!root) throw new GitError('--base needs a git repository (run it inside a clone)');
  const commit = mergeBase(root, options.baseRef);
  const tree = exportTree(root, commit);
  try {
    const baseCwd = path.join(tree, relativeToRoot(root, options.cwd));
    fs.mkdirSync(baseCwd, { recursive: true });
    const paths = options.paths.map((p) => (path.isAbsolute(p) ? path.join(tree, relativeToRoot(root, p)) : p));
    const base = await lintPaths({
      cwd: baseCwd,
      paths,
      configFile: options.configFile ? path.resolve(options.cwd, options.configFile) : undefined,
      maxFileBytes: options.maxFileBytes,
    });
    const side = (reports: readonly FileReport[], top: string) => estimateItems(reports).map((item) => ({ ...item, file: relativeToRoot(top, item.filePath) }));
    const baseFingerprints = base.reports.flatMap((report) => report.findings.map((f) => fingerprint(f, report, relativeToRoot(tree, report.path))));
    const diff = diffItems(side(base.reports, tree), side(options.head.reports, root), { baseRef: options.baseRef, mergeBase: commit, baseFingerprints });
    return { root, diff, changed: changedLines(root, commit) };
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
}

/** Keeps only findings on changed lines (`--changed-only`); returns how many were dropped. */
export function keepChangedLines(reports: FileReport[], analysis: BaseAnalysis): number {
  let dropped = 0;
  for (const report of reports) {
    const spans = analysis.changed.get(relativeToRoot(analysis.root, report.path)) ?? [];
    const kept = report.findings.filter((f) => spans.some(([from, to]) => f.loc.line <= to && f.loc.endLine >= from));
    dropped += report.findings.length - kept.length;
    report.findings = kept;
  }
  return dropped;
}

/**
 * The open file's monthly cost against the merge-base of `baseRef`, for the editor's status bar
 * and code lens. `text` is the editor's unsaved text (default: the file on disk). Null outside a
 * repository or when the ref is unknown.
 */
export async function fileMonthlyDelta(file: string, baseRef: string, options: { text?: string; today?: string } = {}): Promise<MonthlyTriple | null> {
  const base = await fileMonthlyAtBase(file, baseRef, options);
  if (!base) return null;
  const afterText = options.text ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
  const after = afterText === null ? 0 : base.monthlyOf(afterText);
  return { before: base.monthly, after, delta: after - base.monthly };
}

/** The file's monthly cost at the merge-base of `baseRef` (0 when the file is new), and how to price other text of it. */
export async function fileMonthlyAtBase(file: string, baseRef: string, options: { today?: string } = {}): Promise<{ commit: string; monthly: number; monthlyOf: (text: string) => number } | null> {
  const root = repoRoot(path.dirname(file));
  if (!root) return null;
  let commit: string;
  try {
    commit = mergeBase(root, baseRef);
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
  await initExtractors();
  const catalog = defaultCatalog();
  const settings = settingsFor(loadConfigFor(path.dirname(file)), allRules, catalog, file);
  const monthlyOf = (text: string) => lintSource({ path: file, text }, settings, allRules, { project: diskProject, today: options.today }).estimates.reduce((n, e) => n + (e.monthly ?? 0), 0);
  const before = showFile(root, commit, relativeToRoot(root, file));
  return { commit, monthly: before === null ? 0 : monthlyOf(before), monthlyOf };
}
