import { isScalar, parseDocument } from 'yaml';
import { Value } from '../../engine/edits';

/** How new text is laid out: the file's syntax, indent unit and line break. */
export interface Layout {
  json: boolean;
  /** Spaces per nesting level (detected from the file, 2 by default). */
  unit: number;
  eol: string;
  /** The file's text, for `Value.source` references. */
  text: string;
  /** Double-quote every string (to match a value that was written so). */
  quote?: boolean;
}

type Scalar = string | number | boolean | null;

/**
 * A string can be written plain when it reads back as the same string under both YAML 1.2
 * (this parser) and YAML 1.1 (go-yaml, which Kubernetes and many tools still use: `yes`,
 * `on`, `0777` are not strings there), and carries no indicator that changes its meaning.
 */
function plainSafe(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/^[-?:][^\s,[\]{}]/.test(value)) return false;
  if (/: |:$| #/.test(value)) return false;
  if (flow && /[,[\]{}]/.test(value)) return false;
  for (const version of ['1.1', '1.2'] as const) {
    const doc = parseDocument(value, { version });
    if (doc.errors.length || doc.warnings.length) return false;
    const node = doc.contents;
    if (!isScalar(node) || node.value !== value) return false;
  }
  return true;
}

function quote(value: string): string {
  // A JSON string literal is a valid YAML double-quoted scalar.
  return JSON.stringify(value);
}

export function renderScalar(value: Scalar, layout: Layout, flow = false): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quote(String(value));
  if (typeof value === 'boolean') return String(value);
  if (layout.json || layout.quote) return quote(value);
  return plainSafe(value, flow) ? value : quote(value);
}

export function renderKey(key: string, layout: Layout, flow = false): string {
  return renderScalar(key, layout, flow);
}

function isScalarValue(value: Value): value is Scalar {
  return value === null || typeof value !== 'object';
}

/** One-line rendering: `{a: 1, b: [x, y]}` in YAML, `{"a": 1, "b": ["x", "y"]}` in JSON. */
export function renderFlow(value: Value, layout: Layout): string {
  if (isScalarValue(value)) return renderScalar(value, layout, true);
  if (Value.isSource(value)) return layout.text.slice(value.$source.start, value.$source.end);
  if (Array.isArray(value)) return `[${value.map((v) => renderFlow(v, layout)).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${renderKey(k, layout, true)}: ${renderFlow(v, layout)}`);
  return entries.length ? `{${entries.join(', ')}}` : '{}';
}

/** Whether a value renders on its own line(s) in block style. */
function isBlockCollection(value: Value): boolean {
  if (isScalarValue(value) || Value.isSource(value)) return false;
  return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
}

/**
 * A `key: value` entry in block style at `column`, without the first line's indentation and
 * without a final line break: `key: 1`, or `key:` followed by nested lines.
 */
export function renderBlockEntry(key: string, value: Value, column: number, layout: Layout): string {
  const head = `${renderKey(key, layout)}:`;
  if (!isBlockCollection(value)) return `${head} ${renderFlow(value, layout)}`;
  return `${head}${layout.eol}${renderBlockBody(value, column + layout.unit, layout)}`;
}

/** The lines of a block map or sequence at `column`, every line indented, no final line break. */
export function renderBlockBody(value: Value, column: number, layout: Layout): string {
  const pad = ' '.repeat(column);
  if (Array.isArray(value)) return value.map((item) => `${pad}${renderBlockItem(item, column, layout)}`).join(layout.eol);
  return Object.entries(value as Record<string, Value>)
    .map(([k, v]) => `${pad}${renderBlockEntry(k, v, column, layout)}`)
    .join(layout.eol);
}

/** A sequence item at `column` (the dash's column), without its first line's indentation: `- a`, `- key: 1\n  other: 2`. */
export function renderBlockItem(item: Value, column: number, layout: Layout): string {
  if (!isBlockCollection(item) || Array.isArray(item)) return `- ${renderFlow(item, layout)}`;
  const entries = Object.entries(item as Record<string, Value>);
  const inner = column + 2;
  const lines = entries.map(([k, v], i) => `${i === 0 ? '' : ' '.repeat(inner)}${renderBlockEntry(k, v, inner, layout)}`);
  return `- ${lines.join(layout.eol)}`;
}

/** JSON, pretty-printed with the file's indent unit, continuation lines indented to `column`. */
export function renderJson(value: Value, column: number, layout: Layout): string {
  const plain = resolveSources(value, layout.text);
  const text = JSON.stringify(plain, null, layout.unit) ?? 'null';
  return text.split('\n').join(layout.eol + ' '.repeat(column));
}

function resolveSources(value: Value, text: string): unknown {
  if (Value.isSource(value)) {
    const raw = text.slice(value.$source.start, value.$source.end);
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (Array.isArray(value)) return value.map((v) => resolveSources(v, text));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSources(v, text)]));
  return value;
}
