import type { Range } from '../../engine/facts';
import type { HExpr } from './syntax';

type HObjectExpr = Extract<HExpr, { kind: 'object' }>;

/**
 * A value an HCL expression evaluates to, as far as this file and its module tell. `at` is the
 * range of the literal that wrote it, set only when that literal is in the file being linted and
 * was reached directly (not through a variable or local), so an edit there changes just this use.
 */
export type Val =
  | { kind: 'string'; value: string; at?: Range; from?: string }
  | { kind: 'number'; value: number; at?: Range; from?: string }
  | { kind: 'bool'; value: boolean; at?: Range; from?: string }
  | { kind: 'null'; at?: Range; from?: string }
  | { kind: 'list'; items: Val[]; at?: Range; from?: string }
  /** `partial`: more keys may come from values not known here (`merge(var.tags, { … })`). */
  | { kind: 'object'; entries: Map<string, Val>; keyRanges: Map<string, Range>; partial?: boolean; at?: Range; from?: string; src?: HObjectExpr }
  /** Not known here; `text` keeps what is known of a string (`${local.name}-gpu` → `…-gpu`) for hints. */
  /** `ref`: the resource it refers to (`aws_launch_template.gpu`), known only after apply. */
  | { kind: 'unknown'; reason: string; text?: string; ref?: string; at?: Range; from?: string };

export namespace Val {
  export const unknown = (reason: string, text?: string): Val => ({ kind: 'unknown', reason, text });

  export function object(entries: Map<string, Val> = new Map(), keyRanges: Map<string, Range> = new Map(), partial = false): Val {
    return { kind: 'object', entries, keyRanges, partial };
  }

  /** A string (numbers and bools convert, as Terraform does), or undefined. */
  export function str(val: Val | undefined): string | undefined {
    if (!val) return undefined;
    if (val.kind === 'string') return val.value;
    if (val.kind === 'number' || val.kind === 'bool') return String(val.value);
    return undefined;
  }

  /** A number (numeric strings convert, as Terraform does), or undefined. */
  export function num(val: Val | undefined): number | undefined {
    if (!val) return undefined;
    if (val.kind === 'number') return val.value;
    if (val.kind === 'string' && val.value.trim() !== '' && Number.isFinite(Number(val.value))) return Number(val.value);
    return undefined;
  }

  export function bool(val: Val | undefined): boolean | undefined {
    if (!val) return undefined;
    if (val.kind === 'bool') return val.value;
    if (val.kind === 'string' && (val.value === 'true' || val.value === 'false')) return val.value === 'true';
    return undefined;
  }

  /** String entries of an object (tags, labels), skipping values not known here. */
  export function stringMap(val: Val | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (val?.kind !== 'object') return out;
    for (const [key, entry] of val.entries) {
      const s = str(entry);
      if (s !== undefined) out[key] = s;
      else if (entry.kind === 'unknown') out[key] = entry.text ?? '';
    }
    return out;
  }

  /** Text for purpose hints: a string, or what is known of one. */
  export function text(val: Val | undefined): string | undefined {
    if (!val) return undefined;
    if (val.kind === 'unknown') return val.text;
    return str(val);
  }

  /** The value without its source position (it was reached through a name, so an edit there is not this use's). */
  export function detached(val: Val, from?: string): Val {
    const copy = { ...val, at: undefined, from: val.from ?? from } as Val;
    if (copy.kind === 'list') copy.items = copy.items.map((i) => detached(i, from));
    if (copy.kind === 'object') {
      copy.entries = new Map([...copy.entries].map(([k, v]) => [k, detached(v, from)]));
      copy.keyRanges = new Map();
      copy.src = undefined;
    }
    return copy;
  }
}
