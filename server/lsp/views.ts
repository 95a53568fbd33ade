import { InlayHintKind, MarkupKind, type CodeLens, type Hover, type InlayHint, type Position, type Range } from 'vscode-languageserver';
import type { FileReport } from '../engine/lint';
import type { Fact } from '../engine/facts';
import type { Estimate } from '../estimate/cost';
import { formatMonthly, formatTokens, formatUsd } from '../estimate/money';
import { unitPrice, where } from '../formats/estimate';
import { shareOfBudget, type BudgetState } from '../budgets/state';
import { toRange } from './diagnostics';

function within(position: Position, range: Range): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** A monthly figure, a range for unknown GPUs, or why it is missing. */
export function monthlyText(estimate: Estimate): string {
  if (estimate.monthly !== null) return `≈ ${formatMonthly(estimate.monthly)}`;
  if (estimate.monthlyRange) return `≈ ${formatUsd(estimate.monthlyRange.low)}–${formatMonthly(estimate.monthlyRange.high)}`;
  return 'cost unknown';
}

/** Token counts after each static prompt part, and tokens with `≈ $/call` after each call. */
export function inlayHints(report: FileReport, span: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  report.facts.forEach((fact, i) => {
    const estimate = report.estimates[i];
    const hint = (offset: number, label: string, tooltip: string) => {
      const position = report.lines.positionAt(offset);
      if (position.line >= span.start.line && position.line <= span.end.line) hints.push({ position, label, kind: InlayHintKind.Type, paddingLeft: true, tooltip });
    };
    if (fact.kind === 'LlmCall') {
      fact.prompt.forEach((part, p) => {
        const tokens = estimate.tokens?.perPart[p];
        if (part.kind === 'static' && tokens) hint(part.range.end, `${formatTokens(tokens)} tok`, `${tokens.toLocaleString('en-US')} tokens of static ${part.role} prompt`);
      });
      const tokens = estimate.tokens ? `${formatTokens(estimate.tokens.input)} in · ${formatTokens(estimate.tokens.output)} out · ` : '';
      const price = estimate.perCall !== null ? `≈ ${formatUsd(estimate.perCall)}/call` : 'no price';
      hint(fact.range.end, `${tokens}${price}`, estimate.price ? `${estimate.price.id} (${estimate.price.source}, as of ${estimate.price.asOf})` : estimate.notes.join('\n'));
    } else if (estimate.hourly !== null) {
      hint(fact.nameRange.end, `≈ ${formatUsd(estimate.hourly)}/h`, estimate.price ? `${estimate.price.id} (${estimate.price.source}, as of ${estimate.price.asOf})` : '');
    }
  });
  return hints;
}

/** Data a code lens carries until it is resolved. */
export interface LensData {
  uri: string;
  version: number;
  index: number;
}

/** One unresolved lens above each call and resource; the title comes in codeLens/resolve. */
export function codeLenses(report: FileReport, uri: string, version: number): CodeLens[] {
  return report.facts.map((fact, index) => ({ range: toRange(report.lines, fact.kind === 'LlmCall' ? fact.calleeRange : fact.nameRange), data: { uri, version, index } satisfies LensData }));
}

/** `≈ $120/mo at 10,000 calls · built-in default … · 3% of search budget`. */
export function lensTitle(fact: Fact, estimate: Estimate, budget: BudgetState | null): string {
  const volume = estimate.assumptions.find((a) => a.name === (fact.kind === 'LlmCall' ? 'Calls per month' : 'Hours per month'));
  const unit = fact.kind === 'LlmCall' ? 'calls' : 'h';
  const parts = [monthlyText(estimate) + (volume ? `/mo at ${Number(volume.value).toLocaleString('en-US')} ${unit}` : '')];
  if (volume) parts.push(sourceLabel(volume.source));
  const share = budget ? shareOfBudget(budget, estimate.monthly) : null;
  if (share !== null && budget?.kind === 'known') parts.push(`${share < 1 ? share.toFixed(1) : Math.round(share)}% of ${budget.team} budget`);
  return parts.join(' · ').replace('/mo/mo', '/mo');
}

function sourceLabel(source: Estimate['assumptions'][number]['source']): string {
  if (source.kind === 'default') return 'built-in default';
  if (source.kind === 'annotation') return `costlint-usage comment${source.line ? ` (line ${source.line})` : ''}`;
  if (source.file && source.line) return `${source.file.split(/[\\/]/).pop()}:${source.line}`;
  return source.detail;
}

/** The hover card of the call or resource under the cursor: price row, as-of date, components, assumptions and sources. */
export function hover(report: FileReport, position: Position): Hover | null {
  let best: { index: number; size: number } | null = null;
  report.facts.forEach((fact, index) => {
    const range = toRange(report.lines, fact.range);
    const size = fact.range.end - fact.range.start;
    if (within(position, range) && (!best || size < best.size)) best = { index, size };
  });
  if (!best) return null;
  const { index } = best as { index: number };
  const fact = report.facts[index];
  const estimate = report.estimates[index];
  const cwd = report.path.replace(/[\\/][^\\/]*$/, '');
  const lines: string[] = [];
  const what = fact.kind === 'LlmCall' ? `${fact.provider} ${fact.model.value ?? '(model unknown)'} · ${fact.api}` : `${fact.name} · ${fact.resourceType}`;
  lines.push(`**costlint** · ${what}`, '');
  const per = fact.kind === 'LlmCall' ? (estimate.perCall !== null ? ` · ${formatUsd(estimate.perCall)}/call` : '') : estimate.hourly !== null ? ` · ${formatUsd(estimate.hourly)}/h` : '';
  lines.push(`**${monthlyText(estimate)}**${per}`, '');
  if (estimate.price) lines.push(`Price: \`${estimate.price.id}\` from ${estimate.price.source}, as of ${estimate.price.asOf}${estimate.price.stale ? ' (stale)' : ''}`, '');
  if (estimate.components.length) {
    lines.push('| component | quantity | unit price | cost |', '| --- | ---: | ---: | ---: |');
    for (const c of estimate.components) lines.push(`| ${c.name} | ${c.quantity === null ? 'unknown' : c.quantity.toLocaleString('en-US')} | ${unitPrice(c)} | ${c.cost === null ? 'unknown' : formatUsd(c.cost)} |`);
    lines.push('');
  }
  if (estimate.assumptions.length) {
    lines.push('Assumptions:');
    for (const a of estimate.assumptions) lines.push(`- ${a.name}: ${typeof a.value === 'number' ? a.value.toLocaleString('en-US') : a.value} — ${a.source.detail}${where(a.source, cwd)}`);
    lines.push('');
  }
  for (const note of estimate.notes) lines.push(`> ${note}`, '');
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n').trimEnd() }, range: toRange(report.lines, fact.range) };
}
