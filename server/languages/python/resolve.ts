import { field, functionName, isMethod, named, operator, unwrap, type PyNode } from './ast';
import { enclosingClass, type Binding, type Bindings } from './bindings';
import type { Modules } from './modules';
import { isProjectModule } from './packages';
import { CLIENT_BY_ID, findConstructor, type ClientSpec } from './sdks';
import { literalString } from './strings';

/** Keyword options: a call's argument list (keywords, `**splats`, positionals by name) or a dict literal. */
export interface Keyed {
  node: PyNode;
  positional?: Record<string, number>;
}

/** What an expression stands for, as far as the SDKs are concerned. */
export type Sym =
  /** A module or a name in one, by its qualified name (`openai.OpenAI`, `os.getenv`). */
  | { kind: 'export'; qualified: string }
  /** An SDK client or model handle, the member path read from it so far, and the options it was built with. */
  | { kind: 'handle'; spec: ClientSpec; options: Keyed[]; origin?: PyNode; path: string[]; retryOptions: Keyed[]; template?: PyNode };

type Handle = Extract<Sym, { kind: 'handle' }>;

const MAX_DEPTH = 12;


export class Resolver {
  private readonly seen = new Set<PyNode>();
  /** Each expression is resolved once: parameters resolved through their callers would otherwise fan out. */
  private readonly memo = new Map<PyNode, Sym | undefined>();
  private sites?: Map<string, PyNode[]>;

  constructor(
    readonly bindings: Bindings,
    readonly text: string,
    private readonly modules?: Modules,
  ) {}

  /** What a module-level name of this file is (another module imports it). */
  moduleName(name: string): Sym | undefined {
    return this.fromBinding(this.bindings.moduleBinding(name), 0);
  }

  /** An imported name: from the project's own modules when it is one of them, else the external export. */
  private imported(qualified: string): Sym {
    return (isProjectModule(qualified) ? this.modules?.resolve(qualified) : undefined) ?? { kind: 'export', qualified };
  }

  src(node: PyNode): string {
    return this.text.slice(node.start, node.end);
  }

  resolve(node: PyNode | undefined, depth = 0): Sym | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (this.memo.has(value)) return this.memo.get(value);
    if (this.seen.has(value)) return undefined;
    this.seen.add(value);
    try {
      const sym = this.resolveNode(value, depth);
      this.memo.set(value, sym);
      return sym;
    } finally {
      this.seen.delete(value);
    }
  }

  private resolveNode(value: PyNode, depth: number): Sym | undefined {
    switch (value.type) {
      case 'identifier':
        return this.fromBinding(this.bindings.lookup(this.src(value), value), depth);
      case 'attribute':
        return this.resolveAttribute(value, depth);
      case 'call':
        return this.resolveCall(value, depth);
      case 'binary_operator':
        // LCEL: `prompt | llm | parser` runs the model inside.
        return operator(value) === '|' ? this.chain(value, depth) : undefined;
      case 'boolean_operator':
        return this.resolve(field(value, 'left'), depth + 1) ?? this.resolve(field(value, 'right'), depth + 1);
      case 'conditional_expression': {
        const [then, , otherwise] = named(value);
        return this.resolve(then, depth + 1) ?? this.resolve(otherwise, depth + 1);
      }
      default:
        return undefined;
    }
  }

  /** The value behind a name, `self.x`, `Class.x`, `instance.x` (a class of this file) or `CONST["key"]`. */
  initializer(node: PyNode, depth = 0): PyNode | undefined {
    const value = unwrap(node);
    if (value.type === 'identifier') return valueOf(this.bindings.lookup(this.src(value), value));
    if (value.type === 'attribute') {
      const object = field(value, 'object');
      const name = field(value, 'attribute');
      if (!object || !name || object.type !== 'identifier') return undefined;
      const attr = this.src(name);
      const base = this.src(object);
      if (base === 'self' || base === 'cls') return valueOf(this.bindings.member(attr, value));
      const bound = this.bindings.lookup(base, object);
      if (bound?.kind === 'def' && bound.node.type === 'class_definition') return valueOf(this.bindings.classAttribute(base, attr, value));
      // `settings = Settings()` then `settings.model`: the class attribute's default.
      const made = valueOf(bound);
      const callee = made && unwrap(made).type === 'call' ? field(unwrap(made), 'function') : undefined;
      if (callee?.type === 'identifier') return valueOf(this.bindings.classAttribute(this.src(callee), attr, value));
      return undefined;
    }
    if (value.type === 'subscript' && depth < MAX_DEPTH) {
      const key = field(value, 'subscript');
      const target = field(value, 'value');
      const name = key ? literalString(key, this.text) : undefined;
      const dict = target ? this.dictionary(target, depth + 1) : undefined;
      if (name === undefined || !dict) return undefined;
      for (const pair of dict.children) {
        const k = pair.type === 'pair' ? field(pair, 'key') : undefined;
        if (k && literalString(k, this.text) === name) return field(pair, 'value');
      }
    }
    return undefined;
  }

  /** A dict literal behind an expression, following names. */
  dictionary(node: PyNode, depth = 0): PyNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (value.type === 'dictionary') return value;
    const init = this.initializer(value, depth);
    return init ? this.dictionary(init, depth + 1) : undefined;
  }

  /** Keyword options behind an expression: a dict literal, or the argument list of a call (`GenerateContentConfig(…)`, `dict(…)`). */
  keyed(node: PyNode | undefined, depth = 0): Keyed | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (value.type === 'dictionary') return { node: value };
    if (value.type === 'call') {
      const args = field(value, 'arguments');
      return args?.type === 'argument_list' ? { node: args } : undefined;
    }
    const init = this.initializer(value);
    return init ? this.keyed(init, depth + 1) : undefined;
  }

  /** Calls of a function or method by its name (`summarize(…)`, `self.summarize(…)`). */
  callSites(name: string): PyNode[] {
    if (!this.sites) {
      this.sites = new Map();
      for (const call of this.bindings.calls) {
        const callee = field(call, 'function');
        const last = callee?.type === 'identifier' ? callee : callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
        if (!last) continue;
        const key = this.src(last);
        const list = this.sites.get(key);
        if (list) list.push(call);
        else this.sites.set(key, [call]);
      }
    }
    return this.sites.get(name) ?? [];
  }

  private guarded(node: PyNode, depth: number): Sym | undefined {
    return this.resolve(node, depth + 1);
  }

  private fromBinding(binding: Binding | undefined, depth: number): Sym | undefined {
    if (!binding) return undefined;
    switch (binding.kind) {
      case 'import':
        return this.imported(binding.qualified);
      case 'value':
        return this.guarded(binding.value, depth);
      case 'param':
        return (
          (binding.annotation ? this.typedHandle(binding.annotation, depth) : undefined) ??
          (binding.value ? this.guarded(binding.value, depth) : undefined) ??
          this.fromCallers(binding, depth)
        );
      default:
        return undefined;
    }
  }

  private resolveAttribute(node: PyNode, depth: number): Sym | undefined {
    const object = field(node, 'object');
    const name = field(node, 'attribute');
    if (!object || !name) return undefined;
    const attr = this.src(name);
    if (object.type === 'identifier' && (this.src(object) === 'self' || this.src(object) === 'cls')) {
      return this.fromBinding(this.bindings.member(attr, node), depth);
    }
    const base = this.resolve(object, depth + 1);
    if (!base) {
      const init = this.initializer(node);
      return init ? this.guarded(init, depth) : undefined;
    }
    if (base.kind === 'export') return this.imported(`${base.qualified}.${attr}`);
    if (base.spec.transparent?.includes(attr)) return base;
    return { ...base, path: [...base.path, attr] };
  }

  private resolveCall(node: PyNode, depth: number): Sym | undefined {
    const callee = this.resolve(field(node, 'function'), depth + 1);
    const args = field(node, 'arguments');
    const keyed: Keyed | undefined = args?.type === 'argument_list' ? { node: args } : undefined;
    if (!callee) return undefined;
    if (callee.kind === 'export') {
      const spec = findConstructor(callee.qualified);
      return spec ? this.construct(spec, node, keyed, []) : undefined;
    }
    const path = callee.path.join('.');
    const target = callee.spec.handles?.[path];
    const spec = target ? CLIENT_BY_ID.get(target) : undefined;
    if (spec) return this.construct(spec, node, keyed, callee.options);
    const last = callee.path[callee.path.length - 1];
    if (last && callee.spec.passthrough?.includes(last)) {
      const retryOptions = last === 'with_options' && keyed ? [...callee.retryOptions, keyed] : callee.retryOptions;
      return { ...callee, path: callee.path.slice(0, -1), retryOptions };
    }
    return undefined;
  }

  private construct(spec: ClientSpec, node: PyNode, keyed: Keyed | undefined, inherited: Keyed[]): Handle | undefined {
    const own = keyed ? { ...keyed, positional: spec.positional } : undefined;
    if (spec.service) {
      // boto3.client("bedrock-runtime"): only the Bedrock runtime service makes model calls.
      const args = own ? { ...own, positional: { service_name: 0 } } : undefined;
      const service = args ? this.keywordOrPositional(args, 'service_name') : undefined;
      if (!service || literalString(service, this.text) !== spec.service) return undefined;
    }
    return { kind: 'handle', spec, options: own ? [own, ...inherited] : inherited, origin: node, path: [], retryOptions: [] };
  }

  private keywordOrPositional(keyed: Keyed, key: string): PyNode | undefined {
    let index = 0;
    for (const child of named(keyed.node)) {
      if (child.type === 'keyword_argument') {
        const name = field(child, 'name');
        if (name && this.src(name) === key) return field(child, 'value');
      } else if (child.type !== 'list_splat' && child.type !== 'dictionary_splat') {
        if (keyed.positional?.[key] === index) return child;
        index++;
      }
    }
    return undefined;
  }

  private chain(node: PyNode, depth: number): Sym | undefined {
    const left = field(node, 'left');
    const right = this.resolve(field(node, 'right'), depth + 1);
    if (right?.kind === 'handle' && right.spec.id.startsWith('langchain')) return { ...right, template: left ? this.template(left) : undefined };
    const inner = this.resolve(left, depth + 1);
    return inner?.kind === 'handle' && inner.spec.id.startsWith('langchain') ? inner : undefined;
  }

  /** The prompt template at the head of a pipe (`ChatPromptTemplate.from_messages([...]) | llm`). */
  private template(node: PyNode, depth = 0): PyNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (value.type === 'binary_operator' && operator(value) === '|') return this.template(field(value, 'left') ?? value, depth + 1);
    if (value.type === 'call') {
      const callee = field(value, 'function');
      const method = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
      if (method && /^from_(messages|template)$/.test(this.src(method))) return value;
      return undefined;
    }
    const init = this.initializer(value);
    return init ? this.template(init, depth + 1) : undefined;
  }

  /** `client: OpenAI`, `client: anthropic.Anthropic | None`: a handle of that class, options unknown. */
  private typedHandle(annotation: PyNode, depth: number): Sym | undefined {
    const stack = [annotation];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'identifier' || node.type === 'attribute') {
        const sym = this.resolve(node, depth + 1);
        const spec = sym?.kind === 'export' ? findConstructor(sym.qualified) : undefined;
        if (spec) return { kind: 'handle', spec, options: [], path: [], retryOptions: [] };
        if (node.type === 'attribute') continue;
      }
      stack.push(...node.children);
    }
    return undefined;
  }

  /** An untyped parameter: what the file's own calls of the function pass for it. */
  private fromCallers(binding: Extract<Binding, { kind: 'param' }>, depth: number): Sym | undefined {
    if (binding.fn.type !== 'function_definition') return undefined;
    let name = functionName(binding.fn, this.text);
    const cls = isMethod(binding.fn) ? enclosingClass(binding.fn) : undefined;
    // `Service(client)` calls `__init__(self, client)`.
    if (name === '__init__' && cls) name = this.src(field(cls, 'name') ?? cls);
    if (!name) return undefined;
    const index = cls ? binding.index - 1 : binding.index;
    for (const site of this.callSites(name)) {
      if (this.seen.has(site)) continue;
      const args = field(site, 'arguments');
      if (args?.type !== 'argument_list') continue;
      const arg = this.keywordOrPositional({ node: args, positional: { [binding.name]: index } }, binding.name);
      const sym = arg ? this.guarded(arg, depth) : undefined;
      if (sym?.kind === 'handle') return sym;
    }
    return undefined;
  }
}

function valueOf(binding: Binding | undefined): PyNode | undefined {
  if (binding?.kind === 'value') return binding.value;
  if (binding?.kind === 'param') return binding.value;
  return undefined;
}
