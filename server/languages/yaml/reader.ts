import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Anchor, AnchorKind, Range } from '../../engine/facts';

export type { Node, Pair, Scalar, YAMLMap, YAMLSeq };

/**
 * Reads a parsed YAML document the way a manifest reader needs: keys by name, aliases and
 * `<<` merge keys followed, scalars as strings or numbers. Every node it hands out knows
 * whether it was reached through an alias, because an edit there would change the anchored
 * original (and every other alias of it) rather than the object being read.
 */
export class YamlReader {
  private readonly shared = new WeakSet<object>();
  private expansions = 0;

  constructor(
    readonly doc: Document.Parsed,
    /** Alias resolutions allowed while reading (the document already passed the bomb check). */
    private readonly budget = 10_000,
  ) {}

  /** The node an alias points to (or the node itself), marked as shared when it was an alias. */
  deref(node: unknown): Node | undefined {
    if (!node) return undefined;
    if (isAlias(node)) {
      if (++this.expansions > this.budget) return undefined;
      const target = node.resolve(this.doc) as Node | undefined;
      if (target) this.shared.add(target);
      return target;
    }
    return node as Node;
  }

  /** True when the node was reached through an alias or a merge key: not safe to edit in place. */
  isShared(node: unknown): boolean {
    return typeof node === 'object' && node !== null && this.shared.has(node);
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? (n as YAMLMap) : undefined;
  }

  seq(node: unknown): YAMLSeq | undefined {
    const n = this.deref(node);
    return isSeq(n) ? (n as YAMLSeq) : undefined;
  }

  /** The pair for `key` in a map: its own pairs first, then pairs merged in with `<<`. */
  pair(map: YAMLMap | undefined, key: string): Pair | undefined {
    if (!map) return undefined;
    let merged: Pair | undefined;
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const name = keyName(item.key);
      if (name === key) return item;
      if (name === '<<' && !merged) merged = this.fromMerge(item.value, key);
    }
    if (merged) this.markShared(merged);
    return merged;
  }

  /** The value of `key`, aliases followed. */
  get(map: YAMLMap | undefined, key: string): Node | undefined {
    const pair = this.pair(map, key);
    if (!pair) return undefined;
    const value = this.deref(pair.value);
    if (value && this.isShared(map)) this.shared.add(value);
    return value;
  }

  /** Follows a path of keys through nested maps. */
  at(node: unknown, ...keys: string[]): Node | undefined {
    let current = this.deref(node);
    for (const key of keys) {
      current = this.get(this.map(current), key);
      if (!current) return undefined;
    }
    return current;
  }

  mapAt(node: unknown, ...keys: string[]): YAMLMap | undefined {
    return this.map(this.at(node, ...keys));
  }

  seqAt(node: unknown, ...keys: string[]): YAMLSeq | undefined {
    return this.seq(this.at(node, ...keys));
  }

  /** Items of a sequence, aliases followed; [] when the node is not a sequence. */
  items(node: unknown): Node[] {
    const seq = this.seq(node);
    if (!seq) return [];
    const inherited = this.isShared(seq);
    return seq.items.flatMap((item) => {
      const value = this.deref(item);
      if (!value) return [];
      if (inherited) this.shared.add(value);
      return [value];
    });
  }

  /** Key/value entries of a map (merged keys included, own keys winning). */
  entries(node: unknown): { key: string; keyNode: Node; value: Node | undefined; pair: Pair }[] {
    const map = this.map(node);
    if (!map) return [];
    const out = new Map<string, { key: string; keyNode: Node; value: Node | undefined; pair: Pair }>();
    const merges: Pair[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const key = keyName(item.key);
      if (key === undefined) continue;
      if (key === '<<') merges.push(item);
      else out.set(key, { key, keyNode: item.key as Node, value: this.get(map, key), pair: item });
    }
    for (const merge of merges) {
      for (const source of this.mergeSources(merge.value)) {
        for (const entry of this.entries(source)) {
          if (out.has(entry.key)) continue;
          this.markShared(entry.pair);
          if (entry.value) this.shared.add(entry.value);
          out.set(entry.key, entry);
        }
      }
    }
    return [...out.values()];
  }

  /** A scalar as a string (numbers and booleans as written), or undefined for collections and nulls. */
  str(node: unknown): string | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
    return typeof n.value === 'string' ? n.value : String(n.value);
  }

  /** A scalar as a number: `2`, `"2"`, `'2'`; undefined otherwise. */
  num(node: unknown): number | undefined {
    const n = this.deref(node);
    if (!isScalar(n)) return undefined;
    if (typeof n.value === 'number') return n.value;
    if (typeof n.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(n.value)) return Number(n.value);
    return undefined;
  }

  bool(node: unknown): boolean | undefined {
    const n = this.deref(node);
    if (!isScalar(n)) return undefined;
    if (typeof n.value === 'boolean') return n.value;
    if (typeof n.value === 'string' && /^(true|false)$/i.test(n.value)) return n.value.toLowerCase() === 'true';
    return undefined;
  }

  /** A string map (labels, nodeSelector, tags): values as strings, non-scalars left out. */
  stringMap(node: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    for (const entry of this.entries(node)) {
      const value = this.str(entry.value);
      if (value !== undefined) out[entry.key] = value;
    }
    return out;
  }

  /** An anchor for edits, or undefined when the node is shared through an alias (edits there are not offered). */
  anchor(node: Node | undefined, kind: AnchorKind): Anchor | undefined {
    if (!node || this.isShared(node)) return undefined;
    const range = rangeOf(node);
    return range ? { range, kind } : undefined;
  }

  private markShared(pair: Pair): void {
    this.shared.add(pair);
    if (pair.key && typeof pair.key === 'object') this.shared.add(pair.key);
    if (pair.value && typeof pair.value === 'object') this.shared.add(pair.value);
  }

  private mergeSources(value: unknown): YAMLMap[] {
    const target = this.deref(value);
    if (isMap(target)) {
      this.shared.add(target);
      return [target as YAMLMap];
    }
    if (isSeq(target)) return (target as YAMLSeq).items.flatMap((item) => this.mergeSources(item));
    return [];
  }

  private fromMerge(value: unknown, key: string): Pair | undefined {
    for (const source of this.mergeSources(value)) {
      const found = this.pair(source, key);
      if (found) return found;
    }
    return undefined;
  }
}

/** A map key as text: `nvidia.com/gpu`, `"nvidia.com/gpu"`, `2`; `<<` for a merge key. */
export function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = (key as Scalar).value;
  if (typeof value === 'symbol') return value.description;
  if (value === null || value === undefined) return undefined;
  return String(value);
}

/** The source range of a node without what trails it (comments, line breaks). */
export function rangeOf(node: unknown): Range | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** A block collection's range ends after its last line break; this trims trailing whitespace and comments' line breaks. */
export function trimmedRange(node: unknown, text: string): Range | undefined {
  const range = rangeOf(node);
  if (!range) return undefined;
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1])) end--;
  return { start: range.start, end };
}
