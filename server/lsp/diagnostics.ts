import picomatch from 'picomatch';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { FileReport } from '../engine/lint';
import type { Finding, Severity } from '../engine/finding';
import type { Range as OffsetRange } from '../engine/facts';
import type { LineIndex } from '../engine/source-file';
import type { DiagnosticData, RuleCustomization } from './protocol';

export const SOURCE = 'costlint';

export function toRange(lines: LineIndex, range: OffsetRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The severity the editor shows for a rule after `costlint.rules.customizations` (last match wins, like vscode-eslint). */
export function customizedSeverity(ruleId: string, severity: Severity, customizations: readonly RuleCustomization[]): Severity | 'off' {
  let result: Severity | 'off' = severity;
  for (const c of customizations) {
    const negated = c.rule.startsWith('!');
    const matches = picomatch.isMatch(ruleId, negated ? c.rule.slice(1) : c.rule);
    if (matches === negated) continue;
    if (c.severity === 'default') result = severity;
    else if (c.severity === 'warn') result = 'warning';
    else result = c.severity;
  }
  return result;
}

export function diagnosticData(finding: Finding): DiagnosticData {
  const data: DiagnosticData = { rule: finding.ruleId };
  if (finding.estimate?.monthly != null) data.monthly = finding.estimate.monthly;
  if (finding.estimate?.perCall != null) data.perCall = finding.estimate.perCall;
  const saving = finding.fix?.savingsMonthly ?? finding.suggestions.find((s) => s.savingsMonthly != null)?.savingsMonthly;
  if (saving != null) data.saving = saving;
  return data;
}

/** Findings (and parse errors) of a report as LSP diagnostics. */
export function toDiagnostics(report: FileReport, customizations: readonly RuleCustomization[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of report.findings) {
    const severity = customizedSeverity(finding.ruleId, finding.severity, customizations);
    if (severity === 'off') continue;
    diagnostics.push({
      range: toRange(report.lines, finding.range),
      severity: SEVERITY[severity],
      source: SOURCE,
      code: finding.ruleId,
      codeDescription: { href: finding.docsUrl },
      message: finding.message,
      data: diagnosticData(finding),
    });
  }
  for (const error of report.errors) {
    const at = error.range ?? { start: 0, end: 0 };
    diagnostics.push({ range: toRange(report.lines, at), severity: DiagnosticSeverity.Error, source: SOURCE, message: `Parse error: ${error.message}` });
  }
  return diagnostics;
}

/** The finding a diagnostic the client sent back stands for (same rule and range). */
export function findingFor(report: FileReport, diagnostic: Diagnostic): Finding | undefined {
  return report.findings.find((f) => {
    if (f.ruleId !== diagnostic.code) return false;
    const r = toRange(report.lines, f.range);
    return r.start.line === diagnostic.range.start.line && r.start.character === diagnostic.range.start.character && r.end.line === diagnostic.range.end.line && r.end.character === diagnostic.range.end.character;
  });
}
