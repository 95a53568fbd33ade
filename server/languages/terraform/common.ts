import type { Anchor, ComputeResource, Range } from '../../engine/facts';
import type { Frame } from './evaluate';
import type { Instance, ReadContext } from './reading';
import { rangeKey } from './reading';
import type { TagStyle } from './edits';
import { HBlock, HExpr } from './syntax';
import { Val } from './values';
import type { View } from './view';

/** `"aws_eks_node_group" "gpu"`: the labels of a resource block, the short range findings point at. */
export function labelsRange(block: HBlock): Range {
  const labels = block.labelRanges;
  return labels.length ? { start: labels[0].start, end: labels[labels.length - 1].end } : block.typeRange;
}

/**
 * The instances of a resource block. A known `count` or a `for_each` whose body never reads
 * `each` multiplies one reading; a `for_each` read through `each` gives one reading per key.
 * `count = 0` (a disabled resource) gives none.
 */
export function instancesOf(block: HBlock, file: string, ctx: ReadContext, type = block.labels[0], address = `${block.labels[0]}.${block.labels[1]}`): Instance[] {
  const frame = ctx.evaluator.frame(file);
  const count = HBlock.attribute(block, 'count');
  if (count) {
    const n = Val.num(ctx.evaluator.evaluate(count.value, frame));
    if (n === 0) return [];
    if (n === undefined) ctx.notes.push(`${address}: count not known here, read as one instance`);
    return [{ block, type, address, frame, multiplier: n ?? 1 }];
  }
  const forEach = HBlock.attribute(block, 'for_each');
  if (!forEach) return [{ block, type, address, frame, multiplier: 1 }];
  const items = forEachItems(ctx.evaluator.evaluate(forEach.value, frame));
  if (!items) {
    ctx.notes.push(`${address}: for_each not known here, read as one instance`);
    return [{ block, type, address, frame: withEach(frame, Val.unknown('each.key varies per instance'), Val.unknown('each.value varies per instance')), multiplier: 1 }];
  }
  const usesEach = [...HExpr.inBody(block.body)].some((e) => e.kind === 'ref' && e.root === 'each');
  if (!usesEach) return items.length ? [{ block, type, address, frame, multiplier: items.length }] : [];
  return items.map(([key, value]) => ({ block, type, address: `${address}["${key}"]`, frame: withEach(frame, { kind: 'string', value: key }, value), multiplier: 1 }));
}

function withEach(frame: Frame, key: Val, value: Val): Frame {
  return { ...frame, names: new Map([...(frame.names ?? []), ['each', { key, value }]]) };
}

function forEachItems(val: Val): [string, Val][] | undefined {
  if (val.kind === 'object' && !val.partial) return [...val.entries];
  if (val.kind === 'list') {
    const keys = val.items.map((i) => Val.str(i));
    return keys.every((k) => k !== undefined) ? keys.map((k) => [k!, { kind: 'string', value: k! }]) : undefined;
  }
  return undefined;
}

/**
 * Tags or labels under `key`: keys written in this resource are its own, keys that arrive through
 * locals, variables or `merge` arguments are inherited. The anchor is where missing ones go.
 */
export function readTags(view: View, key: string, ctx: ReadContext, inherited: Record<string, string> = {}, style?: TagStyle): ComputeResource['tags'] {
  const val = view.value(key);
  const own: Record<string, string> = {};
  const reached: Record<string, string> = { ...inherited };
  const all = Val.stringMap(val);
  for (const [k, v] of Object.entries(all)) {
    if (val?.kind === 'object' && val.keyRanges.has(k)) own[k] = v;
    else reached[k] = v;
  }
  const tags: ComputeResource['tags'] = { own, inherited: reached, anchor: tagAnchor(view, key, ctx, style ?? { kind: 'attribute', key }) };
  if (val && (val.kind === 'unknown' || (val.kind === 'object' && val.partial))) tags.unresolved = true;
  return tags;
}

function tagAnchor(view: View, key: string, ctx: ReadContext, style: TagStyle): Anchor | undefined {
  const source = view.source(key);
  if (!source) {
    if (view.has(key) || !view.anchor) return undefined;
    ctx.tagStyles.set(rangeKey(view.anchor.range), style);
    return view.anchor;
  }
  if (source.kind === 'object') return { range: source.range, kind: 'map' };
  if (source.kind === 'call' && source.name === 'merge') {
    const last = source.args[source.args.length - 1];
    if (last?.kind === 'object') return { range: last.range, kind: 'map' };
  }
  return { range: source.range, kind: 'value' };
}

/** The provider a resource uses (`provider = aws.west`, else the default one of its type's prefix). */
export function providerOf(block: HBlock): { name: string; alias?: string } {
  const ref = HBlock.attribute(block, 'provider')?.value;
  if (ref?.kind === 'ref' && ref.path[0]?.kind === 'attr') return { name: ref.root, alias: ref.path[0].name };
  return { name: (block.labels[0] ?? '').split('_')[0] };
}

/** AWS `default_tags { tags = … }` or Google `default_labels = …` of the resource's provider. */
export function providerDefaults(block: HBlock, ctx: ReadContext, use = providerOf(block)): Record<string, string> {
  const { name, alias } = use;
  const provider = ctx.module.provider(name, alias);
  if (!provider) return {};
  const frame: Frame = { file: provider.file, direct: false };
  const expr = name === 'aws' ? HBlock.attribute(HBlock.block(provider.value, 'default_tags') ?? { body: [] }, 'tags')?.value : name === 'google' ? HBlock.attribute(provider.value, 'default_labels')?.value : undefined;
  return expr ? Val.stringMap(ctx.evaluator.evaluate(expr, frame)) : {};
}

/** Names, tags and labels to read the purpose from, names first. */
export function purposeTexts(names: [string, Val | string | undefined][], maps: [string, Record<string, string>][]): { what: string; text: string }[] {
  const out: { what: string; text: string }[] = [];
  for (const [what, val] of names) {
    const text = typeof val === 'string' ? val : Val.text(val);
    if (text) out.push({ what, text });
  }
  for (const [what, map] of maps) {
    for (const [k, v] of Object.entries(map)) {
      if (v) out.push({ what: `${what} ${k}`, text: v });
      out.push({ what: `${what} key`, text: k });
    }
  }
  return out;
}

/** A string setting, case-folded; undefined when absent, null when not known here. */
export function setting(view: View | undefined, key: string): string | null | undefined {
  const val = view?.value(key);
  if (!val || val.kind === 'null') return undefined;
  const s = Val.str(val);
  return s === undefined ? null : s.toLowerCase();
}

export function count(view: View | undefined, key: string): number | null {
  return Val.num(view?.value(key)) ?? null;
}
