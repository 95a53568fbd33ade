import type { Finding, Fix } from '../engine/finding';
import type { FileReport } from '../engine/lint';
import { TextEdit } from '../engine/edits';
import type { Estimate } from '../estimate/cost';
import type { FormatInput } from './types';

/** ESLint's JSON shape (`filePath`, `messages`, counts), with a `cost` object on each message and file. */
export function json(input: FormatInput): string {
  return JSON.stringify(toEslintResults(input), null, 2) + '\n';
}

export function toEslintResults({ reports, skipped }: FormatInput) {
  const results = reports.map((report) => {
    const messages = [
      ...report.errors.map((error) => {
        const pos = report.lines.positionAt(error.range?.start ?? 0);
        return { ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${error.message}`, line: pos.line + 1, column: pos.character + 1 };
      }),
      ...report.findings.map((f) => message(report, f)),
    ];
    const counts = (severity: Finding['severity']) => report.findings.filter((f) => f.severity === severity);
    return {
      filePath: report.path,
      messages,
      suppressedMessages: report.suppressed.map((f) => ({ ...message(report, f), suppressions: [{ kind: 'directive', justification: f.suppressed?.reason ?? '' }] })),
      errorCount: counts('error').length + report.errors.length,
      fatalErrorCount: report.errors.length,
      warningCount: counts('warning').length,
      infoCount: counts('info').length,
      fixableErrorCount: counts('error').filter((f) => f.fix).length,
      fixableWarningCount: counts('warning').filter((f) => f.fix).length,
      cost: {
        monthly: sumMonthly(report.estimates),
        items: report.facts.map((fact, i) => ({ kind: fact.kind, line: report.lines.positionAt(fact.range.start).line + 1, ...costOf(report.estimates[i]) })),
      },
    };
  });
  for (const s of skipped) {
    results.push({
      filePath: s.path,
      messages: [{ ruleId: null, fatal: false, severity: 1, message: s.reason, line: 0, column: 0 }],
      suppressedMessages: [],
      errorCount: 0,
      fatalErrorCount: 0,
      warningCount: 1,
      infoCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      cost: { monthly: null, items: [] },
    });
  }
  return results;
}

function message(report: FileReport, f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity === 'error' ? 2 : 1,
    costlintSeverity: f.severity,
    message: f.message,
    messageId: f.messageId,
    line: f.loc.line,
    column: f.loc.column,
    endLine: f.loc.endLine,
    endColumn: f.loc.endColumn,
    docsUrl: f.docsUrl,
    ...(f.fix ? { fix: eslintFix(report.lines.text, f.fix) } : {}),
    ...(f.suggestions.length ? { suggestions: f.suggestions.map((s) => ({ desc: s.title, fix: eslintFix(report.lines.text, s) })) } : {}),
    ...(f.estimate ? { cost: costOf(f.estimate) } : {}),
  };
}

/** ESLint fixes are one replacement: merge several edits into the span they cover. */
export function eslintFix(text: string, fix: Fix): { range: [number, number]; text: string } {
  const start = Math.min(...fix.edits.map((e) => e.range.start));
  const end = Math.max(...fix.edits.map((e) => e.range.end));
  const shifted = fix.edits.map((e) => ({ range: { start: e.range.start - start, end: e.range.end - start }, text: e.text }));
  return { range: [start, end], text: TextEdit.apply(text.slice(start, end), shifted) };
}

export function costOf(estimate: Estimate) {
  return {
    perCall: estimate.perCall,
    hourly: estimate.hourly,
    monthly: estimate.monthly,
    ...(estimate.monthlyRange ? { monthlyRange: estimate.monthlyRange } : {}),
    currency: 'USD',
    price: estimate.price,
    tokens: estimate.tokens,
    components: estimate.components,
    assumptions: estimate.assumptions,
    notes: estimate.notes,
  };
}

function sumMonthly(estimates: readonly Estimate[]): number | null {
  const known = estimates.filter((e) => e.monthly !== null);
  return known.length ? known.reduce((sum, e) => sum + (e.monthly ?? 0), 0) : null;
}
