import type { Finding } from '../engine/finding';
import { formatMonthly } from '../estimate/money';
import { findingsByCost, monthlyOf, repoPath, type FormatInput } from './types';

/** GitHub shows at most 10 annotations of each kind per step and 50 per job. */
export const ANNOTATION_LIMITS = { perKind: 10, perJob: 50 } as const;

type Kind = 'error' | 'warning' | 'notice';
const KIND: Record<Finding['severity'], Kind> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a workflow command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::warning file=…::message`), the costliest findings first,
 * capped at what GitHub shows, ending with one notice that says how many more there are.
 */
export function github(input: FormatInput): string {
  const shown = new Map<Kind, number>([['error', 0], ['warning', 0], ['notice', 0]]);
  const all = findingsByCost(input.reports);
  const lines: string[] = [];
  let total = 0;
  let hidden = 0;
  // One notice is kept back for the closing "N more" line when some will not fit.
  const fitsAll = countsFit(all.map((a) => KIND[a.finding.severity]));
  for (const { report, finding } of all) {
    const kind = KIND[finding.severity];
    const limit = !fitsAll && kind === 'notice' ? ANNOTATION_LIMITS.perKind - 1 : ANNOTATION_LIMITS.perKind;
    const jobLimit = fitsAll ? ANNOTATION_LIMITS.perJob : ANNOTATION_LIMITS.perJob - 1;
    if ((shown.get(kind) ?? 0) >= limit || total >= jobLimit) {
      hidden++;
      continue;
    }
    shown.set(kind, (shown.get(kind) ?? 0) + 1);
    total++;
    const { loc } = finding;
    const cost = monthlyOf(finding) > 0 ? ` (≈ ${formatMonthly(monthlyOf(finding))})` : '';
    const props = [
      `file=${escapeProperty(repoPath(input, report.path))}`,
      `line=${loc.line}`,
      `endLine=${loc.endLine}`,
      // GitHub accepts columns only on single-line annotations.
      ...(loc.line === loc.endLine ? [`col=${loc.column}`, `endColumn=${loc.endColumn}`] : []),
      `title=${escapeProperty(`costlint ${finding.ruleId}${cost}`)}`,
    ];
    const fix = finding.fix ? `\nFix: ${finding.fix.title}` : finding.suggestions[0] ? `\nSuggestion: ${finding.suggestions[0].title}` : '';
    lines.push(`::${kind} ${props.join(',')}::${escapeData(`${finding.message}${fix}\n${finding.docsUrl}`)}`);
  }
  for (const report of input.reports) {
    for (const error of report.errors) {
      const line = report.lines.positionAt(error.range?.start ?? 0).line + 1;
      lines.push(`::error file=${escapeProperty(repoPath(input, report.path))},line=${line},title=${escapeProperty('costlint parsing error')}::${escapeData(error.message)}`);
    }
  }
  if (hidden > 0) {
    lines.push(
      `::notice title=${escapeProperty('costlint: more findings')}::${escapeData(`${hidden} more finding${hidden === 1 ? '' : 's'} not annotated (GitHub shows ${ANNOTATION_LIMITS.perKind} per kind per step). See the job summary, the SARIF upload in code scanning, or run costlint check locally.`)}`,
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function countsFit(kinds: readonly Kind[]): boolean {
  if (kinds.length > ANNOTATION_LIMITS.perJob) return false;
  const counts = new Map<Kind, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts.values()].every((n) => n <= ANNOTATION_LIMITS.perKind);
}
