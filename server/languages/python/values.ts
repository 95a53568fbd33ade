import type { Anchor, ModelRef } from '../../engine/facts';
import { field, named, operator, rangeOf, unwrap, type PyNode } from './ast';
import type { Keyed, Resolver } from './resolve';
import { literalNumber, literalString } from './strings';

const MAX_DEPTH = 8;

export const valueAnchor = (node: PyNode): Anchor => ({ range: rangeOf(node), kind: 'value' });
export const optionsAnchor = (keyed: Keyed): Anchor => ({ range: rangeOf(keyed.node), kind: keyed.node.type === 'dictionary' ? 'map' : 'call' });

/** Constants the standard library names: `math.inf`, `sys.maxsize`. */
const KNOWN_NUMBERS: Record<string, number> = {
  'math.inf': Infinity,
  'numpy.inf': Infinity,
  'sys.maxsize': 2 ** 63 - 1,
  'sys.float_info.max': Number.MAX_VALUE,
};

const ENV_READERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

/** Reads constant values (strings, numbers, model ids) through the file's bindings. */
export class Values {
  constructor(readonly resolver: Resolver) {}

  source(node: PyNode): string {
    return this.resolver.src(node);
  }

  /** A string known in this file, and the literal that holds it. */
  string(node: PyNode | undefined, depth = 0): { value: string; literal: PyNode; viaConstant: boolean } | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    const literal = literalString(value, this.resolver.text);
    if (literal !== undefined) return { value: literal, literal: value, viaConstant: depth > 0 };
    const init = this.resolver.initializer(value);
    return init ? this.string(init, depth + 1) : undefined;
  }

  number(node: PyNode | undefined, depth = 0): number | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    const literal = literalNumber(value, this.resolver.text);
    if (literal !== undefined) return literal;
    if (value.type === 'unary_operator') {
      const inner = this.number(field(value, 'argument'), depth + 1);
      const op = this.resolver.text[value.start];
      return inner === undefined ? undefined : op === '-' ? -inner : inner;
    }
    if (value.type === 'binary_operator') {
      const left = this.number(field(value, 'left'), depth + 1);
      const right = this.number(field(value, 'right'), depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (operator(value)) {
        case '*':
          return left * right;
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '**':
          return left ** right;
        default:
          return undefined;
      }
    }
    if (value.type === 'call') {
      const callee = field(value, 'function');
      const arg = named(field(value, 'arguments') ?? value)[0];
      const name = callee?.type === 'identifier' ? this.source(callee) : undefined;
      if ((name === 'float' || name === 'int') && arg) {
        const text = this.string(arg)?.value.trim().toLowerCase();
        if (text !== undefined) return /^\+?inf(inity)?$/.test(text) ? Infinity : Number(text);
        return this.number(arg, depth + 1);
      }
      return undefined;
    }
    if (value.type === 'attribute') {
      const sym = this.resolver.resolve(value);
      if (sym?.kind === 'export' && sym.qualified in KNOWN_NUMBERS) return KNOWN_NUMBERS[sym.qualified];
    }
    const init = this.resolver.initializer(value);
    return init ? this.number(init, depth + 1) : undefined;
  }

  /** `os.getenv("X", default)`, `os.environ.get("X", default)`, `os.environ["X"]`: the variable and its default. */
  env(node: PyNode): { name: string; fallback?: PyNode } | undefined {
    const value = unwrap(node);
    if (value.type === 'subscript') {
      const target = field(value, 'value');
      const key = field(value, 'subscript');
      const sym = target ? this.resolver.resolve(target) : undefined;
      const name = key ? this.string(key)?.value : undefined;
      return sym?.kind === 'export' && sym.qualified === 'os.environ' && name ? { name } : undefined;
    }
    if (value.type !== 'call') return undefined;
    const sym = this.resolver.resolve(field(value, 'function'));
    if (sym?.kind !== 'export' || !ENV_READERS.has(sym.qualified)) return undefined;
    const args = named(field(value, 'arguments') ?? value).filter((a) => a.type !== 'keyword_argument');
    const keyword = named(field(value, 'arguments') ?? value).find((a) => a.type === 'keyword_argument' && this.source(field(a, 'name') ?? a) === 'default');
    const name = this.string(args[0])?.value;
    return name ? { name, fallback: args[1] ?? (keyword ? field(keyword, 'value') : undefined) } : undefined;
  }

  /** A model id with where it came from: literal, constant, `os.getenv("X", "default")`, `x or "default"`. */
  model(node: PyNode | undefined, depth = 0): ModelRef {
    if (!node || depth > MAX_DEPTH) return { value: null, source: 'unknown' };
    const value = unwrap(node);
    if (value.type === 'boolean_operator' && operator(value) === 'or') {
      const left = field(value, 'left');
      const env = left ? this.envDeep(left) : undefined;
      const fallback = this.string(field(value, 'right'));
      if (env && fallback) return { value: fallback.value, source: 'env-default', anchor: valueAnchor(fallback.literal), envVar: env.name };
      if (fallback) return { value: fallback.value, source: fallback.viaConstant ? 'constant' : 'literal', anchor: valueAnchor(fallback.literal) };
    }
    const env = this.env(value);
    if (env) {
      const fallback = this.string(env.fallback);
      if (fallback) return { value: fallback.value, source: 'env-default', anchor: valueAnchor(fallback.literal), envVar: env.name };
      return { value: null, source: 'unknown', envVar: env.name };
    }
    const known = this.string(value);
    if (known) return { value: known.value, source: known.viaConstant ? 'constant' : 'literal', anchor: valueAnchor(known.literal) };
    const init = this.resolver.initializer(value);
    if (init) {
      const inner = this.model(init, depth + 1);
      return inner.source === 'literal' ? { ...inner, source: 'constant' } : inner;
    }
    return { value: null, source: 'unknown' };
  }

  /** An environment read, directly or through a name (`MODEL = os.getenv("MODEL")` … `MODEL or "gpt-4o"`). */
  private envDeep(node: PyNode, depth = 0): { name: string } | undefined {
    const env = this.env(node);
    if (env || depth > MAX_DEPTH) return env;
    const init = this.resolver.initializer(unwrap(node));
    return init ? this.envDeep(init, depth + 1) : undefined;
  }
}
