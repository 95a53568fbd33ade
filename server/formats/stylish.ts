import * as path from 'node:path';
import type { Finding } from '../engine/finding';
import { formatMonthly } from '../estimate/money';
import type { FormatInput } from './types';
import { costDiffTable } from './cost-diff';

const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;

/** ESLint's stylish layout, with the monthly cost of what each finding is about. */
export function stylish({ reports, skipped, cwd, color, diff }: FormatInput): string {
  const paint = (style: keyof typeof codes, text: string) => (color ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  let monthly = 0;
  for (const report of reports) {
    if (!report.findings.length && !report.errors.length) continue;
    const rows: string[][] = [];
    for (const error of report.errors) {
      const pos = report.lines.positionAt(error.range?.start ?? 0);
      rows.push([`${pos.line + 1}:${pos.character + 1}`, paint('red', 'error'), `Parsing error: ${error.message}`, '', '']);
      errors++;
    }
    for (const finding of report.findings) {
      rows.push([`${finding.loc.line}:${finding.loc.column}`, severityLabel(finding, paint), finding.message, paint('gray', finding.ruleId), costLabel(finding)]);
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else infos++;
      if (finding.fix) fixable++;
    }
    monthly += report.estimates.reduce((sum, e) => sum + (e.monthly ?? 0), 0);
    out.push(paint('underline', path.relative(cwd, report.path) || report.path));
    out.push(...alignRows(rows).map((r) => `  ${r}`));
    out.push('');
  }
  if (skipped.length) {
    out.push(paint('underline', 'Skipped'));
    for (const s of skipped) out.push(`  ${path.isAbsolute(s.path) ? path.relative(cwd, s.path) : s.path}  ${paint('gray', s.reason)}`);
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total) {
    const summary = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`;
    out.push(paint(errors ? 'red' : 'yellow', paint('bold', `✖ ${summary}`)));
    if (fixable) out.push(`  ${fixable} ${fixable === 1 ? 'finding has a safe fix' : 'findings have safe fixes'}, applied with --fix.`);
  }
  const priced = reports.reduce((n, r) => n + r.estimates.filter((e) => e.monthly !== null).length, 0);
  if (priced) out.push(`  ≈ ${formatMonthly(monthly)} across the ${priced} priced call${priced === 1 ? '' : 's'} and resources found (costlint estimate lists them).`);
  if (diff) out.push(...(out.length ? [''] : []), costDiffTable(diff).trimEnd());
  return out.length ? `${out.join('\n')}\n` : '';
}

function severityLabel(finding: Finding, paint: (style: keyof typeof codes, text: string) => string): string {
  if (finding.severity === 'error') return paint('red', 'error');
  if (finding.severity === 'warning') return paint('yellow', 'warning');
  return paint('blue', 'info');
}

function costLabel(finding: Finding): string {
  const monthly = finding.estimate?.monthly;
  return monthly === null || monthly === undefined ? '' : `≈ ${formatMonthly(monthly)}`;
}

/** Pads columns like ESLint's text-table (ANSI codes do not count toward width). */
function alignRows(rows: string[][]): string[] {
  const visible = (s: string) => s.replace(/\u001b\[\d+m/g, '').length;
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => visible(r[i])))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - visible(cell)))).join('  ').trimEnd());
}
