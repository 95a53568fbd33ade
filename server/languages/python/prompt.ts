import type { Anchor, DynamicSource, PromptPart, PromptRole } from '../../engine/facts';
import { field, named, operator, rangeOf, unwrap, type PyNode } from './ast';
import type { Options } from './options';
import { TEXT_KEEPERS, dynamicSource, isStringExpression, roleOf } from './prompt-kinds';
import type { Resolver } from './resolve';
import { stringPieces } from './strings';
import { valueAnchor, type Values } from './values';

const MAX_DEPTH = 8;
const mapAnchor = (node: PyNode): Anchor => ({ range: rangeOf(node), kind: 'map' });
/** `"…" * n` counts the text n times, up to this. */
const MAX_REPEAT = 10_000;

/** Builds prompt parts from message lists, content blocks and strings, in request order. */
export class PromptReader {
  readonly parts: PromptPart[] = [];
  /** Index of the message being read, in request order. */
  message = 0;

  constructor(
    readonly values: Values,
    readonly resolver: Resolver,
    private readonly options: Options,
  ) {}

  /** A string-like value: literals, f-strings (holes are dynamic), `+`, `%`, `.join`, `.format`, constants. */
  text(node: PyNode, role: PromptRole, cacheMarked = false, anchor?: Anchor, depth = 0): void {
    const value = unwrap(node);
    const message = this.message;
    const at = anchor ?? valueAnchor(value);
    const push = (text: string, start: number, end: number) => {
      if (text) this.parts.push({ kind: 'static', role, text, range: { start, end }, message, cacheMarked, anchor: at });
    };
    if (value.type === 'string') {
      const pieces = stringPieces(value, this.resolver.text);
      if (pieces.every((p) => p.kind === 'text')) return push(pieces.map((p) => (p.kind === 'text' ? p.text : '')).join(''), value.start, value.end);
      for (const piece of pieces) {
        if (piece.kind === 'text') push(piece.text, piece.start, piece.end);
        else this.dynamicOrResolved(piece.expression, role, depth + 1, cacheMarked);
      }
      return;
    }
    if (value.type === 'concatenated_string') {
      const whole = this.values.string(value);
      if (whole) return push(whole.value, value.start, value.end);
      for (const part of named(value)) this.text(part, role, cacheMarked, at, depth + 1);
      return;
    }
    if (depth < MAX_DEPTH && value.type === 'binary_operator') {
      const left = field(value, 'left');
      const right = field(value, 'right');
      const op = operator(value);
      if (left && right && op === '+') {
        // `a + b + c + …` nests to the left: read the chain flat, so a long one costs no depth.
        const operands: PyNode[] = [right];
        let spine = unwrap(left);
        while (spine.type === 'binary_operator' && operator(spine) === '+' && field(spine, 'left') && field(spine, 'right')) {
          operands.push(field(spine, 'right')!);
          spine = unwrap(field(spine, 'left')!);
        }
        operands.push(spine);
        for (const operand of operands.reverse()) this.text(operand, role, cacheMarked, at, depth + 1);
        return;
      }
      if (left && right && op === '*') {
        const times = this.values.number(right) ?? this.values.number(left);
        const repeated = this.values.string(left) ?? this.values.string(right);
        if (times !== undefined && repeated && times >= 0) return push(repeated.value.repeat(Math.min(times, MAX_REPEAT)), value.start, value.end);
      }
      if (left && right && op === '%') {
        this.text(left, role, cacheMarked, at, depth + 1);
        this.dynamicOrResolved(right, role, depth + 1, cacheMarked);
        return;
      }
    }
    if (depth < MAX_DEPTH && value.type === 'call' && this.stringCall(value, role, cacheMarked, at, depth)) return;
    this.dynamicOrResolved(value, role, depth, cacheMarked, anchor);
  }

  /** `"\n".join([...])`, `TEMPLATE.format(...)`, `textwrap.dedent("""…""")`: true when read. */
  private stringCall(call: PyNode, role: PromptRole, cacheMarked: boolean, anchor: Anchor, depth: number): boolean {
    const callee = field(call, 'function');
    const args = named(field(call, 'arguments') ?? call);
    const method = callee?.type === 'attribute' ? field(callee, 'attribute') : callee?.type === 'identifier' ? callee : undefined;
    const name = method ? this.resolver.src(method) : '';
    const object = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    if (name === 'join' && object && this.values.string(object) && args.length === 1) {
      const items = unwrap(args[0]);
      if (items.type !== 'list' && items.type !== 'tuple') return false;
      const separator = this.values.string(object)!.value;
      const texts = named(items).map((item) => this.values.string(item)?.value);
      if (texts.every((t) => t !== undefined)) {
        this.parts.push({ kind: 'static', role, text: texts.join(separator), range: rangeOf(call), message: this.message, cacheMarked, anchor });
      } else for (const item of named(items)) this.text(item, role, cacheMarked, anchor, depth + 1);
      return true;
    }
    const template = object ? (this.resolver.initializer(unwrap(object)) ?? object) : undefined;
    if (name === 'format' && object && template && isStringExpression(unwrap(template), this.resolver)) {
      // The template's text counts as static; each argument is a dynamic part after it.
      const before = this.parts.length;
      this.text(object, role, cacheMarked, anchor, depth + 1);
      for (const part of this.parts.slice(before)) if (part.kind === 'static') part.text = part.text.replace(/\{[^{}]*\}/g, '');
      for (const arg of args) this.dynamicOrResolved(arg.type === 'keyword_argument' ? (field(arg, 'value') ?? arg) : arg, role, depth + 1, cacheMarked);
      return true;
    }
    if (TEXT_KEEPERS.has(name)) {
      const target = object && name !== 'dedent' && name !== 'cleandoc' ? object : args[0];
      if (!target) return false;
      this.text(target, role, cacheMarked, anchor, depth + 1);
      return true;
    }
    return false;
  }

  /** A value that is not a literal: a constant is followed to its text (keeping the cache mark and the anchor at the use site). */
  private dynamicOrResolved(node: PyNode, role: PromptRole, depth: number, cacheMarked: boolean, anchor?: Anchor): void {
    const value = unwrap(node);
    if (depth < MAX_DEPTH && isStringExpression(value, this.resolver)) return this.text(value, role, cacheMarked, anchor, depth + 1);
    const init = depth < MAX_DEPTH ? this.resolver.initializer(value) : undefined;
    if (init && isStringExpression(unwrap(init), this.resolver)) {
      this.text(init, role, cacheMarked, anchor ?? valueAnchor(value), depth + 1);
      return;
    }
    this.parts.push({ kind: 'dynamic', role, source: dynamicSource(init ?? value, this.resolver), expression: this.values.source(value).slice(0, 120), range: rangeOf(value), message: this.message });
  }

  /** A list of messages (dicts, LangChain tuples and message classes), a variable holding one, or a history. */
  messages(node: PyNode, defaultRole: PromptRole = 'user', depth = 0): void {
    const value = unwrap(node);
    if (value.type === 'list' || value.type === 'tuple') {
      for (const element of named(value)) {
        if (element.type === 'list_splat') this.pushDynamic(element.children[0] ?? element, defaultRole, 'history');
        else this.oneMessage(element, defaultRole);
        this.message++;
      }
      return;
    }
    if (value.type === 'binary_operator' && operator(value) === '+' && depth < MAX_DEPTH && !isStringExpression(value, this.resolver, true)) {
      this.messages(field(value, 'left') ?? value, defaultRole, depth + 1);
      this.messages(field(value, 'right') ?? value, defaultRole, depth + 1);
      return;
    }
    const init = depth < MAX_DEPTH ? this.resolver.initializer(value) : undefined;
    if (init && (unwrap(init).type === 'list' || unwrap(init).type === 'tuple')) {
      this.messages(init, defaultRole, depth + 1);
      // A list built here and grown later (`messages.append(…)`) also carries what was added.
      if (value.type === 'identifier' && this.resolver.bindings.mutated.has(this.resolver.src(value))) this.pushDynamic(value, defaultRole, 'history');
      return;
    }
    if (isStringExpression(value, this.resolver) || (init && isStringExpression(unwrap(init), this.resolver))) return this.content(value, defaultRole);
    this.pushDynamic(value, defaultRole, 'history');
  }

  /** One message given alone (`contents={"role": "user", "parts": […]}`). */
  single(node: PyNode, defaultRole: PromptRole = 'user'): void {
    this.oneMessage(node, defaultRole);
    this.message++;
  }

  private oneMessage(node: PyNode, defaultRole: PromptRole): void {
    const value = unwrap(node);
    const dict = this.resolver.dictionary(value);
    if (dict) {
      const keyed = { node: dict };
      const role = roleOf(this.values.string(this.options.get(keyed, 'role')?.value)?.value) ?? defaultRole;
      const content = this.options.get(keyed, 'content') ?? this.options.get(keyed, 'parts') ?? this.options.get(keyed, 'text') ?? this.options.get(keyed, 'message');
      if (content) this.content(content.value, role, this.options.get(keyed, 'cache_control') !== undefined);
      return;
    }
    if (value.type === 'tuple' && named(value).length === 2) {
      const [first, second] = named(value);
      return this.content(second, roleOf(this.values.string(first)?.value) ?? defaultRole);
    }
    if (value.type === 'call') {
      const message = this.messageCall(value, defaultRole);
      if (message) return this.content(message.content, message.role);
    }
    this.content(value, defaultRole);
  }

  /** `SystemMessage(content=…)`, `HumanMessage("…")`, `types.Content(role="user", parts=[…])`. */
  messageCall(call: PyNode, defaultRole: PromptRole): { role: PromptRole; content: PyNode } | undefined {
    const callee = field(call, 'function');
    const last = callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
    const className = last?.type === 'identifier' ? this.resolver.src(last) : '';
    const match = /^(\w*?)(Message|Content)(Param)?$/.exec(className);
    if (!match) return undefined;
    const keyed = { node: field(call, 'arguments') ?? call, positional: { content: 0 } };
    const role = roleOf(this.values.string(this.options.get(keyed, 'role')?.value)?.value) ?? roleOf(match[1].toLowerCase()) ?? defaultRole;
    const content = this.options.get(keyed, 'content') ?? this.options.get(keyed, 'parts');
    return content ? { role, content: content.value } : undefined;
  }

  /** A message's content: a string, or content blocks (`{"type": "text", "text": …, "cache_control": …}`, `{"text": …}`, `{"cachePoint": …}`). */
  content(node: PyNode, role: PromptRole, cacheMarked = false): void {
    const value = unwrap(node);
    if (value.type === 'list' || value.type === 'tuple') {
      for (const element of named(value)) {
        if (element.type === 'list_splat') {
          this.pushDynamic(element.children[0] ?? element, role, 'unknown');
          continue;
        }
        const block = unwrap(element);
        const dict = block.type === 'dictionary' ? block : undefined;
        if (dict && this.options.get({ node: dict }, 'cachePoint')) this.markCached();
        else if (dict) this.block(dict, role, cacheMarked);
        else if (block.type === 'call' && this.textCall(block, role, cacheMarked)) continue;
        else this.text(block, role, cacheMarked);
      }
      return;
    }
    if (value.type === 'dictionary') return this.block(value, role, cacheMarked);
    if (value.type === 'call' && this.textCall(value, role, cacheMarked)) return;
    this.text(value, role, cacheMarked);
  }

  /** `types.Part(text=…)`, `Part.from_text(text=…)`: a text block built by a call. */
  private textCall(call: PyNode, role: PromptRole, cacheMarked: boolean): boolean {
    const keyed = { node: field(call, 'arguments') ?? call };
    const text = this.options.get(keyed, 'text');
    if (!text || keyed.node.type !== 'argument_list') return false;
    this.text(text.value, role, cacheMarked || this.options.get(keyed, 'cache_control') !== undefined, { range: rangeOf(keyed.node), kind: 'call' });
    return true;
  }

  private block(dict: PyNode, role: PromptRole, cacheMarked: boolean): void {
    const keyed = { node: dict };
    const text = this.options.get(keyed, 'text') ?? this.options.get(keyed, 'content');
    if (!text) return;
    const marked = cacheMarked || this.options.get(keyed, 'cache_control') !== undefined;
    this.text(text.value, role, marked, mapAnchor(dict));
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

  pushDynamic(node: PyNode, role: PromptRole, fallback: DynamicSource): void {
    const init = this.resolver.initializer(unwrap(node));
    const source = dynamicSource(init ?? node, this.resolver);
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
