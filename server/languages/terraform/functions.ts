import type { Range } from '../../engine/facts';
import { Val } from './values';

type Fn = (args: Val[]) => Val;

const list = (items: Val[]): Val => ({ kind: 'list', items });
const string = (value: string): Val => ({ kind: 'string', value });
const number = (value: number): Val => ({ kind: 'number', value });

/** `merge`: later keys win; an argument not known here makes the result partial (it may add keys). */
const merge: Fn = (args) => {
  const entries = new Map<string, Val>();
  const keyRanges = new Map<string, Range>();
  let partial = false;
  for (const arg of args) {
    if (arg.kind === 'null') continue;
    if (arg.kind !== 'object') {
      partial = true;
      continue;
    }
    partial ||= Boolean(arg.partial);
    for (const [k, v] of arg.entries) {
      entries.set(k, v);
      const at = arg.keyRanges.get(k);
      if (at) keyRanges.set(k, at);
      else keyRanges.delete(k);
    }
  }
  return Val.object(entries, keyRanges, partial);
};

const concat: Fn = (args) => {
  if (!args.every((a) => a.kind === 'list')) return Val.unknown('concat of values not known here');
  return list(args.flatMap((a) => (a.kind === 'list' ? a.items : [])));
};

const toList: Fn = ([arg]) => (arg?.kind === 'list' ? list(arg.items) : arg ?? Val.unknown('no argument'));

const toSet: Fn = ([arg]) => {
  if (arg?.kind !== 'list') return arg ?? Val.unknown('no argument');
  const seen = new Set<string>();
  return list(arg.items.filter((i) => {
    const key = Val.str(i);
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }));
};

const lookup: Fn = ([map, key, fallback]) => {
  const name = Val.str(key);
  if (map?.kind !== 'object' || name === undefined) return Val.unknown('lookup in a value not known here');
  return map.entries.get(name) ?? fallback ?? Val.unknown(map.partial ? `${name} may come from a value not known here` : `no ${name} here`);
};

/** `try`/`coalesce`: the first argument known here (coalesce also skips null and ""). */
const firstKnown =
  (skipEmpty: boolean): Fn =>
  (args) =>
    args.find((a) => a.kind !== 'unknown' && (!skipEmpty || (a.kind !== 'null' && !(a.kind === 'string' && a.value === '')))) ??
    Val.unknown('no argument known here');

const caseOf =
  (f: (s: string) => string): Fn =>
  ([arg]) => {
    const s = Val.str(arg);
    return s === undefined ? Val.unknown('string not known here', arg && Val.text(arg) !== undefined ? f(Val.text(arg)!) : undefined) : string(f(s));
  };

const length: Fn = ([arg]) => {
  if (arg?.kind === 'list') return number(arg.items.length);
  if (arg?.kind === 'object' && !arg.partial) return number(arg.entries.size);
  if (arg?.kind === 'string') return number([...arg.value].length);
  return Val.unknown('length of a value not known here');
};

const keys: Fn = ([arg]) => (arg?.kind === 'object' && !arg.partial ? list([...arg.entries.keys()].sort().map(string)) : Val.unknown('keys of a value not known here'));
const values: Fn = ([arg]) =>
  arg?.kind === 'object' && !arg.partial ? list([...arg.entries.keys()].sort().map((k) => (arg.kind === 'object' ? arg.entries.get(k)! : Val.unknown('')))) : Val.unknown('values of a value not known here');

const element: Fn = ([arg, i]) => {
  const n = Val.num(i);
  if (arg?.kind !== 'list' || n === undefined || !arg.items.length) return Val.unknown('element of a value not known here');
  return arg.items[((n % arg.items.length) + arg.items.length) % arg.items.length];
};

const join: Fn = ([sep, arg]) => {
  const s = Val.str(sep);
  if (s === undefined || arg?.kind !== 'list') return Val.unknown('join of values not known here');
  const parts = arg.items.map((i) => Val.str(i));
  return parts.every((p) => p !== undefined) ? string(parts.join(s)) : Val.unknown('join of values not known here');
};

const extreme =
  (pick: (...n: number[]) => number): Fn =>
  (args) => {
    const nums = args.map((a) => Val.num(a));
    return nums.length && nums.every((n) => n !== undefined) ? number(pick(...(nums as number[]))) : Val.unknown('numbers not known here');
  };

const FUNCTIONS: Record<string, Fn> = {
  merge,
  concat,
  tolist: toList,
  toset: toSet,
  tomap: ([arg]) => arg ?? Val.unknown('no argument'),
  lookup,
  try: firstKnown(false),
  coalesce: firstKnown(true),
  lower: caseOf((s) => s.toLowerCase()),
  upper: caseOf((s) => s.toUpperCase()),
  length,
  keys,
  values,
  element,
  join,
  max: extreme(Math.max),
  min: extreme(Math.min),
  tostring: ([arg]) => (Val.str(arg) !== undefined ? string(Val.str(arg)!) : arg ?? Val.unknown('no argument')),
  tonumber: ([arg]) => (Val.num(arg) !== undefined ? number(Val.num(arg)!) : Val.unknown('number not known here')),
  tobool: ([arg]) => (Val.bool(arg) !== undefined ? { kind: 'bool', value: Val.bool(arg)! } : Val.unknown('bool not known here')),
};

/** Terraform's built-in functions that matter for sizes, types and tags; others give `unknown`. */
export function callFunction(name: string, args: Val[]): Val {
  const fn = FUNCTIONS[name];
  return fn ? fn(args) : Val.unknown(`${name}() not evaluated`);
}
