import * as crypto from 'node:crypto';
import { fingerprint } from '../engine/baseline';
import { formatMonthly } from '../estimate/money';
import { monthlyOf, repoPath, type FormatInput } from './types';

const SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;

/** GitLab Code Quality report: one issue per finding, each with a fingerprint unique in the report. */
export function gitlab(input: FormatInput): string {
  const seen = new Map<string, number>();
  const issues = input.reports.flatMap((report) => {
    const file = repoPath(input, report.path);
    return report.findings.map((finding) => {
      // Identical code can repeat in a file: the n-th copy gets its own fingerprint.
      const base = fingerprint(finding, report, file);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const cost = monthlyOf(finding) > 0 ? ` (≈ ${formatMonthly(monthlyOf(finding))})` : '';
      return {
        type: 'issue',
        description: `${finding.message}${cost}`,
        check_name: finding.ruleId,
        fingerprint: crypto.createHash('md5').update(`${base}:${n}`).digest('hex'),
        severity: SEVERITY[finding.severity],
        categories: ['Performance'],
        location: { path: file, lines: { begin: finding.loc.line, end: finding.loc.endLine } },
      };
    });
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
