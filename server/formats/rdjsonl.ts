import type { FileReport } from '../engine/lint';
import type { Range } from '../engine/facts';
import { repoPath, type FormatInput } from './types';

const SEVERITY = { error: 'ERROR', warning: 'WARNING', info: 'INFO' } as const;

/** reviewdog diagnostics (rdjsonl): one JSON object a line, with fixes as suggestions. */
export function rdjsonl(input: FormatInput): string {
  const lines: string[] = [];
  for (const report of input.reports) {
    const path = repoPath(input, report.path);
    for (const finding of report.findings) {
      const fixes = finding.fix ? [finding.fix] : finding.suggestions;
      lines.push(
        JSON.stringify({
          message: finding.message,
          location: { path, range: rdRange(report, finding.range) },
          severity: SEVERITY[finding.severity],
          source: { name: 'costlint', url: 'https://github.com/costlint/costlint' },
          code: { value: finding.ruleId, url: finding.docsUrl },
          ...(fixes.length ? { suggestions: fixes[0].edits.map((edit) => ({ range: rdRange(report, edit.range), text: edit.text })) } : {}),
        }),
      );
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** reviewdog positions: 1-based lines, 1-based columns counted in UTF-8 bytes. */
function rdRange(report: FileReport, range: Range) {
  const at = (offset: number) => {
    const pos = report.lines.positionAt(offset);
    const before = report.lines.text.slice(report.lines.lineStart(pos.line), offset);
    return { line: pos.line + 1, column: Buffer.byteLength(before, 'utf8') + 1 };
  };
  return { start: at(range.start), end: at(range.end) };
}
