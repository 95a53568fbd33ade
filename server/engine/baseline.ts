import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from './finding';
import type { FileReport } from './lint';
import { ConfigError } from '../config/parse';

export const BASELINE_FILE = '.costlint-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  /** Path relative to the baseline file's folder, `/`-separated. */
  file: string;
  fingerprint: string;
  /** Findings with this fingerprint accepted (identical code can repeat in a file). */
  count: number;
  /** For people reading the file in review; not used for matching. */
  message: string;
}

export interface Baseline {
  version: 1;
  comment: string;
  findings: BaselineEntry[];
}

/** Runs of whitespace collapse, so re-indenting code keeps its fingerprint. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A finding's identity that survives line moves: its rule, its file, and a hash of the normalised
 * source of its range and of the whole lines around it (never line numbers or messages, which carry
 * prices that change).
 */
export function fingerprint(finding: Finding, report: FileReport, relativeFile: string): string {
  const { text } = report.lines;
  const range = text.slice(finding.range.start, finding.range.end);
  const context = text.slice(report.lines.lineStart(finding.loc.line - 1), report.lines.lineEnd(finding.loc.endLine - 1));
  return crypto.createHash('sha256').update([finding.ruleId, relativeFile, normalise(range), normalise(context)].join('\0')).digest('hex').slice(0, 24);
}

const relativeTo = (dir: string, file: string) => path.relative(dir, file).split(path.sep).join('/');

/** The baseline of a run's active findings, stable in order so it diffs well in review. */
export function buildBaseline(reports: readonly FileReport[], baselineDir: string): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const report of reports) {
    const file = relativeTo(baselineDir, path.resolve(report.path));
    for (const finding of report.findings) {
      const print = fingerprint(finding, report, file);
      const key = `${file}\0${finding.ruleId}\0${print}`;
      const entry = byKey.get(key);
      if (entry) entry.count++;
      else byKey.set(key, { ruleId: finding.ruleId, file, fingerprint: print, count: 1, message: finding.message });
    }
  }
  const findings = [...byKey.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return {
    version: 1,
    comment: 'Findings accepted when this file was written: `costlint check --baseline` reports only new ones. Rewrite it with `costlint check --write-baseline`.',
    findings,
  };
}

/**
 * Moves findings the baseline accepts out of `findings` into `suppressed` (kind `baseline`), at most
 * `count` per fingerprint. Returns how many were matched.
 */
export function applyBaseline(reports: readonly FileReport[], baseline: Baseline, baselineDir: string): number {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) {
    const key = `${entry.file}\0${entry.ruleId}\0${entry.fingerprint}`;
    remaining.set(key, (remaining.get(key) ?? 0) + entry.count);
  }
  let matched = 0;
  for (const report of reports) {
    const file = relativeTo(baselineDir, path.resolve(report.path));
    const kept: Finding[] = [];
    for (const finding of report.findings) {
      const key = `${file}\0${finding.ruleId}\0${fingerprint(finding, report, file)}`;
      const left = remaining.get(key) ?? 0;
      if (left > 0) {
        remaining.set(key, left - 1);
        report.suppressed.push({ ...finding, suppressed: { reason: 'in the baseline', line: 0, kind: 'baseline' } });
        matched++;
      } else kept.push(finding);
    }
    report.findings = kept;
  }
  return matched;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Reads a baseline file; a missing or malformed one is a `ConfigError` (exit 2) naming it. */
export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, 1, code === 'ENOENT' ? 'baseline not found (write one with costlint check --write-baseline)' : `not a baseline: ${(error as Error).message}`);
  }
  const findings = (data as Baseline | null)?.findings;
  const valid =
    (data as Baseline | null)?.version === 1 &&
    Array.isArray(findings) &&
    findings.every((e) => typeof e?.ruleId === 'string' && typeof e.file === 'string' && typeof e.fingerprint === 'string' && Number.isInteger(e.count) && e.count > 0);
  if (!valid) throw new ConfigError(file, 1, 'not a costlint baseline (version 1 with findings of ruleId, file, fingerprint, count)');
  return data as Baseline;
}
