import type { Finding, Fix } from '../engine/finding';
import type { FileReport } from '../engine/lint';
import { TextEdit } from '../engine/edits';
import { fingerprint } from '../engine/baseline';
import { describeBudget } from '../budgets/state';
import { formatMonthly } from '../estimate/money';
import { changedItems, formatDelta, formatPercent, whatChanged } from './cost-diff';
import { findingsByCost, monthlyOf, repoPath, type FormatInput } from './types';

/** The hidden line that makes a PR comment findable again (sticky comments). */
export const COMMENT_MARKER = '<!-- costlint-comment -->';
const ICON = { error: '🛑', warning: '⚠️', info: 'ℹ️' } as const;
const MAX_FINDINGS = 50;
const MAX_DIFF_ROWS = 100;

/** The pull/merge request comment: cost delta, new findings with their fixes, team budgets. */
export function markdown(input: FormatInput): string {
  const findings = newFindings(input);
  const out = [COMMENT_MARKER, `### ${headline(input, findings.length)}`, ''];
  out.push(...diffSection(input), ...budgetSection(input));
  if (!findings.length) out.push('✅ no cost findings' + (input.diff ? ' in this change.' : '.'), '');
  else out.push(...findingSection(input, findings));
  out.push('<sub>Estimates from [costlint](https://github.com/costlint/costlint): catalog prices and the usage in `.costlint.yaml`. `costlint estimate --explain` shows where every number comes from.</sub>');
  return `${out.join('\n')}\n`;
}

/** The job summary (`--summary-file`): totals by rule and severity, the cost delta, budgets; under 1 MiB. */
export function summary(input: FormatInput): string {
  const all = input.reports.flatMap((r) => r.findings);
  const out = ['## costlint', ''];
  if (!all.length) out.push('✅ no cost findings', '');
  else {
    const byRule = new Map<string, { error: number; warning: number; info: number; monthly: number }>();
    for (const f of all) {
      const row = byRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0, monthly: 0 };
      row[f.severity]++;
      row.monthly += monthlyOf(f);
      byRule.set(f.ruleId, row);
    }
    out.push('| rule | errors | warnings | info | cost of what it flags |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [rule, row] of [...byRule].sort((a, b) => b[1].monthly - a[1].monthly || a[0].localeCompare(b[0]))) {
      out.push(`| \`${rule}\` | ${row.error} | ${row.warning} | ${row.info} | ${row.monthly ? `≈ ${formatMonthly(row.monthly)}` : ''} |`);
    }
    const count = (s: Finding['severity']) => all.filter((f) => f.severity === s).length;
    out.push(`| **total** | **${count('error')}** | **${count('warning')}** | **${count('info')}** | |`, '');
  }
  out.push(...diffSection(input), ...budgetSection(input));
  return truncateMarkdown(`${out.join('\n')}\n`, SUMMARY_LIMIT_BYTES, 'The summary was cut to stay under GitHub’s 1 MiB limit; the SARIF upload and `costlint check` have everything.');
}

/** GitHub rejects a step summary over 1 MiB. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 1024;

/**
 * Cuts a markdown text at a line so that, with the footer, it stays under `limit` (characters, or
 * UTF-8 bytes for byte limits), closing an open code block or details element.
 */
export function truncateMarkdown(text: string, limit: number, footer: string, unit: 'chars' | 'bytes' = 'bytes'): string {
  const size = (s: string) => (unit === 'bytes' ? Buffer.byteLength(s, 'utf8') : s.length);
  if (size(text) <= limit) return text;
  const tail = `\n\n---\n⚠️ Truncated: ${footer}\n`;
  let budget = limit - size(tail) - 40;
  let cut = '';
  for (const line of text.split('\n')) {
    const next = `${line}\n`;
    if (size(next) > budget) break;
    cut += next;
    budget -= size(next);
  }
  if ((cut.match(/^```/gm) ?? []).length % 2 === 1) cut += '```\n';
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  cut += '</details>\n'.repeat(Math.max(0, open));
  return cut.trimEnd() + tail;
}

function headline(input: FormatInput, findings: number): string {
  const noun = `${findings} ${input.diff ? 'new ' : ''}finding${findings === 1 ? '' : 's'}`;
  if (!input.diff) return `costlint: ${findings ? noun : 'no cost findings'}`;
  const delta = input.diff.totalMonthlyCost.delta;
  const cost = Math.abs(delta) < 0.005 ? 'no change in monthly cost' : `${formatDelta(delta)} ${delta > 0 ? '📈' : '📉'}`;
  return `costlint: ${cost}${findings ? ` · ${noun}` : ''}`;
}

/** Findings not in the base (all findings when there is no base). */
function newFindings(input: FormatInput): { report: FileReport; finding: Finding }[] {
  const all = findingsByCost(input.reports);
  if (!input.diff) return all;
  const base = new Set(input.diff.baseFingerprints);
  return all.filter(({ report, finding }) => !base.has(fingerprint(finding, report, repoPath(input, report.path))));
}

function diffSection(input: FormatInput): string[] {
  const diff = input.diff;
  if (!diff) return [];
  const items = changedItems(diff);
  const t = diff.totalMonthlyCost;
  const pct = formatPercent(t);
  const out = [`**Monthly cost:** ${formatMonthly(t.before)} → ${formatMonthly(t.after)} (**${formatDelta(t.delta)}**${pct ? `, ${pct}` : ''}) against \`${cell(diff.baseRef)}\` (${diff.mergeBase.slice(0, 7)})`, ''];
  if (!items.length) return out;
  out.push('| | file | call or resource | before | after | change |', '| --- | --- | --- | ---: | ---: | ---: |');
  const sorted = [...items].sort((a, b) => Math.abs(b.monthlyCost.delta) - Math.abs(a.monthlyCost.delta));
  for (const i of sorted.slice(0, MAX_DIFF_ROWS)) {
    const mark = { added: '➕', removed: '➖', changed: '✏️', unchanged: '' }[i.change];
    const name = i.kind === 'llm-call' ? `\`${cell(i.name)}\` ${cell(whatChanged(i))}` : cell(whatChanged(i));
    out.push(`| ${mark} | \`${cell(i.file)}:${i.line}\` | ${name} | ${formatMonthly(i.monthlyCost.before)} | ${formatMonthly(i.monthlyCost.after)} | **${formatDelta(i.monthlyCost.delta)}**${i.unpriced ? ' (partly unpriced)' : ''} |`);
  }
  if (sorted.length > MAX_DIFF_ROWS) out.push(`| | | …and ${sorted.length - MAX_DIFF_ROWS} more | | | |`);
  out.push('');
  return out;
}

function budgetSection(input: FormatInput): string[] {
  const states = [...(input.budgets?.values() ?? [])];
  if (!states.length) return [];
  const out = ['**Team budgets**', '', '| team | budget | forecast | this change | after the change |', '| --- | ---: | ---: | ---: | --- |'];
  for (const state of states) {
    const team = state.team ?? '(no team)';
    const delta = input.diff?.items.filter((i) => i.team === state.team).reduce((n, i) => n + i.monthlyCost.delta, 0) ?? null;
    if (state.kind === 'unknown') {
      out.push(`| ${cell(team)} | | | ${delta === null ? '' : formatDelta(delta)} | ${cell(describeBudget(state))} |`);
      continue;
    }
    const after = state.forecastMonthly + (delta ?? 0);
    const share = state.monthlyLimit > 0 ? Math.round((after / state.monthlyLimit) * 100) : null;
    const verdict = share === null ? '' : `${share}% of budget${after > state.monthlyLimit ? ' 🔴 over' : ' 🟢'}${state.stale ? ' (stale)' : ''}`;
    out.push(`| ${cell(team)} | ${formatMonthly(state.monthlyLimit)} | ${formatMonthly(state.forecastMonthly)} | ${delta === null ? '' : formatDelta(delta)} | ${verdict} |`);
  }
  out.push('');
  return out;
}

function findingSection(input: FormatInput, findings: { report: FileReport; finding: Finding }[]): string[] {
  const out = [`**${findings.length} ${input.diff ? 'new ' : ''}finding${findings.length === 1 ? '' : 's'}**, costliest first`, ''];
  for (const { report, finding } of findings.slice(0, MAX_FINDINGS)) {
    const cost = monthlyOf(finding) > 0 ? ` · ≈ ${formatMonthly(monthlyOf(finding))}` : '';
    out.push(`- ${ICON[finding.severity]} [\`${finding.ruleId}\`](${finding.docsUrl}) \`${cell(repoPath(input, report.path))}:${finding.loc.line}\`${cost}  `, `  ${oneLine(finding.message)}`);
    const fix = finding.fix ?? finding.suggestions[0];
    if (fix) out.push(...fixBlock(report, fix));
  }
  if (findings.length > MAX_FINDINGS) out.push(`- …and ${findings.length - MAX_FINDINGS} more (see the job summary or \`costlint check\`)`);
  out.push('');
  return out;
}

/** A fix as a collapsed diff of the lines it touches. */
function fixBlock(report: FileReport, fix: Fix): string[] {
  const lines = report.lines;
  const start = Math.min(...fix.edits.map((e) => e.range.start));
  const end = Math.max(...fix.edits.map((e) => e.range.end));
  const first = lines.positionAt(start).line;
  const last = lines.positionAt(end).line;
  const from = lines.lineStart(first);
  const to = lines.lineEnd(last);
  const before = lines.text.slice(from, to);
  const after = TextEdit.apply(before, fix.edits.map((e) => ({ range: { start: e.range.start - from, end: e.range.end - from }, text: e.text })));
  const label = fix.kind === 'fix' ? 'Fix' : 'Suggestion';
  const saves = fix.savingsMonthly && !/saves/.test(fix.title) ? ` (saves ≈ ${formatMonthly(fix.savingsMonthly)})` : '';
  const fence = '```';
  return [
    `  <details><summary>${label}: ${html(fix.title)}${saves}</summary>`,
    '',
    `  ${fence}diff`,
    ...before.split('\n').map((l) => `  -${l}`),
    ...after.split('\n').map((l) => `  +${l}`),
    `  ${fence}`,
    '  </details>',
    '',
  ];
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
const cell = (text: string) => oneLine(text).replace(/\|/g, '\\|').replace(/`/g, 'ˋ');
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
