import type { Range } from './facts';
import type { Comment } from '../languages/extractor';
import { locationOf, type LineIndex } from './source-file';
import type { Finding, Severity } from './finding';
import { parseUsageAnnotation, type UsageAnnotation } from '../estimate/usage';

/** A `costlint-disable…` comment. Lines are 0-based. */
export interface Suppression {
  kind: 'next-line' | 'line' | 'block' | 'file';
  /** Rule ids; empty means every rule. */
  rules: string[];
  reason: string | null;
  /** YYYY-MM-DD after which the suppression no longer applies. */
  until: string | null;
  range: Range;
  /** First and last line it covers. */
  fromLine: number;
  toLine: number;
  used: boolean;
}

export interface Directives {
  suppressions: Suppression[];
  usage: UsageAnnotation[];
  /** Malformed directives, e.g. `until=` that is not a date. */
  problems: { message: string; range: Range }[];
}

const DIRECTIVE = /^\s*\*?\s*costlint-(disable-next-line|disable-line|disable-file|disable|enable|usage)\b(.*)$/s;

/** Reads every costlint directive from a file's comments. */
export function readDirectives(comments: readonly Comment[], lines: LineIndex): Directives {
  const suppressions: Suppression[] = [];
  const usage: UsageAnnotation[] = [];
  const problems: Directives['problems'] = [];
  const open: Suppression[] = [];
  const lastLine = lines.lineCount - 1;
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const [, kind, rest] = match;
    const line = lines.positionAt(comment.range.start).line;
    const endLine = lines.positionAt(comment.range.end).line;
    if (kind === 'usage') {
      const annotation = parseUsageAnnotation(rest, endLine + 1);
      if (annotation) usage.push(annotation);
      else problems.push({ message: 'costlint-usage names no known key (monthly_calls, input_tokens, output_tokens, monthly_hours)', range: comment.range });
      continue;
    }
    const { rules, reason, until, problem } = parseBody(rest);
    if (problem) problems.push({ message: problem, range: comment.range });
    if (kind === 'enable') {
      for (const block of open.splice(0)) {
        if (rules.length && block.rules.length && !block.rules.some((r) => rules.includes(r))) {
          open.push(block);
          continue;
        }
        block.toLine = line;
      }
      continue;
    }
    const base = { rules, reason, until, range: comment.range, used: false };
    if (kind === 'disable-next-line') suppressions.push({ ...base, kind: 'next-line', fromLine: endLine + 1, toLine: endLine + 1 });
    else if (kind === 'disable-line') suppressions.push({ ...base, kind: 'line', fromLine: line, toLine: line });
    else if (kind === 'disable-file') suppressions.push({ ...base, kind: 'file', fromLine: 0, toLine: lastLine });
    else {
      const block: Suppression = { ...base, kind: 'block', fromLine: line, toLine: lastLine };
      suppressions.push(block);
      open.push(block);
    }
  }
  return { suppressions, usage, problems };
}

function parseBody(body: string): { rules: string[]; reason: string | null; until: string | null; problem?: string } {
  const [head, ...reasonParts] = body.replace(/\*\/\s*$/, '').split(/\s--\s?|^--\s?/);
  const reason = reasonParts.join(' -- ').trim() || null;
  let until: string | null = null;
  let problem: string | undefined;
  const rules: string[] = [];
  for (const token of head.split(/[\s,]+/).filter(Boolean)) {
    const untilMatch = /^until=(.*)$/.exec(token);
    if (untilMatch) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(untilMatch[1]) && !Number.isNaN(Date.parse(untilMatch[1]))) until = untilMatch[1];
      else problem = `until=${untilMatch[1]} is not a date (YYYY-MM-DD)`;
    } else rules.push(token);
  }
  return { rules, reason, until, problem };
}

/** The suppression that silences a finding of `ruleId` on `line`, if any, and whether it expired. */
export function findSuppression(
  suppressions: readonly Suppression[],
  ruleId: string,
  line: number,
  today: string,
): { suppression: Suppression; expired: boolean } | undefined {
  for (const s of suppressions) {
    if (line < s.fromLine || line > s.toLine) continue;
    if (s.rules.length && !s.rules.includes(ruleId)) continue;
    return { suppression: s, expired: s.until !== null && s.until < today };
  }
  return undefined;
}

/** The id findings about suppression comments carry (not a rule: the engine reports them). */
export const SUPPRESSION_FINDING_ID = 'suppression';
export const SUPPRESSION_DOCS_URL = 'https://github.com/costlint/costlint/blob/main/docs/config.md#suppressions';

export interface DirectiveCheck {
  /** A suppression without `-- reason` is a finding (`--require-reason`, `suppressions.require_reason`). */
  requireReason: boolean;
  /** Severity for suppressions that silenced nothing; `off` reports none. */
  unused: Severity | 'off';
  /** Every rule id costlint knows (a suppression naming another is a typo). */
  knownRules: ReadonlySet<string>;
  /** Rules enabled for this file: a suppression only of disabled rules is not reported as unused. */
  enabledRules: ReadonlySet<string>;
  today: string;
}

/** Findings about the suppression comments themselves: malformed, unknown rule, missing reason, unused or expired. Call after suppressions were applied. */
export function directiveFindings(directives: Directives, check: DirectiveCheck, lines: LineIndex): Finding[] {
  const findings: Finding[] = [];
  const report = (messageId: string, message: string, severity: Severity, range: Range) =>
    findings.push({ ruleId: SUPPRESSION_FINDING_ID, messageId, message, severity, range, loc: locationOf(lines, range), docsUrl: SUPPRESSION_DOCS_URL, suggestions: [] });
  for (const problem of directives.problems) report('malformed', `Malformed costlint comment: ${problem.message}.`, 'warning', problem.range);
  for (const s of directives.suppressions) {
    const unknown = s.rules.filter((id) => !check.knownRules.has(id));
    if (unknown.length) report('unknownRule', `costlint-disable names an unknown rule: ${unknown.join(', ')}.`, 'warning', s.range);
    if (check.requireReason && !s.reason) {
      report('missingReason', `costlint-disable${s.rules.length ? ` ${s.rules.join(', ')}` : ''} has no reason: add \` -- <why this cost is accepted>\`.`, 'error', s.range);
    }
    if (s.used || check.unused === 'off') continue;
    const expired = s.until !== null && s.until < check.today;
    const known = s.rules.filter((id) => check.knownRules.has(id));
    if (!expired && s.rules.length && !known.some((id) => check.enabledRules.has(id))) continue;
    const what = s.rules.length ? s.rules.join(', ') : 'every rule';
    report('unused', expired ? `Suppression of ${what} expired on ${s.until} and silences nothing: remove it.` : `Unused suppression: nothing of ${what} is reported here; remove it.`, check.unused, s.range);
  }
  return findings;
}
