import type { Anchor, Range } from '../../engine/facts';
import { Value, type SyntaxEdits, type TextEdit } from '../../engine/edits';
import { named, unwrap, type PyNode } from './ast';
import type { Options } from './options';
import type { Resolver } from './resolve';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INDENT = '    ';

/**
 * Edit primitives for Python: keyword arguments in a call's argument list (`max_tokens=1024`),
 * keys in dicts (`"max_tokens": 1024`), following dot paths into nested config calls and dicts,
 * and values rendered as Python (`True`, `None`, strings in the file's preferred quote).
 */
export function pythonEdits(root: PyNode, text: string, resolver: Resolver, options: Options, quote: "'" | '"'): SyntaxEdits {
  const render = (value: Value): string => renderPython(value, text, quote);

  const containerAt = (anchor: Anchor): PyNode | undefined => {
    const node = nodeAt(root, anchor.range);
    if (!node) return undefined;
    if (node.type === 'argument_list' || node.type === 'dictionary') return node;
    return resolver.keyed(node)?.node;
  };

  const set = (container: PyNode, path: string[], value: Value, replace: boolean): TextEdit[] => {
    const [head, ...rest] = path;
    const existing = options.get({ node: container }, head);
    if (existing) {
      if (rest.length) {
        const inner = resolver.keyed(existing.value);
        return inner ? set(inner.node, rest, value, replace) : [];
      }
      return replace ? [{ range: { start: existing.value.start, end: existing.value.end }, text: render(value) }] : [];
    }
    const nested = rest.reduceRight<Value>((inner, key) => ({ [key]: inner }), value);
    const entry = entryText(container, head, render(nested));
    return entry ? insertEntry(container, entry, text) : [];
  };

  const entryText = (container: PyNode, key: string, rendered: string): string | undefined => {
    if (container.type === 'dictionary') return `${renderString(key, quote)}: ${rendered}`;
    return IDENTIFIER.test(key) ? `${key}=${rendered}` : undefined;
  };

  return {
    setArgument: (target, key, value) => {
      const container = containerAt(target);
      return container ? set(container, key.split('.'), value, true) : [];
    },
    addKey: (target, key, value) => {
      const container = containerAt(target);
      return container ? set(container, key.split('.'), value, false) : [];
    },
    replaceLiteral: (target, value) => [{ range: target.range, text: render(value) }],
    addTags: (target, tags) => {
      const container = containerAt(target);
      if (!container) return [];
      const present = new Set(options.entries({ node: container }).map((e) => e.key));
      const missing = Object.entries(tags).filter(([key]) => !present.has(key));
      const entries = missing.map(([key, value]) => entryText(container, key, render(value)));
      if (!entries.length || entries.some((e) => e === undefined)) return [];
      return insertEntry(container, entries.join(', '), text);
    },
  };
}

/** The innermost node spanning exactly `range`, preferring containers. */
function nodeAt(root: PyNode, range: Range): PyNode | undefined {
  let current: PyNode | undefined = root;
  let found: PyNode | undefined;
  while (current) {
    if (current.start === range.start && current.end === range.end) {
      found = current;
      if (current.type === 'argument_list' || current.type === 'dictionary') return current;
    }
    current = current.children.find((c) => c.start <= range.start && c.end >= range.end);
  }
  return found;
}

/** Inserts `entry` as the container's last item, keeping its layout (one line, or one item per line) and trailing comma. */
function insertEntry(container: PyNode, entry: string, text: string): TextEdit[] {
  const open = container.start;
  const close = container.end - 1;
  const items = named(container);
  const last = items[items.length - 1];
  if (!last) {
    const inner = text.slice(open + 1, close);
    if (inner.includes('\n')) return [{ range: { start: open + 1, end: close }, text: `\n${lineIndent(text, open)}${INDENT}${entry},\n${lineIndent(text, close)}` }];
    return [{ range: { start: open + 1, end: close }, text: entry }];
  }
  const after = text.slice(last.end, close);
  const commaAt = /^\s*,/.test(after) ? last.end + after.indexOf(',') : -1;
  const multiline = /\n/.test(text.slice(open, unwrap(last).start));
  if (!multiline) {
    if (commaAt >= 0) return [{ range: { start: commaAt + 1, end: commaAt + 1 }, text: ` ${entry},` }];
    return [{ range: { start: last.end, end: last.end }, text: `, ${entry}` }];
  }
  const indent = lineIndent(text, last.start);
  // After a trailing comment on the last item's line, so the comment stays with its item.
  const from = commaAt >= 0 ? commaAt + 1 : last.end;
  const lineEnd = endOfLine(text, from, close);
  if (commaAt >= 0) return [{ range: { start: lineEnd, end: lineEnd }, text: `\n${indent}${entry},` }];
  if (lineEnd === last.end) return [{ range: { start: last.end, end: last.end }, text: `,\n${indent}${entry}` }];
  return [
    { range: { start: last.end, end: last.end }, text: ',' },
    { range: { start: lineEnd, end: lineEnd }, text: `\n${indent}${entry}` },
  ];
}

/** The end of the line holding `offset` when only blanks or a comment follow it there; else `offset`. */
function endOfLine(text: string, offset: number, limit: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 || newline > limit ? limit : newline;
  const rest = text.slice(offset, end);
  if (!/^\s*(#.*)?$/.test(rest.replace(/\r$/, ''))) return offset;
  return /^\s*$/.test(rest) ? offset : end - (text[end - 1] === '\r' ? 1 : 0);
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function renderString(value: string, quote: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').split(quote).join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** A language-neutral value as Python source. */
export function renderPython(value: Value, text: string, quote: string): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'float("inf")' : value < 0 ? '-float("inf")' : 'float("nan")';
  if (typeof value === 'string') return renderString(value, quote);
  if (Value.isSource(value)) return text.slice(value.$source.start, value.$source.end);
  if (Array.isArray(value)) return `[${value.map((v) => renderPython(v, text, quote)).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${renderString(k, quote)}: ${renderPython(v, text, quote)}`);
  return `{${entries.join(', ')}}`;
}
