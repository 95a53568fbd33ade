import { field, named, unwrap, type PyNode } from './ast';

/** A piece of a string literal: decoded text (with its range), or an f-string hole. */
export type StringPiece = { kind: 'text'; text: string; start: number; end: number } | { kind: 'hole'; expression: PyNode };

const ESCAPE = /\\(\r\n|\n|\\|'|"|a|b|f|n|r|t|v|x[0-9a-fA-F]{2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]+\})/g;
const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '', '\r\n': '' };

function decode(raw: string, isRaw: boolean, isFormat: boolean): string {
  let out = isRaw ? raw : raw.replace(ESCAPE, (whole, seq: string) => {
    if (seq in SIMPLE) return SIMPLE[seq];
    if (seq[0] === 'x' || seq[0] === 'u' || seq[0] === 'U') return String.fromCodePoint(parseInt(seq.slice(1), 16));
    if (/^[0-7]/.test(seq)) return String.fromCharCode(parseInt(seq, 8));
    return whole; // \N{NAME}: kept as written, its length is close enough for token counts
  });
  if (isFormat) out = out.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return out;
}

/** The prefix letters of a string literal (`f`, `rb`, `""`…). */
export function stringPrefix(node: PyNode, text: string): string {
  const start = node.children.find((c) => c.type === 'string_start');
  return start ? text.slice(start.start, start.end).replace(/['"]+$/, '').toLowerCase() : '';
}

/** The pieces of one `string` node, in order. */
export function stringPieces(node: PyNode, text: string): StringPiece[] {
  const prefix = stringPrefix(node, text);
  const isRaw = prefix.includes('r');
  const isFormat = prefix.includes('f') || prefix.includes('t');
  const pieces: StringPiece[] = [];
  for (const child of node.children) {
    if (child.type === 'string_content') {
      const piece = decode(text.slice(child.start, child.end), isRaw, isFormat);
      const last = pieces[pieces.length - 1];
      if (last?.kind === 'text' && last.end === child.start) {
        last.text += piece;
        last.end = child.end;
      } else pieces.push({ kind: 'text', text: piece, start: child.start, end: child.end });
    } else if (child.type === 'interpolation') {
      const expression = field(child, 'expression') ?? named(child)[0];
      if (expression) pieces.push({ kind: 'hole', expression });
    }
  }
  return pieces;
}

/** The value of a string literal with no holes (plain, raw, implicit concatenation), else undefined. */
export function literalString(node: PyNode, text: string): string | undefined {
  const value = unwrap(node);
  const parts = value.type === 'string' ? [value] : value.type === 'concatenated_string' ? named(value) : [];
  if (!parts.length) return undefined;
  let out = '';
  for (const part of parts) {
    if (part.type !== 'string') return undefined;
    for (const piece of stringPieces(part, text)) {
      if (piece.kind === 'hole') return undefined;
      out += piece.text;
    }
  }
  return out;
}

export function isStringNode(node: PyNode): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

/** A Python number literal (`1_000`, `0x10`, `1e6`), or undefined. */
export function literalNumber(node: PyNode, text: string): number | undefined {
  if (node.type !== 'integer' && node.type !== 'float') return undefined;
  const raw = text.slice(node.start, node.end).replace(/_/g, '').replace(/[jJlL]$/, '');
  const value = node.type === 'integer' && /^0[oO]/.test(raw) ? parseInt(raw.slice(2), 8) : node.type === 'integer' && /^0[bB]/.test(raw) ? parseInt(raw.slice(2), 2) : Number(raw);
  return Number.isNaN(value) ? undefined : value;
}
