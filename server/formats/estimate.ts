import * as path from 'node:path';
import type { FileReport } from '../engine/lint';
import type { Assumption, CostComponent, Provenance } from '../estimate/cost';
import { formatMonthly, formatTokens, formatUsd } from '../estimate/money';
import { startsEmpty } from '../estimate/compute';

/** One priced call or resource, as `costlint estimate --format json` prints it. */
export interface EstimateItem {
  filePath: string;
  line: number;
  /** The team that owns the file (config `teams` or CODEOWNERS), or null. */
  team: string | null;
  kind: 'llm-call' | 'compute';
  name: string;
  provider?: string;
  model?: string | null;
  modelSource?: string;
  api?: string;
  inputTokens?: number;
  outputTokens?: number;
  perCall?: number | null;
  gpu?: { model: string | null; count: number } | null;
  replicas?: number | null;
  /** Compute with no running count (a pool that starts empty): the most it can grow to, null when unbounded. */
  maxReplicas?: number | null;
  purchase?: string;
  hourly?: number | null;
  monthly: number | null;
  monthlyRange?: { low: number; high: number };
  price: { id: string; source: string; asOf: string } | null;
  components: CostComponent[];
  assumptions: Assumption[];
  notes: string[];
}

export function estimateItems(reports: readonly FileReport[]): EstimateItem[] {
  const items: EstimateItem[] = [];
  for (const report of reports) {
    report.facts.forEach((fact, i) => {
      const estimate = report.estimates[i];
      const line = report.lines.positionAt(fact.range.start).line + 1;
      const base = {
        filePath: report.path,
        line,
        team: report.team ?? null,
        monthly: estimate.monthly,
        ...(estimate.monthlyRange ? { monthlyRange: estimate.monthlyRange } : {}),
        price: estimate.price,
        components: estimate.components,
        assumptions: estimate.assumptions,
        notes: estimate.notes,
      };
      if (fact.kind === 'LlmCall') {
        items.push({
          ...base,
          kind: 'llm-call',
          name: report.lines.text.slice(fact.calleeRange.start, fact.calleeRange.end),
          provider: fact.provider,
          model: fact.model.value,
          modelSource: fact.model.envVar ? `${fact.model.source} (${fact.model.envVar})` : fact.model.source,
          api: fact.api,
          inputTokens: estimate.tokens?.input,
          outputTokens: estimate.tokens?.output,
          perCall: estimate.perCall,
        });
      } else {
        items.push({
          ...base,
          kind: 'compute',
          name: fact.name,
          provider: fact.cloud,
          gpu: fact.gpu ? { model: fact.gpu.model, count: fact.gpu.count } : null,
          replicas: fact.replicas.desired ?? fact.replicas.min,
          ...(startsEmpty(fact) ? { maxReplicas: fact.replicas.max } : {}),
          purchase: fact.purchase,
          hourly: estimate.hourly,
        });
      }
    });
  }
  return items;
}

/** The table `costlint estimate` prints: grouped by file, with totals. */
export function estimateTable(items: readonly EstimateItem[], options: { explain: boolean; cwd?: string }): string {
  if (!items.length) return 'No LLM calls or compute resources found.\n';
  const out: string[] = [];
  const byFile = new Map<string, EstimateItem[]>();
  for (const item of items) byFile.set(item.filePath, [...(byFile.get(item.filePath) ?? []), item]);
  let total = 0;
  let unpriced = 0;
  let ranged = 0;
  let rangeHigh = 0;
  for (const [file, list] of byFile) {
    out.push(path.relative(options.cwd ?? process.cwd(), file) || file);
    const rows = list.map((item) => {
      if (item.monthly !== null) total += item.monthly;
      else if (item.monthlyRange) {
        ranged++;
        rangeHigh += item.monthlyRange.high;
      } else unpriced++;
      const what =
        item.kind === 'llm-call'
          ? `${item.provider} ${item.model ?? '(model unknown)'}${item.modelSource && item.modelSource !== 'literal' ? ` [${item.modelSource}]` : ''}`
          : `${item.name}${item.gpu ? ` ${item.gpu.count}× ${item.gpu.model ?? 'GPU'}` : ''}${replicasText(item)} ${item.purchase === 'unknown' ? 'capacity unknown' : item.purchase}`;
      const usage =
        item.kind === 'llm-call'
          ? `${formatTokens(item.inputTokens ?? 0)} in / ${formatTokens(item.outputTokens ?? 0)} out`
          : item.hourly !== null && item.hourly !== undefined
            ? `${formatUsd(item.hourly)}/h`
            : '';
      const unit = item.kind === 'llm-call' ? (item.perCall !== null && item.perCall !== undefined ? `${formatUsd(item.perCall)}/call` : 'no price') : '';
      const monthly = item.monthly !== null ? formatMonthly(item.monthly) : item.monthlyRange ? `${formatUsd(item.monthlyRange.low)}–${formatMonthly(item.monthlyRange.high)}` : 'unknown';
      return [`  ${item.line}`, item.kind === 'llm-call' ? item.name : '', what, usage, unit, monthly];
    });
    out.push(...align(rows));
    if (options.explain) {
      for (const item of list) {
        out.push(`  line ${item.line}:`);
        for (const c of item.components) out.push(`    ${c.name}: ${c.quantity ?? 'unknown'} × ${unitPrice(c)} — ${c.source.detail}${where(c.source, options.cwd)}`);
        for (const a of item.assumptions) out.push(`    ${a.name}: ${a.value} — ${a.source.detail}${where(a.source, options.cwd)}`);
        for (const n of item.notes) out.push(`    note: ${n}`);
      }
    }
    out.push('');
  }
  const priced = items.length - unpriced - ranged;
  const extra = [ranged ? `${ranged} as a range, up to ${formatMonthly(rangeHigh)} more` : '', unpriced ? `${unpriced} without a price` : ''].filter(Boolean).join('; ');
  out.push(`Total: ${formatMonthly(total)} across ${priced} priced item${priced === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}`);
  return `${out.join('\n')}\n`;
}

/** ` × 2` replicas, ` × 0–4` nodes for a pool that starts empty, ` × 0+` when nothing caps it. */
function replicasText(item: EstimateItem): string {
  if (item.maxReplicas !== undefined) return item.maxReplicas === null ? ' × 0+' : ` × 0–${item.maxReplicas}`;
  return item.replicas && item.replicas !== 1 ? ` × ${item.replicas}` : '';
}

/** ` (as of 2026-09-23, STALE) (.costlint.yaml:12)`: the date, staleness and config line behind a number. */
export function where(source: Provenance, cwd: string | undefined): string {
  const date = source.asOf ? ` (as of ${source.asOf}${source.stale ? ', stale' : ''})` : '';
  if (!source.line) return date;
  const file = source.file ? (source.file.includes(':') && !path.isAbsolute(source.file) ? source.file : path.relative(cwd ?? process.cwd(), source.file) || path.basename(source.file)) : 'line';
  return `${date} (${file}:${source.line})`;
}

export function unitPrice(c: CostComponent): string {
  if (c.unitPrice === null) return 'no price';
  return c.unit === 'token' ? `${formatUsd(c.unitPrice * 1e6)} per 1M tokens` : `${formatUsd(c.unitPrice)} per ${c.unit}`;
}

function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
}
