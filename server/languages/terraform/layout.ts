import type { TextEdit } from '../../engine/edits';
import type { HBlock, HExpr } from './syntax';

export type Container =
  | { kind: 'block'; node: HBlock; resourceType?: string }
  | { kind: 'object'; node: Extract<HExpr, { kind: 'object' }>; resourceType?: string };

/** A new entry as lines (the first without indent, later ones relative to it). */
export interface NewEntry {
  key: string;
  lines: string[];
}

/** The file's indent step: the smallest indent of an indented line, else two spaces. */
export function indentUnit(text: string): string {
  let best: string | undefined;
  for (const match of text.matchAll(/^([ \t]+)\S/gm)) {
    if (!best || match[1].length < best.length) best = match[1];
    if (best.length <= 2) break;
  }
  return best ?? '  ';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : text[end - 1] === '\r' ? end - 1 : end;
}

function lineIndent(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

const hasNewline = (text: string, from: number, to: number) => text.slice(from, to).includes('\n');

interface Entry {
  start: number;
  end: number;
  /** Where `=` (or `:`) sits, for single-line attributes. */
  equals?: number;
}

function entriesOf(container: Container, text: string): Entry[] {
  if (container.kind === 'block') {
    return container.node.body.map((e) =>
      e.kind === 'attribute' ? { start: e.range.start, end: e.range.end, equals: text.indexOf('=', e.nameRange.end) } : { start: e.range.start, end: e.range.end },
    );
  }
  return container.node.entries.map((e) => ({ start: e.range.start, end: e.range.end, equals: e.keyRange.end + text.slice(e.keyRange.end, e.range.end).search(/[=:]/) }));
}

/**
 * Where `terraform fmt` puts `=` for the run of one-line attributes that ends with the last
 * entry: a new key is padded to it when it fits, so the file stays formatted.
 */
function equalsColumn(text: string, entries: Entry[]): number | undefined {
  const run: number[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.equals === undefined || hasNewline(text, e.start, e.end)) break;
    const next = entries[i + 1];
    if (next && text.slice(e.end, next.start).split('\n').length > 2) break;
    run.push(e.equals - lineStart(text, e.start));
  }
  return run.length >= 2 && run.every((c) => c === run[0]) ? run[0] : undefined;
}

function padded(lines: string[], indent: string, column: number | undefined): string[] {
  if (column === undefined || lines.length !== 1) return lines;
  const match = /^(\S+) = /.exec(lines[0]);
  if (!match) return lines;
  const width = column - indent.length - match[1].length;
  return width >= 1 ? [`${match[1]}${' '.repeat(width)}= ${lines[0].slice(match[0].length)}`] : lines;
}

/** One insertion that adds `entries` at the end of a block or object, keeping its layout. */
export function insertEntries(text: string, container: Container, added: NewEntry[], unit: string): TextEdit {
  const open = container.kind === 'block' ? container.node.open : container.node.range.start;
  const close = container.kind === 'block' ? container.node.close : container.node.range.end - 1;
  const entries = entriesOf(container, text);
  const outer = lineIndent(text, container.kind === 'block' ? container.node.range.start : open);
  const block = (indent: string, comma: string) => added.map((e) => e.lines.map((line, i) => `\n${indent}${line}${i === e.lines.length - 1 ? comma : ''}`).join('')).join('');

  if (!entries.length) {
    const inside = text.slice(open + 1, close);
    if (container.kind === 'object' && !inside.includes('\n') && added.every((e) => e.lines.length === 1)) {
      return { range: { start: open + 1, end: close }, text: ` ${added.map((e) => e.lines[0]).join(', ')} ` };
    }
    if (inside.trim() === '') return { range: { start: open + 1, end: close }, text: `${block(outer + unit, '')}\n${outer}` };
    return { range: { start: open + 1, end: open + 1 }, text: block(outer + unit, '') };
  }

  const first = entries[0];
  const last = entries[entries.length - 1];
  const multiline = hasNewline(text, open, first.start);
  if (!multiline) {
    if (container.kind === 'object' && added.every((e) => e.lines.length === 1)) {
      return { range: { start: last.end, end: last.end }, text: added.map((e) => `, ${e.lines[0]}`).join('') };
    }
    // A one-line block holds a single argument: spread it over lines.
    const existing = text.slice(first.start, last.end);
    return { range: { start: open + 1, end: close }, text: `\n${outer}${unit}${existing}${block(outer + unit, '')}\n${outer}` };
  }

  const indent = lineIndent(text, last.start);
  const trailing = /^[ \t]*,/.exec(text.slice(last.end));
  const comma = container.kind === 'object' && trailing ? ',' : '';
  // Pad to the run's column only when every new key fits, so the new lines agree with each other.
  let column = equalsColumn(text, entries);
  if (column !== undefined && added.some((e) => e.lines.length !== 1 || padded(e.lines, indent, column) === e.lines)) column = undefined;
  const lines = added.map((e) => ({ ...e, lines: padded(e.lines, indent, column) }));
  const end = lineEnd(text, last.end);
  const at = end <= close ? end : last.end + (trailing ? trailing[0].length : 0);
  return { range: { start: at, end: at }, text: lines.map((e) => e.lines.map((line, i) => `\n${indent}${line}${i === e.lines.length - 1 ? comma : ''}`).join('')).join('') };
}
