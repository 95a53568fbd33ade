import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { FileReport } from '../engine/lint';
import type { Finding, Fix } from '../engine/finding';
import type { TextEdit } from '../engine/edits';
import { applyFixes, chooseFixes, safeFixes } from '../engine/fix';
import { formatMonthly } from '../estimate/money';
import { findingFor, toRange } from './diagnostics';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './protocol';

/** The placeholder a new suppression carries, so the reason is typed, not forgotten. */
export const REASON_PLACEHOLDER = 'reason';

/** Line-comment leader of the file's language, or null where comments do not exist (JSON). */
export function commentLeader(report: FileReport): string | null {
  if (report.path.toLowerCase().endsWith('.json')) return null;
  return report.language === 'typescript' ? '//' : report.language ? '#' : null;
}

function lspEdits(report: FileReport, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(report.lines, e.range), newText: e.text }));
}

function action(title: string, kind: string, uri: string, edits: LspTextEdit[], diagnostic?: Diagnostic, isPreferred?: boolean): CodeAction {
  return { title, kind, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), ...(isPreferred ? { isPreferred } : {}), edit: { changes: { [uri]: edits } } };
}

function fixTitle(fix: Fix): string {
  return fix.savingsMonthly != null && fix.savingsMonthly > 0 ? `${fix.title} — saves ≈ ${formatMonthly(fix.savingsMonthly)}` : fix.title;
}

/** Quick fixes for one diagnostic: its fix and suggestions, fix-all of the rule, disable for the line or file, documentation. */
export function quickFixes(report: FileReport, uri: string, diagnostic: Diagnostic): CodeAction[] {
  const finding = findingFor(report, diagnostic);
  if (!finding) return [];
  const actions: CodeAction[] = [];
  if (finding.fix) actions.push(action(fixTitle(finding.fix), CodeActionKind.QuickFix, uri, lspEdits(report, finding.fix.edits), diagnostic, finding.fix.kind === 'fix'));
  for (const suggestion of finding.suggestions) actions.push(action(fixTitle(suggestion), CodeActionKind.QuickFix, uri, lspEdits(report, suggestion.edits), diagnostic));

  const sameRule = report.findings.filter((f) => f.ruleId === finding.ruleId && f.fix);
  if (sameRule.length > 1) {
    const { edits } = chooseFixes(sameRule.map((f) => f.fix!));
    actions.push(action(`Fix all ${finding.ruleId} problems in this file`, CodeActionKind.QuickFix, uri, lspEdits(report, edits), diagnostic));
  }

  const leader = commentLeader(report);
  if (leader && finding.ruleId !== 'suppression') {
    const line = disableForLine(report, finding, leader);
    if (line) actions.push(action(`Disable ${finding.ruleId} for this line`, CodeActionKind.QuickFix, uri, lspEdits(report, [line]), diagnostic));
    const file = disableForFile(report, finding.ruleId, leader);
    if (file) actions.push(action(`Disable ${finding.ruleId} for the entire file`, CodeActionKind.QuickFix, uri, lspEdits(report, [file]), diagnostic));
  }
  actions.push({
    title: `Show documentation for ${finding.ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Show documentation for ${finding.ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [finding.docsUrl] },
  });
  return actions;
}

const DIRECTIVE_LINE = (leader: string, kind: string) => new RegExp(`^(\\s*)${leader === '//' ? '\\/\\/' : '#'}\\s*costlint-${kind}\\b([^\\n]*)$`);

/**
 * `costlint-disable-next-line <rule> -- reason` above the finding's line, indented like it; when
 * that line already holds such a comment, the rule joins its list instead.
 */
export function disableForLine(report: FileReport, finding: Finding, leader: string): TextEdit | null {
  const line = report.lines.positionAt(finding.range.start).line;
  if (line > 0) {
    const merged = mergeInto(report, line - 1, DIRECTIVE_LINE(leader, 'disable-next-line'), finding.ruleId);
    if (merged !== undefined) return merged;
  }
  const text = report.lines.lineText(line);
  const indent = /^\s*/.exec(text)![0];
  const at = report.lines.lineStart(line);
  return { range: { start: at, end: at }, text: `${indent}${leader} costlint-disable-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol(report)}` };
}

/** `costlint-disable-file <rule> -- reason` at the top (after a shebang), or the rule added to one already there. */
export function disableForFile(report: FileReport, ruleId: string, leader: string): TextEdit | null {
  const pattern = DIRECTIVE_LINE(leader, 'disable-file');
  for (let line = 0; line < report.lines.lineCount; line++) {
    const merged = mergeInto(report, line, pattern, ruleId);
    if (merged !== undefined) return merged;
  }
  const first = report.lines.lineText(0);
  const line = first.startsWith('#!') ? 1 : 0;
  const at = line >= report.lines.lineCount ? report.lines.text.length : report.lines.lineStart(line);
  const prefix = line >= report.lines.lineCount ? eol(report) : '';
  return { range: { start: at, end: at }, text: `${prefix}${leader} costlint-disable-file ${ruleId} -- ${REASON_PLACEHOLDER}${eol(report)}` };
}

/**
 * Adds a rule to the directive on `line` if it matches `pattern`: `undefined` when it does not,
 * null when the rule is already listed (nothing to do), else the edit.
 */
function mergeInto(report: FileReport, line: number, pattern: RegExp, ruleId: string): TextEdit | null | undefined {
  const text = report.lines.lineText(line);
  const match = pattern.exec(text);
  if (!match) return undefined;
  const body = match[2];
  const reasonAt = body.search(/\s--(\s|$)/);
  const head = reasonAt < 0 ? body : body.slice(0, reasonAt);
  const rules = head.split(/[\s,]+/).filter((t) => t && !t.startsWith('until='));
  // An empty list silences every rule already.
  if (!rules.length || rules.includes(ruleId)) return null;
  const end = report.lines.lineStart(line) + (text.length - body.length) + head.trimEnd().length;
  return { range: { start: end, end }, text: `, ${ruleId}` };
}

function eol(report: FileReport): string {
  return report.lines.text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Every safe fix of the file (`source.fixAll.costlint`; never a suggestion such as a model swap),
 * in as many passes as overlapping fixes need, as one edit of the span that changed.
 */
export function fixAll(report: FileReport, relint: (text: string) => FileReport): LspTextEdit[] {
  const original = report.lines.text;
  let current = report;
  let text = original;
  for (let pass = 0; pass < 10; pass++) {
    const next = applyFixes(text, safeFixes(current.findings));
    if (!next.applied || next.text === text) break;
    text = next.text;
    if (!next.remaining) break;
    current = relint(text);
  }
  if (text === original) return [];
  let prefix = 0;
  while (prefix < original.length && prefix < text.length && original[prefix] === text[prefix]) prefix++;
  let suffix = 0;
  while (suffix < original.length - prefix && suffix < text.length - prefix && original[original.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
  return lspEdits(report, [{ range: { start: prefix, end: original.length - suffix }, text: text.slice(prefix, text.length - suffix) }]);
}

export function fixAllAction(report: FileReport, uri: string, relint: (text: string) => FileReport): CodeAction | null {
  const edits = fixAll(report, relint);
  return edits.length ? action('Fix all safe costlint problems', FIX_ALL_KIND, uri, edits) : null;
}
