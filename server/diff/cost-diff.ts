import type { EstimateItem } from '../formats/estimate';

/** Before, after and their difference, in USD per month. */
export interface MonthlyTriple {
  before: number;
  after: number;
  delta: number;
}

/** One call site or resource on either side of a change. */
export interface DiffItem {
  /** Path relative to the repository root, `/`-separated. */
  file: string;
  /** Line in the working tree (or in the base, for a removed item). */
  line: number;
  kind: EstimateItem['kind'];
  name: string;
  /** The team that owns the file, or null. */
  team: string | null;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** `openai gpt-5`, `gpu 2× H100 on-demand`: what was priced, before and after. */
  beforeWhat: string | null;
  afterWhat: string | null;
  monthlyCost: MonthlyTriple;
  /** A side had no price (unknown model or usage): its cost counts as 0 and is flagged. */
  unpriced: boolean;
}

/** The cost of a change, `infracost diff`-style. */
export interface CostDiff {
  /** The ref asked for, and the merge-base commit analysed. */
  baseRef: string;
  mergeBase: string;
  totalMonthlyCost: MonthlyTriple;
  items: DiffItem[];
  /** Fingerprints (engine/baseline) of the base's findings: a finding not among them is new. */
  baseFingerprints: string[];
}

type Side = EstimateItem & { file: string };

/** `openai gpt-5`, `gpu-nodes 2× H100 × 3 on-demand`. */
export function describeItem(item: EstimateItem): string {
  if (item.kind === 'llm-call') return `${item.provider} ${item.model ?? '(model unknown)'}`;
  const gpu = item.gpu ? ` ${item.gpu.count}× ${item.gpu.model ?? 'GPU'}` : '';
  const replicas = item.replicas && item.replicas !== 1 ? ` × ${item.replicas}` : '';
  return `${item.name}${gpu}${replicas} ${item.purchase ?? ''}`.trim();
}

/**
 * Pairs the base's items with the working tree's by file, kind and name (the n-th call of
 * `client.chat.completions.create` in a file with the n-th), and prices each pair.
 */
export function diffItems(before: readonly Side[], after: readonly Side[], refs: { baseRef: string; mergeBase: string; baseFingerprints?: string[] }): CostDiff {
  const key = (item: Side) => `${item.file}\0${item.kind}\0${item.name}`;
  const queue = new Map<string, Side[]>();
  for (const item of before) queue.set(key(item), [...(queue.get(key(item)) ?? []), item]);
  const items: DiffItem[] = [];
  for (const item of after) {
    const match = queue.get(key(item))?.shift();
    items.push(pair(match ?? null, item));
  }
  for (const rest of queue.values()) for (const item of rest) items.push(pair(item, null));
  items.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.name.localeCompare(b.name));
  const sum = (pick: (t: MonthlyTriple) => number) => items.reduce((n, i) => n + pick(i.monthlyCost), 0);
  return { baseRef: refs.baseRef, mergeBase: refs.mergeBase, baseFingerprints: refs.baseFingerprints ?? [], totalMonthlyCost: { before: sum((t) => t.before), after: sum((t) => t.after), delta: sum((t) => t.delta) }, items };
}

function pair(before: Side | null, after: Side | null): DiffItem {
  const b = before?.monthly ?? 0;
  const a = after?.monthly ?? 0;
  const item = (after ?? before) as Side;
  const beforeWhat = before ? describeItem(before) : null;
  const afterWhat = after ? describeItem(after) : null;
  const change = !before ? 'added' : !after ? 'removed' : a !== b || beforeWhat !== afterWhat ? 'changed' : 'unchanged';
  return {
    file: item.file,
    line: item.line,
    kind: item.kind,
    name: item.name,
    team: item.team,
    change,
    beforeWhat,
    afterWhat,
    monthlyCost: { before: b, after: a, delta: a - b },
    unpriced: (before !== null && before.monthly === null) || (after !== null && after.monthly === null),
  };
}
