import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Anchor, DynamicSource, ModelRef, PromptPart, PromptRole } from '../../engine/facts';
import { T, keyName, memberChain, property, propertyValue, rangeOf, unwrap, type Node } from './ast';
import type { Resolver, Sym } from './resolve';

const MAX_DEPTH = 8;

export const valueAnchor = (node: Node): Anchor => ({ range: rangeOf(node), kind: 'value' });
export const mapAnchor = (node: Node): Anchor => ({ range: rangeOf(node), kind: 'map' });

/** Reads constant values (strings, numbers, model ids) through the file's bindings. */
export class Values {
  constructor(
    readonly resolver: Resolver,
    private readonly text: string,
  ) {}

  source(node: Node): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** A string known in this file, and the literal that holds it. */
  string(node: Node | undefined, depth = 0): { value: string; literal: Node; viaConstant: boolean } | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (value.type === T.Literal && typeof value.value === 'string') return { value: value.value, literal: value, viaConstant: depth > 0 };
    if (value.type === T.TemplateLiteral && value.expressions.length === 0) {
      return { value: value.quasis[0].value.cooked ?? value.quasis[0].value.raw, literal: value, viaConstant: depth > 0 };
    }
    const init = this.resolver.initializer(value) ?? this.constantMember(value);
    return init ? this.string(init, depth + 1) : undefined;
  }

  /** `MODELS.fast` where `MODELS` is an object literal constant. */
  private constantMember(node: Node): Node | undefined {
    if (node.type !== T.MemberExpression || node.object.type === T.ThisExpression) return undefined;
    const name = keyName(node.property);
    const object = this.resolver.objectLiteral(node.object);
    return name && object ? property(object, name)?.value : undefined;
  }

  number(node: Node | undefined, depth = 0): number | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (value.type === T.Literal && typeof value.value === 'number') return value.value;
    if (value.type === T.Identifier && value.name === 'Infinity') return Infinity;
    if (value.type === T.UnaryExpression && value.operator === '-') {
      const inner = this.number(value.argument, depth + 1);
      return inner === undefined ? undefined : -inner;
    }
    if (value.type === T.BinaryExpression && (value.operator === '*' || value.operator === '+')) {
      const left = this.number(value.left as Node, depth + 1);
      const right = this.number(value.right, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      return value.operator === '*' ? left * right : left + right;
    }
    const chain = memberChain(value);
    if (chain?.root.type === T.Identifier && chain.root.name === 'Number' && chain.path.length === 1) {
      const known: Record<string, number> = { POSITIVE_INFINITY: Infinity, MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER, MAX_VALUE: Number.MAX_VALUE };
      return known[chain.path[0]];
    }
    const init = this.resolver.initializer(value) ?? this.constantMember(value);
    return init ? this.number(init, depth + 1) : undefined;
  }

  /** A model id with where it came from: literal, constant, `process.env.X ?? 'default'`. */
  model(node: Node | undefined, depth = 0): ModelRef {
    if (!node || depth > MAX_DEPTH) return { value: null, source: 'unknown' };
    const value = unwrap(node);
    if (value.type === T.LogicalExpression && (value.operator === '??' || value.operator === '||')) {
      const env = envName(value.left);
      const fallback = this.string(value.right);
      if (env && fallback) return { value: fallback.value, source: 'env-default', anchor: valueAnchor(fallback.literal), envVar: env };
      if (fallback) return { value: fallback.value, source: fallback.viaConstant ? 'constant' : 'literal', anchor: valueAnchor(fallback.literal) };
    }
    if (value.type === T.LogicalExpression && (value.operator === '??' || value.operator === '||')) {
      const env = envName(value.left);
      const fallback = this.resolver.projectModel(value.right);
      if (env && fallback) return { ...fallback, source: 'env-default', envVar: env };
    }
    const env = envName(value);
    if (env) return { value: null, source: 'unknown', envVar: env };
    const known = this.string(value);
    if (known) return { value: known.value, source: known.viaConstant ? 'constant' : 'literal', anchor: valueAnchor(known.literal) };
    const init = this.resolver.initializer(value);
    if (init) {
      const inner = this.model(init, depth + 1);
      return inner.source === 'literal' ? { ...inner, source: 'constant' } : inner;
    }
    return this.resolver.projectModel(value) ?? { value: null, source: 'unknown' };
  }

  /** The model a client or model handle was made with (`new ChatOpenAI({ model })`), or the one read in the file that made it. */
  handleModel(sym: Extract<Sym, { kind: 'handle' }>): ModelRef {
    for (const options of [sym.options, ...(sym.inherited ?? [])]) {
      for (const key of sym.spec.modelKeys) {
        const node = options ? propertyValue(options, key) : undefined;
        if (node) return this.model(node);
      }
    }
    return sym.foreignModel ?? { value: null, source: 'unknown' };
  }
}

/** `process.env.X` or `process.env['X']`. */
export function envName(node: Node): string | undefined {
  const chain = memberChain(node);
  if (chain?.root.type === T.Identifier && chain.root.name === 'process' && chain.path.length === 2 && chain.path[0] === 'env') return chain.path[1];
  return undefined;
}

const FILE_READERS = /^(readFileSync|readFile|read|text)$/;
const HISTORY_NAMES = /history|messages|conversation|transcript|turns|chat/i;

/** Builds prompt parts from message lists, content blocks and strings, in request order. */
export class PromptReader {
  readonly parts: PromptPart[] = [];
  private message = 0;

  constructor(private readonly values: Values, private readonly resolver: Resolver) {}

  /** A string-like value: literals, templates (holes are dynamic), `+` concatenation, constants. */
  text(node: Node, role: PromptRole, cacheMarked = false, anchor?: Anchor, depth = 0): void {
    const value = unwrap(node);
    const message = this.message;
    if (value.type === T.Literal && typeof value.value === 'string') {
      this.parts.push({ kind: 'static', role, text: value.value, range: rangeOf(value), message, cacheMarked, anchor: anchor ?? valueAnchor(value) });
      return;
    }
    if (value.type === T.TemplateLiteral) {
      value.quasis.forEach((quasi, i) => {
        const text = quasi.value.cooked ?? quasi.value.raw;
        if (text) this.parts.push({ kind: 'static', role, text, range: rangeOf(quasi), message, cacheMarked, anchor: anchor ?? valueAnchor(value) });
        const hole = value.expressions[i];
        if (hole) this.dynamicOrResolved(hole, role, depth, cacheMarked);
      });
      return;
    }
    if (value.type === T.BinaryExpression && value.operator === '+') {
      this.text(value.left as Node, role, cacheMarked, anchor, depth + 1);
      this.text(value.right, role, cacheMarked, anchor, depth + 1);
      return;
    }
    if (value.type === T.CallExpression && isJoinOfLiterals(value)) {
      const items = (unwrap(value.callee as Node) as TSESTree.MemberExpression).object as TSESTree.ArrayExpression;
      const separator = this.values.string(value.arguments[0])?.value ?? ',';
      const texts = items.elements.map((e) => (e ? this.values.string(e)?.value : undefined));
      if (texts.every((t) => t !== undefined)) {
        this.parts.push({ kind: 'static', role, text: texts.join(separator), range: rangeOf(value), message, cacheMarked, anchor: anchor ?? valueAnchor(value) });
        return;
      }
    }
    this.dynamicOrResolved(value, role, depth, cacheMarked, anchor);
  }

  /** A value that is not a literal: a constant is followed to its text (keeping the cache mark and the anchor at the use site). */
  private dynamicOrResolved(node: Node, role: PromptRole, depth: number, cacheMarked: boolean, anchor?: Anchor): void {
    const value = unwrap(node);
    if (isStringExpression(value) && depth < MAX_DEPTH) return this.text(value, role, cacheMarked, anchor, depth + 1);
    const init = depth < MAX_DEPTH ? (this.resolver.initializer(value) ?? undefined) : undefined;
    if (init && isStringExpression(unwrap(init))) {
      this.text(init, role, cacheMarked, anchor ?? valueAnchor(value), depth + 1);
      return;
    }
    this.parts.push({ kind: 'dynamic', role, source: dynamicSource(init ?? value), expression: this.values.source(value).slice(0, 120), range: rangeOf(value), message: this.message });
  }

  /** A list of messages (`[{ role, content }]`, LangChain tuples and message classes), or a variable holding one. */
  messages(node: Node, defaultRole: PromptRole = 'user', depth = 0): void {
    const value = unwrap(node);
    if (value.type !== T.ArrayExpression) {
      const init = depth < MAX_DEPTH ? this.resolver.initializer(value) : undefined;
      if (init && unwrap(init).type === T.ArrayExpression) return this.messages(init, defaultRole, depth + 1);
      if (isStringExpression(value)) return this.content(value, defaultRole);
      this.pushDynamic(value, defaultRole, 'history');
      return;
    }
    for (const element of value.elements) {
      if (!element) continue;
      if (element.type === T.SpreadElement) {
        // `...SYSTEM_MESSAGES`, a constant list of the file, is static text; anything else is history.
        const init = depth < MAX_DEPTH ? this.resolver.initializer(unwrap(element.argument)) : undefined;
        if (init && unwrap(init).type === T.ArrayExpression) {
          this.messages(init, defaultRole, depth + 1);
          continue;
        }
        this.pushDynamic(element.argument, defaultRole, 'history');
      } else this.oneMessage(element, defaultRole);
      this.message++;
    }
  }

  private oneMessage(node: Node, defaultRole: PromptRole): void {
    const value = unwrap(node);
    if (value.type === T.ObjectExpression) {
      const role = roleOf(this.values.string(property(value, 'role')?.value)?.value) ?? defaultRole;
      const content = property(value, 'content') ?? property(value, 'parts') ?? property(value, 'text');
      // AI SDK messages mark caching in `providerOptions` (`anthropic.cacheControl`, `bedrock.cachePoint`).
      if (content) this.content(content.value, role, property(value, 'cache_control') !== undefined || hasCacheControlOption(value));
      return;
    }
    if (value.type === T.ArrayExpression && value.elements.length === 2 && value.elements[0] && value.elements[1]) {
      const role = roleOf(this.values.string(value.elements[0])?.value) ?? defaultRole;
      return this.content(value.elements[1] as Node, role);
    }
    if (value.type === T.NewExpression && value.callee.type === T.Identifier && value.arguments[0]) {
      const role = roleOf(value.callee.name.replace(/Message$/, '').toLowerCase()) ?? defaultRole;
      const arg = unwrap(value.arguments[0]);
      const content = arg.type === T.ObjectExpression ? property(arg, 'content')?.value : arg;
      if (content) this.content(content, role);
      return;
    }
    this.content(value, defaultRole);
  }

  /** A message's content: a string, or content blocks (`{ type: 'text', text, cache_control }`, `{ text }`, `{ cachePoint }`). */
  content(node: Node, role: PromptRole, cacheMarked = false): void {
    const value = unwrap(node);
    if (value.type !== T.ArrayExpression) {
      if (value.type === T.ObjectExpression) return this.block(value, role, cacheMarked);
      return this.text(value, role, cacheMarked);
    }
    for (const element of value.elements) {
      if (!element || element.type === T.SpreadElement) {
        if (element) this.pushDynamic(element.argument, role, 'unknown');
        continue;
      }
      const block = unwrap(element);
      if (block.type === T.ObjectExpression && property(block, 'cachePoint')) this.markCached();
      else if (block.type === T.ObjectExpression) this.block(block, role, cacheMarked);
      else this.text(block, role, cacheMarked);
    }
  }

  private block(block: TSESTree.ObjectExpression, role: PromptRole, cacheMarked: boolean): void {
    const text = property(block, 'text') ?? property(block, 'content');
    if (!text) return;
    const marked = cacheMarked || property(block, 'cache_control') !== undefined || hasCacheControlOption(block);
    this.text(text.value, role, marked, mapAnchor(block));
  }

  /** Bedrock `cachePoint`: everything before it in the request is a cached prefix. */
  markCached(): void {
    for (const part of this.parts) if (part.kind === 'static') part.cacheMarked = true;
  }

  /** Anthropic's top-level `cache_control`: the leading static prefix is cached. */
  markLeadingPrefixCached(): void {
    for (const part of this.parts) {
      if (part.kind !== 'static') break;
      part.cacheMarked = true;
    }
  }

  private pushDynamic(node: Node, role: PromptRole, fallback: DynamicSource): void {
    const source = dynamicSource(node);
    this.parts.push({
      kind: 'dynamic',
      role,
      source: source === 'variable' && fallback === 'history' ? 'history' : source === 'unknown' ? fallback : source,
      expression: this.values.source(node).slice(0, 120),
      range: rangeOf(node),
      message: this.message,
    });
  }
}

function hasCacheControlOption(block: TSESTree.ObjectExpression): boolean {
  const options = property(block, 'providerOptions')?.value ?? property(block, 'experimental_providerMetadata')?.value;
  return options !== undefined && containsKey(options, /^(cacheControl|cache_control|cachePoint)$/);
}

/** Whether an object literal, at any depth, has a key matching `pattern`. */
export function containsKey(node: Node, pattern: RegExp): boolean {
  const value = unwrap(node);
  if (value.type !== T.ObjectExpression) return false;
  return value.properties.some((p) => p.type === T.Property && (pattern.test(keyName(p.key) ?? '') || containsKey(p.value, pattern)));
}

function roleOf(name: string | undefined): PromptRole | undefined {
  switch (name) {
    case 'system':
    case 'developer':
      return 'system';
    case 'user':
    case 'human':
      return 'user';
    case 'assistant':
    case 'ai':
    case 'model':
      return 'assistant';
    case 'tool':
    case 'function':
      return 'tool';
    default:
      return undefined;
  }
}

function isStringExpression(node: Node): boolean {
  return (
    (node.type === T.Literal && typeof node.value === 'string') ||
    node.type === T.TemplateLiteral ||
    (node.type === T.BinaryExpression && node.operator === '+') ||
    (node.type === T.CallExpression && isJoinOfLiterals(node))
  );
}

function isJoinOfLiterals(node: TSESTree.CallExpression): boolean {
  const callee = unwrap(node.callee);
  return callee.type === T.MemberExpression && keyName(callee.property) === 'join' && unwrap(callee.object).type === T.ArrayExpression;
}

/** Why a value is dynamic: a file read, a chat history, a call, a variable. */
export function dynamicSource(node: Node): DynamicSource {
  const value = unwrap(node);
  if (value.type === T.CallExpression) {
    const callee = unwrap(value.callee);
    const name = callee.type === T.Identifier ? callee.name : callee.type === T.MemberExpression ? keyName(callee.property) : undefined;
    if (name && FILE_READERS.test(name)) return 'file';
    if (name === 'stringify') return value.arguments[0] ? dynamicSource(value.arguments[0]) : 'call';
    return 'call';
  }
  if (value.type === T.Identifier) return HISTORY_NAMES.test(value.name) ? 'history' : 'variable';
  if (value.type === T.MemberExpression) {
    const name = keyName(value.property);
    return name && HISTORY_NAMES.test(name) ? 'history' : 'variable';
  }
  return 'unknown';
}
