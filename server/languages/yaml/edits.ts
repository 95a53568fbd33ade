import { isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Anchor } from '../../engine/facts';
import type { SyntaxEdits, TextEdit, Value } from '../../engine/edits';
import { keyName, rangeOf } from './reader';
import { renderBlockBody, renderBlockEntry, renderBlockItem, renderFlow, renderJson, renderScalar, type Layout } from './render';
import type { YamlStream } from './parse';

/** A sequence of maps keyed by one field (Karpenter `requirements`, CloudFormation `Tags`), edited like a map. */
export interface KeyedList {
  keyField: string;
  valueField: string;
  /** Fields every new item carries (`operator: In`, `PropagateAtLaunch: true`). */
  extra?: Record<string, Value>;
}

/**
 * YAML edit primitives, plus what an extractor tells them about its schema: which maps hold
 * label keys that must never be split on dots, which sequences are keyed lists, and how tags
 * are written for a resource (one anchor may stand for several places, as a workload's labels
 * and its pod template's labels).
 */
export interface YamlEditor extends SyntaxEdits {
  /** Keys set on this map are single keys even when they contain dots (`nvidia.com/gpu`). */
  flatMap(anchor: Anchor): void;
  keyedList(anchor: Anchor, spec: KeyedList): void;
  tagWriter(anchor: Anchor, write: (tags: Record<string, string>) => TextEdit[]): void;
  /** Set or add `path` in a map node. */
  setIn(map: YAMLMap, path: string[], value: Value, replace: boolean): TextEdit[];
  /** Add entries to a map node, skipping keys it already has. */
  addEntries(map: YAMLMap, entries: Record<string, Value>): TextEdit[];
  /** Append items to a sequence node. */
  append(seq: YAMLSeq, items: Value[]): TextEdit[];
  /** The map or sequence node at an anchor. */
  nodeAt(anchor: Anchor): Node | undefined;
}

const keyOf = (range: { start: number; end: number }) => `${range.start}:${range.end}`;

export function createYamlEditor(stream: YamlStream, options: { json: boolean }): YamlEditor {
  const { text } = stream;
  const nodes = new Map<string, Node>();
  const parents = new Map<Node, Pair>();
  const inFlow = new WeakSet<object>();
  let unit = 0;

  const columnOf = (offset: number): number => {
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    const bom = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    return offset - lineStart - bom;
  };
  const lineIndent = (offset: number): number => {
    const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
    return /^[\uFEFF]?[ \t]*/.exec(text.slice(lineStart, offset))![0].replace('\uFEFF', '').length;
  };

  const index = (node: unknown, flow: boolean, parent?: Pair): void => {
    if (!node || typeof node !== 'object') return;
    const range = rangeOf(node);
    if (range && !nodes.has(keyOf(range))) nodes.set(keyOf(range), node as Node);
    if (parent) parents.set(node as Node, parent);
    if (flow) inFlow.add(node);
    if (!isCollection(node)) return;
    const childFlow = flow || Boolean((node as YAMLMap).flow);
    for (const item of (node as YAMLMap | YAMLSeq).items) {
      if (isPair(item)) {
        index(item.key, childFlow);
        index(item.value, childFlow, item);
        if (!unit && !childFlow && isCollection(item.value) && !(item.value as YAMLMap).flow) {
          const keyStart = rangeOf(item.key)?.start;
          const valueStart = rangeOf(item.value)?.start;
          if (keyStart !== undefined && valueStart !== undefined) {
            const step = columnOf(valueStart) - columnOf(keyStart);
            if (step > 0 && step <= 8) unit = step;
          }
        }
      } else index(item, childFlow);
    }
  };
  for (const document of stream.documents) if (!document.rejected) index(document.doc.contents, false);
  if (options.json) unit = jsonUnit(stream, columnOf, lineIndent) ?? 2;

  const layout: Layout = { json: options.json, unit: unit || 2, eol: text.includes('\r\n') ? '\r\n' : '\n', text };
  const flat = new Set<string>();
  const keyed = new Map<string, KeyedList>();
  const tagWriters = new Map<string, (tags: Record<string, string>) => TextEdit[]>();

  const nodeAt = (anchor: Anchor): Node | undefined => nodes.get(keyOf(anchor.range));
  const ownPair = (map: YAMLMap, key: string): Pair | undefined => map.items.find((p) => isPair(p) && keyName(p.key) === key) as Pair | undefined;
  const pairEnd = (pair: Pair): number => Math.max(rangeOf(pair.key)?.end ?? 0, rangeOf(pair.value)?.end ?? 0);
  const isBlock = (node: Node): boolean => isCollection(node) && !(node as YAMLMap).flow && !options.json;

  /** Offset of the line after `offset` (or the end of the text), and whether a line break must come first. */
  const nextLine = (offset: number): { at: number; breakFirst: boolean } => {
    if (offset > 0 && text[offset - 1] === '\n') return { at: offset, breakFirst: false };
    const newline = text.indexOf('\n', offset);
    return newline < 0 ? { at: text.length, breakFirst: true } : { at: newline + 1, breakFirst: false };
  };

  const insertBlockLines = (after: number, column: number, lines: string[]): TextEdit[] => {
    const { at, breakFirst } = nextLine(after);
    const pad = ' '.repeat(column);
    const body = lines.map((line) => `${pad}${line}`).join(layout.eol);
    return [{ range: { start: at, end: at }, text: breakFirst ? `${layout.eol}${body}` : `${body}${layout.eol}` }];
  };

  /** Inserts rendered entries/items into a flow collection (or JSON) after its last element. */
  const insertFlow = (collection: YAMLMap | YAMLSeq, rendered: (column: number, compact: boolean) => string[], lastEnd: number | undefined): TextEdit[] => {
    const range = rangeOf(collection)!;
    const close = text.lastIndexOf(isMap(collection) ? '}' : ']', range.end - 1);
    if (close < range.start) return [];
    const open = range.start;
    const multiline = /[\r\n]/.test(text.slice(open, close));
    if (lastEnd === undefined) {
      if (!multiline) return [{ range: { start: open + 1, end: close }, text: rendered(0, true).join(', ') }];
      const indent = lineIndent(open);
      const inner = indent + layout.unit;
      const body = rendered(inner, false).map((r) => `${' '.repeat(inner)}${r}`).join(`,${layout.eol}`);
      return [{ range: { start: open + 1, end: close }, text: `${layout.eol}${body}${layout.eol}${' '.repeat(indent)}` }];
    }
    if (!multiline) return [{ range: { start: lastEnd, end: lastEnd }, text: `, ${rendered(0, true).join(', ')}` }];
    const lastItem = collection.items[collection.items.length - 1];
    const itemStart = (isPair(lastItem) ? rangeOf(lastItem.key) : rangeOf(lastItem))?.start ?? lastEnd;
    const column = columnOf(itemStart);
    // Items written one per line stay so; a list of one-line objects gets one-line objects.
    const compact = !isPair(lastItem) && !/[\r\n]/.test(text.slice(itemStart, lastEnd));
    const body = rendered(column, compact).map((r) => `${layout.eol}${' '.repeat(column)}${r}`).join(',');
    return [{ range: { start: lastEnd, end: lastEnd }, text: `,${body}` }];
  };

  const addEntries = (map: YAMLMap, entries: Record<string, Value>): TextEdit[] => {
    const missing = Object.entries(entries).filter(([key]) => !ownPair(map, key));
    if (!missing.length) return [];
    const last = map.items[map.items.length - 1] as Pair | undefined;
    if (isBlock(map)) {
      if (!last) return [];
      const column = columnOf(rangeOf(map)!.start);
      return insertBlockLines(pairEnd(last), column, missing.map(([k, v]) => renderBlockEntry(k, v, column, layout)));
    }
    const render = (column: number, compact: boolean) =>
      missing.map(([k, v]) => `${renderScalar(k, layout, true)}: ${options.json && !compact ? renderJson(v, column, layout) : renderFlow(v, layout)}`);
    return insertFlow(map, render, last ? pairEnd(last) : undefined);
  };

  const append = (seq: YAMLSeq, items: Value[]): TextEdit[] => {
    if (!items.length) return [];
    const last = seq.items[seq.items.length - 1];
    if (isBlock(seq)) {
      if (!last) return [];
      const column = columnOf(rangeOf(seq)!.start);
      return insertBlockLines(rangeOf(last)?.end ?? rangeOf(seq)!.start, column, items.map((item) => renderBlockItem(item, column, layout)));
    }
    const render = (column: number, compact: boolean) => items.map((item) => (options.json && !compact ? renderJson(item, column, layout) : renderFlow(item, layout)));
    return insertFlow(seq, render, last ? rangeOf(last)?.end : undefined);
  };

  /** Replaces a value node by `value`, keeping the surrounding layout. */
  const replaceNode = (node: Node, value: Value): TextEdit[] => {
    const found = rangeOf(node);
    if (!found) return [];
    // A tagged value (`!Ref Param`) is replaced with its tag: the new value is a literal.
    const range = { start: tagStart(node, found.start), end: found.end };
    if (options.json) return [{ range, text: renderJson(value, lineIndent(range.start), layout) }];
    if (range.start === range.end) return fillEmpty(node, value);
    const compound = value !== null && typeof value === 'object' && !('$source' in value);
    if (!isBlock(node)) {
      // A value written with double quotes (`"spot"`, `["on-demand"]`) is replaced in kind.
      const style = { ...layout, quote: quotedStyle(node) };
      const flow = inFlow.has(node) || (value !== null && typeof value === 'object');
      return [{ range, text: flow ? renderFlow(value, style) : renderScalar(value as string | number | boolean | null, style) }];
    }
    const contentEnd = blockContentEnd(node as YAMLMap | YAMLSeq);
    const column = columnOf(range.start);
    const nonEmpty = compound && (Array.isArray(value) ? value.length > 0 : Object.keys(value as object).length > 0);
    if (nonEmpty) {
      const body = renderBlockBody(value, column, layout).slice(column);
      return [{ range: { start: range.start, end: contentEnd }, text: body }];
    }
    const pair = parents.get(node);
    if (!pair) return [];
    const colon = text.indexOf(':', rangeOf(pair.key)!.end);
    if (colon < 0 || colon >= range.start) return [];
    return [{ range: { start: colon + 1, end: contentEnd }, text: ` ${renderFlow(value, layout)}` }];
  };

  /** `key:` with nothing after it: the value goes after the colon, nested lines under the key. */
  const fillEmpty = (node: Node, value: Value): TextEdit[] => {
    const pair = parents.get(node);
    const keyRange = pair ? rangeOf(pair.key) : undefined;
    if (!keyRange) return [];
    const colon = text.indexOf(':', keyRange.end);
    if (colon < 0) return [];
    const blockBody = value !== null && typeof value === 'object' && !('$source' in value) && Object.keys(value).length > 0;
    const column = columnOf(keyRange.start);
    const rendered = blockBody ? `${layout.eol}${renderBlockBody(value, column + layout.unit, layout)}` : ` ${renderScalarOrSource(value)}`;
    return [{ range: { start: colon + 1, end: colon + 1 }, text: rendered }];
  };

  const tagStart = (node: Node, start: number): number => {
    const tag = (node as { tag?: string }).tag;
    if (!tag || !tag.startsWith('!')) return start;
    const at = text.lastIndexOf(tag, start);
    return at >= 0 && /^\s*$/.test(text.slice(at + tag.length, start)) ? at : start;
  };

  const renderScalarOrSource = (value: Value): string =>
    value === null || typeof value !== 'object' ? renderScalar(value, layout) : renderFlow(value, layout);

  const blockContentEnd = (node: YAMLMap | YAMLSeq): number => {
    const last = node.items[node.items.length - 1];
    if (!last) return rangeOf(node)!.start;
    return isPair(last) ? pairEnd(last) : (rangeOf(last)?.end ?? rangeOf(node)!.start);
  };

  const setIn = (map: YAMLMap, path: string[], value: Value, replace: boolean): TextEdit[] => {
    const [head, ...rest] = path;
    const existing = ownPair(map, head);
    if (existing) {
      const current = existing.value as Node | null;
      if (rest.length) return isMap(current) ? setIn(current as YAMLMap, rest, value, replace) : [];
      if (!replace) return [];
      if (!isScalar(current) && !isCollection(current)) return [];
      return replaceNode(current, value);
    }
    const nested = rest.reduceRight<Value>((inner, key) => ({ [key]: inner }), value);
    return addEntries(map, { [head]: nested });
  };

  const pathFor = (anchor: Anchor, map: YAMLMap, key: string): string[] =>
    flat.has(keyOf(anchor.range)) || ownPair(map, key) ? [key] : key.split('.');

  const setArgument = (anchor: Anchor, key: string, value: Value, replace: boolean): TextEdit[] => {
    const node = nodeAt(anchor);
    const list = keyed.get(keyOf(anchor.range));
    if (list && isSeq(node)) {
      const item = (node as YAMLSeq).items.find((i) => isMap(i) && scalarText(ownPair(i as YAMLMap, list.keyField)?.value) === key) as YAMLMap | undefined;
      if (item) return setIn(item, [list.valueField], value, replace);
      return append(node as YAMLSeq, [{ [list.keyField]: key, ...(list.extra ?? {}), [list.valueField]: value }]);
    }
    if (!isMap(node)) return [];
    return setIn(node as YAMLMap, pathFor(anchor, node as YAMLMap, key), value, replace);
  };

  return {
    flatMap: (anchor) => void flat.add(keyOf(anchor.range)),
    keyedList: (anchor, spec) => void keyed.set(keyOf(anchor.range), spec),
    tagWriter: (anchor, write) => void tagWriters.set(keyOf(anchor.range), write),
    setIn,
    addEntries,
    append,
    nodeAt,
    setArgument: (anchor, key, value) => setArgument(anchor, key, value, true),
    addKey: (anchor, key, value) => setArgument(anchor, key, value, false),
    replaceLiteral: (anchor, value) => {
      const node = nodeAt(anchor);
      return node && (isScalar(node) || isCollection(node)) ? replaceNode(node, value) : [];
    },
    addTags: (anchor, tags) => {
      const writer = tagWriters.get(keyOf(anchor.range));
      if (writer) return writer(tags);
      const list = keyed.get(keyOf(anchor.range));
      const node = nodeAt(anchor);
      if (list && isSeq(node)) {
        const present = new Set((node as YAMLSeq).items.map((i) => (isMap(i) ? scalarText(ownPair(i as YAMLMap, list.keyField)?.value) : undefined)));
        const items = Object.entries(tags)
          .filter(([k]) => !present.has(k))
          .map(([k, v]) => ({ [list.keyField]: k, [list.valueField]: v, ...(list.extra ?? {}) }));
        return append(node as YAMLSeq, items);
      }
      return isMap(node) ? addEntries(node as YAMLMap, tags) : [];
    },
  };
}

function quotedStyle(node: Node): boolean {
  const first = isCollection(node) ? (node as YAMLSeq).items.find((i) => isScalar(i)) : node;
  return isScalar(first) && first.type === 'QUOTE_DOUBLE' && typeof first.value === 'string';
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/** The indent unit of a JSON file: the first nested key's column minus its object's line indent. */
function jsonUnit(stream: YamlStream, columnOf: (offset: number) => number, lineIndent: (offset: number) => number): number | undefined {
  for (const document of stream.documents) {
    const root = document.doc.contents;
    if (!isMap(root)) continue;
    const first = (root as YAMLMap).items[0];
    const start = first && isPair(first) ? rangeOf(first.key)?.start : undefined;
    const open = rangeOf(root)?.start;
    if (start === undefined || open === undefined) continue;
    const step = columnOf(start) - lineIndent(open);
    if (step > 0 && step <= 8 && /[\r\n]/.test(stream.text.slice(open, start))) return step;
  }
  return undefined;
}
