import type { Range } from '../../engine/facts';
import type { HAccess, HExpr } from './syntax';
import { Val } from './values';
import { callFunction } from './functions';

/** Where names are looked up: the module's variables (tfvars value or default) and locals. */
export interface Scope {
  variable(name: string): { expr: HExpr; file: string; from: string } | undefined;
  local(name: string): { expr: HExpr; file: string } | undefined;
}

/** The evaluation of one expression: which file it is in, and names bound around it. */
export interface Frame {
  file: string;
  /** False once reached through a variable or local: no literal positions are handed out then. */
  direct: boolean;
  /** `each.key` / `each.value` of a `for_each` instance, and dynamic blocks' iterators. */
  names?: ReadonlyMap<string, { key: Val; value: Val }>;
}

const MAX_DEPTH = 256;

/** Evaluates HCL expressions as far as the module's own files tell; everything else is `unknown`. */
export class Evaluator {
  private readonly visiting = new Set<string>();
  /** Variables and locals do not depend on where they are used: each is evaluated once. */
  private readonly values = new Map<string, Val>();
  private depth = 0;

  constructor(
    private readonly scope: Scope,
    /** The file being linted: only its literals get positions. */
    readonly current: string,
  ) {}

  frame(file: string, names?: ReadonlyMap<string, { key: Val; value: Val }>): Frame {
    return { file, direct: true, names };
  }

  evaluate(expr: HExpr, frame: Frame): Val {
    if (this.depth > MAX_DEPTH) return Val.unknown('expression nested too deeply');
    this.depth++;
    try {
      return this.evaluateInner(expr, frame);
    } finally {
      this.depth--;
    }
  }

  private at(range: Range, frame: Frame): Range | undefined {
    return frame.direct && frame.file === this.current ? range : undefined;
  }

  private evaluateInner(expr: HExpr, frame: Frame): Val {
    switch (expr.kind) {
      case 'literal': {
        const at = this.at(expr.range, frame);
        const v = expr.value;
        if (v === null) return { kind: 'null', at };
        if (typeof v === 'string') return { kind: 'string', value: v, at };
        if (typeof v === 'number') return { kind: 'number', value: v, at };
        return { kind: 'bool', value: v, at };
      }
      case 'template': {
        const parts = expr.parts.map((p) => (typeof p === 'string' ? p : Val.str(this.evaluate(p, frame)) ?? null));
        if (parts.every((p) => p !== null)) return { kind: 'string', value: parts.join('') };
        return Val.unknown('template with values not known here', parts.map((p) => p ?? '…').join(''));
      }
      case 'tuple':
        return { kind: 'list', items: expr.items.map((i) => this.evaluate(i, frame)), at: this.at(expr.range, frame) };
      case 'object': {
        const entries = new Map<string, Val>();
        const keyRanges = new Map<string, Range>();
        let partial = false;
        for (const entry of expr.entries) {
          const key = entry.key;
          if (key === null) {
            partial = true;
            continue;
          }
          entries.set(key, this.evaluate(entry.value, frame));
          const keyAt = this.at(entry.keyRange, frame);
          if (keyAt) keyRanges.set(key, keyAt);
        }
        const at = this.at(expr.range, frame);
        return { kind: 'object', entries, keyRanges, partial, at, src: at ? expr : undefined };
      }
      case 'ref':
        return this.reference(expr, frame);
      case 'call':
        return callFunction(expr.name, expr.args.map((a) => this.evaluate(a, frame)));
      case 'conditional': {
        const test = Val.bool(this.evaluate(expr.test, frame));
        if (test !== undefined) return this.evaluate(test ? expr.then : expr.otherwise, frame);
        const then = this.evaluate(expr.then, frame);
        const otherwise = this.evaluate(expr.otherwise, frame);
        if (then.kind !== 'unknown' && sameValue(then, otherwise)) return Val.detached(then);
        return Val.unknown('condition not known here', Val.text(then));
      }
      case 'binary':
        return binary(expr.op, this.evaluate(expr.left, frame), this.evaluate(expr.right, frame));
      case 'unary': {
        const operand = this.evaluate(expr.operand, frame);
        if (expr.op === '-' && Val.num(operand) !== undefined) return { kind: 'number', value: -Val.num(operand)! };
        if (expr.op === '!' && Val.bool(operand) !== undefined) return { kind: 'bool', value: !Val.bool(operand) };
        return Val.unknown(`${expr.op} of a value not known here`);
      }
      case 'access':
        return this.follow(this.evaluate(expr.base, frame), expr.path, frame);
      case 'other':
        return Val.unknown(`${expr.what.replace(/_/g, ' ')} not evaluated`);
    }
  }

  private reference(expr: Extract<HExpr, { kind: 'ref' }>, frame: Frame): Val {
    const [first, ...rest] = expr.path;
    const name = first?.kind === 'attr' ? first.name : undefined;
    if (expr.root === 'var' && name) {
      const decl = this.scope.variable(name);
      if (!decl) return Val.unknown(`var.${name} has no default`);
      return this.follow(this.named(`var.${name}`, decl.expr, decl.file, decl.from), rest, frame);
    }
    if (expr.root === 'local' && name) {
      const decl = this.scope.local(name);
      if (!decl) return Val.unknown(`local.${name} is not defined in this module`);
      return this.follow(this.named(`local.${name}`, decl.expr, decl.file, `local.${name}`), rest, frame);
    }
    const bound = frame.names?.get(expr.root);
    if (bound && name === 'key') return this.follow(bound.key, rest, frame);
    if (bound && name === 'value') return this.follow(bound.value, rest, frame);
    if (expr.root === 'count' || expr.root === 'each' || bound) return Val.unknown(`${expr.root}.${name ?? ''} varies per instance`);
    const address = `${expr.root}${name ? `.${name}` : ''}`;
    return { kind: 'unknown', reason: `${address} is known only after apply`, ref: address };
  }

  /** A variable's or local's value, computed once per name and reached without positions. */
  private named(key: string, expr: HExpr, file: string, from: string): Val {
    const known = this.values.get(key);
    if (known) return known;
    if (this.visiting.has(key)) return Val.unknown(`${key} refers to itself`);
    this.visiting.add(key);
    try {
      const val = Val.detached(this.evaluate(expr, { file, direct: false }), from);
      this.values.set(key, val);
      return val;
    } finally {
      this.visiting.delete(key);
    }
  }

  private follow(val: Val, path: readonly HAccess[], frame: Frame): Val {
    let current = val;
    for (const step of path) {
      if (current.kind === 'unknown') return current;
      if (step.kind === 'splat') return Val.unknown('splat not evaluated');
      const key = step.kind === 'attr' ? step.name : this.evaluate(step.index, frame);
      current = index(current, key);
    }
    return current;
  }
}

function index(val: Val, key: string | Val): Val {
  if (val.kind === 'object') {
    const name = typeof key === 'string' ? key : Val.str(key);
    if (name === undefined) return Val.unknown('key not known here');
    return val.entries.get(name) ?? Val.unknown(val.partial ? `${name} may come from a value not known here` : `no ${name} here`);
  }
  if (val.kind === 'list') {
    const i = typeof key === 'string' ? Number(key) : Val.num(key);
    if (i === undefined || !Number.isInteger(i)) return Val.unknown('index not known here');
    return val.items[i] ?? Val.unknown(`no item ${i}`);
  }
  return Val.unknown('not a collection');
}

function sameValue(a: Val, b: Val): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'string' || a.kind === 'number' || a.kind === 'bool') return a.value === (b as typeof a).value;
  return a.kind === 'null';
}

function binary(op: string, left: Val, right: Val): Val {
  if (op === '&&' || op === '||') {
    const l = Val.bool(left);
    const r = Val.bool(right);
    if (op === '&&' && (l === false || r === false)) return { kind: 'bool', value: false };
    if (op === '||' && (l === true || r === true)) return { kind: 'bool', value: true };
    if (l === undefined || r === undefined) return Val.unknown('condition not known here');
    return { kind: 'bool', value: op === '&&' ? l && r : l || r };
  }
  if (op === '==' || op === '!=') {
    if (left.kind === 'unknown' || right.kind === 'unknown') return Val.unknown('comparison with a value not known here');
    const equal = sameValue(left, right) || (Val.str(left) !== undefined && Val.str(left) === Val.str(right) && left.kind === right.kind);
    return { kind: 'bool', value: op === '==' ? equal : !equal };
  }
  const l = Val.num(left);
  const r = Val.num(right);
  if (l === undefined || r === undefined) return Val.unknown('arithmetic on a value not known here');
  switch (op) {
    case '+':
      return { kind: 'number', value: l + r };
    case '-':
      return { kind: 'number', value: l - r };
    case '*':
      return { kind: 'number', value: l * r };
    case '/':
      return r === 0 ? Val.unknown('division by zero') : { kind: 'number', value: l / r };
    case '%':
      return r === 0 ? Val.unknown('division by zero') : { kind: 'number', value: l % r };
    case '>':
      return { kind: 'bool', value: l > r };
    case '>=':
      return { kind: 'bool', value: l >= r };
    case '<':
      return { kind: 'bool', value: l < r };
    case '<=':
      return { kind: 'bool', value: l <= r };
    default:
      return Val.unknown(`operator ${op}`);
  }
}
