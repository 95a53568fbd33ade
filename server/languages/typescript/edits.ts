import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Anchor } from '../../engine/facts';
import { Value, type SyntaxEdits, type TextEdit } from '../../engine/edits';
import { T, property, type Node } from './ast';

/** Edit primitives for TS/JS: object-literal keys and replaced expressions, in the file's quote style. */
export function typescriptEdits(text: string, objects: readonly TSESTree.ObjectExpression[], quote: "'" | '"' = "'"): SyntaxEdits {
  const render = (value: Value): string => renderValue(value, text, quote);
  // By range, on the first edit asked for: most analyses (every keystroke in the editor) ask for none.
  let byRange: Map<string, TSESTree.ObjectExpression> | undefined;
  const objectAt = (anchor: Anchor) => {
    if (anchor.kind !== 'map') return undefined;
    byRange ??= new Map(objects.map((o) => [`${o.range[0]}:${o.range[1]}`, o]));
    return byRange.get(`${anchor.range.start}:${anchor.range.end}`);
  };

  const set = (object: TSESTree.ObjectExpression, path: string[], value: Value, replace: boolean): TextEdit[] => {
    const [head, ...rest] = path;
    const existing = property(object, head);
    if (existing) {
      if (rest.length) {
        const inner = existing.value;
        return inner.type === T.ObjectExpression ? set(inner, rest, value, replace) : [];
      }
      if (!replace || existing.shorthand) return [];
      return [{ range: { start: existing.value.range[0], end: existing.value.range[1] }, text: render(value) }];
    }
    const nested = rest.reduceRight<Value>((inner, key) => ({ [key]: inner }), value);
    return [insertProperty(object, `${renderKey(head, quote)}: ${render(nested)}`, text)];
  };

  return {
    setArgument: (target, key, value) => {
      const object = objectAt(target);
      return object ? set(object, key.split('.'), value, true) : [];
    },
    addKey: (target, key, value) => {
      const object = objectAt(target);
      return object ? set(object, key.split('.'), value, false) : [];
    },
    replaceLiteral: (target, value) => [{ range: target.range, text: render(value) }],
    addTags: (target, tags) => {
      const object = objectAt(target);
      if (!object) return [];
      const missing = Object.entries(tags).filter(([key]) => !property(object, key));
      if (!missing.length) return [];
      return [insertProperty(object, missing.map(([k, v]) => `${renderKey(k, quote)}: ${render(v)}`).join(', '), text)];
    },
  };
}

/** Inserts `entry` as the object's last property, keeping its layout (one line or one per line) and trailing comma. */
function insertProperty(object: TSESTree.ObjectExpression, entry: string, text: string): TextEdit {
  const open = object.range[0];
  const close = object.range[1] - 1;
  const last = object.properties[object.properties.length - 1] as Node | undefined;
  if (!last) {
    const inner = text.slice(open + 1, close);
    if (inner.includes('\n')) {
      const indent = lineIndent(text, open) + '  ';
      return { range: { start: open + 1, end: close }, text: `\n${indent}${entry},\n${lineIndent(text, close)}` };
    }
    return { range: { start: open + 1, end: close }, text: ` ${entry} ` };
  }
  const after = text.slice(last.range[1], close);
  const comma = after.search(/^\s*,/) === 0 ? last.range[1] + after.indexOf(',') + 1 : -1;
  const multiline = text.slice(open, close).includes('\n') && /\n/.test(text.slice(open, last.range[0]));
  if (multiline) {
    const indent = lineIndent(text, last.range[0]);
    if (comma >= 0) return { range: { start: comma, end: comma }, text: `\n${indent}${entry},` };
    return { range: { start: last.range[1], end: last.range[1] }, text: `,\n${indent}${entry}` };
  }
  if (comma >= 0) return { range: { start: comma, end: comma }, text: ` ${entry},` };
  return { range: { start: last.range[1], end: last.range[1] }, text: `, ${entry}` };
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function renderKey(key: string, quote: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : renderString(key, quote);
}

function renderString(value: string, quote: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').split(quote).join(`\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

export function renderValue(value: Value, text: string, quote: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return renderString(value, quote);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Value.isSource(value)) return text.slice(value.$source.start, value.$source.end);
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v, text, quote)).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${renderKey(k, quote)}: ${renderValue(v, text, quote)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

