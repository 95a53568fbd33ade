import { Value } from '../../engine/edits';
import { isBlockKey } from './schema';

/** Keys written bare; anything else (tag keys such as `cost-center` or `kubernetes.io/role`) is quoted. */
const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function renderKey(key: string): string {
  return BARE_KEY.test(key) ? key : renderString(key);
}

/** An HCL quoted string: escapes, and `${`/`%{` doubled so they stay literal. */
export function renderString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}

export function isPlainObject(value: Value): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Value.isSource(value);
}

/** A value in attribute position; objects stay on one line, as `terraform fmt` leaves them. */
export function renderValue(value: Value, text: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return renderString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Value.isSource(value)) return text.slice(value.$source.start, value.$source.end);
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v, text)).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${renderKey(k)} = ${renderValue(v, text)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/**
 * One entry of a block body, as lines without the leading indent of the first: `key = value`,
 * or `key {` … `}` when the schema says `key` is a nested block and the value is an object.
 */
export function renderEntry(resourceType: string | undefined, key: string, value: Value, text: string, unit: string): string[] {
  if (isPlainObject(value) && isBlockKey(resourceType, key)) {
    const entries = Object.entries(value).map(([k, v]) => renderEntry(resourceType, k, v, text, unit));
    return [`${key} {`, ...aligned(entries).map((line) => unit + line), '}'];
  }
  return [`${renderKey(key)} = ${renderValue(value, text)}`];
}

/** Pads the keys of one-line attributes so their `=` line up, as `terraform fmt` does. */
function aligned(entries: string[][]): string[] {
  const width = Math.max(0, ...entries.filter((e) => e.length === 1).map((e) => e[0].indexOf(' = ')));
  return entries.flatMap((e) => (e.length === 1 && e[0].indexOf(' = ') > 0 ? [e[0].replace(/^(\S+) = /, (_, k: string) => `${k.padEnd(width)} = `)] : e));
}
