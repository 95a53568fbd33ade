import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ModelRef, Provider } from '../../engine/facts';
import { isRelative, type Modules } from './modules';
import { T, functionName, keyName, memberChain, unwrap, type Node } from './ast';
import type { Bindings, ImportBinding } from './bindings';
import { AI_SDK_MODULE, AI_SDK_PROVIDERS, CLIENTS, CLIENT_BY_ID, type ClientSpec } from './sdks';

/** What an expression stands for, as far as the SDKs are concerned. */
export type Sym =
  | { kind: 'export'; module: string; name: string; path: string[] }
  /** An SDK client or model handle, and the member path read from it so far. */
  | {
      kind: 'handle';
      spec: ClientSpec;
      options?: TSESTree.ObjectExpression;
      origin?: Node;
      path: string[];
      inherited?: TSESTree.ObjectExpression[];
      /** The model a handle made in another file of the project names (its options stay there). */
      foreignModel?: ModelRef;
    }
  /** A Vercel AI SDK provider (`openai`, `createOpenAI(…)`), callable with a model id. */
  | { kind: 'ai-provider'; provider: Provider }
  /** A Vercel AI SDK model (`openai('gpt-4o')`): the id argument. */
  | { kind: 'ai-model'; provider: Provider; idNode: Node }
  /** The same, made in another file of the project: the id as read there. */
  | { kind: 'ai-model'; provider: Provider; idNode?: undefined; foreignModel: ModelRef };

const MAX_DEPTH = 12;

export class Resolver {
  private readonly seen = new Set<Node>();
  private readonly params = new Map<string, Sym | undefined>();

  constructor(
    private readonly bindings: Bindings,
    private readonly modules?: Modules,
  ) {}

  /** What this file exports as `name` (for another file that imports it). */
  exported(name: string): Sym | undefined {
    if (name === 'default') return this.bindings.defaultExport ? this.resolve(this.bindings.defaultExport) : undefined;
    const reexport = this.bindings.reexports.get(name);
    if (reexport) return this.imported(reexport.module, reexport.name);
    const local = this.bindings.exportAliases.get(name) ?? name;
    if (this.bindings.imports.has(local) || this.bindings.values.has(local)) return this.resolveName(local, 0);
    for (const [key, star] of this.bindings.reexports) {
      if (!key.startsWith('*')) continue;
      const sym = this.modules?.resolve(star.module, name);
      if (sym) return sym;
    }
    return undefined;
  }

  /** The expression this file exports as `name`, followed into object members (`MODELS.fast`). */
  exportedValue(name: string, members: string[]): Node | undefined {
    const local = this.bindings.exportAliases.get(name) ?? name;
    let node: Node | undefined = name === 'default' ? this.bindings.defaultExport : this.bindings.values.get(local);
    for (const member of members) {
      const object = this.objectLiteral(node);
      node = object?.properties.find((p): p is TSESTree.Property => p.type === T.Property && keyName(p.key) === member)?.value;
    }
    return node;
  }

  /** Where else an export may come from: `export { x } from './y'`, then every `export * from …`. */
  reexportsOf(name: string): ImportBinding[] {
    const named = this.bindings.reexports.get(name);
    const stars = [...this.bindings.reexports].filter(([key]) => key.startsWith('*')).map(([, star]) => ({ module: star.module, name }));
    return [...(named ? [named] : []), ...stars];
  }

  /** The import binding of a name or a namespace member (`MODEL`, `config.MODEL`) when it comes from a project file. */
  projectImport(node: Node): { module: string; name: string; members: string[] } | undefined {
    const chain = memberChain(node);
    if (chain?.root.type !== T.Identifier) return undefined;
    const binding = this.bindings.imports.get(chain.root.name);
    if (!binding || !isRelative(binding.module)) return undefined;
    if (binding.name === '*') return chain.path.length ? { module: binding.module, name: chain.path[0], members: chain.path.slice(1) } : undefined;
    return { module: binding.module, name: binding.name, members: chain.path };
  }

  /** A model id named by a constant another project file exports. */
  projectModel(node: Node): ModelRef | undefined {
    const found = this.projectImport(node);
    return found ? this.modules?.model(found.module, found.name, found.members) : undefined;
  }

  /** An import: the other project file's export when the module is one of ours, else the package export. */
  private imported(module: string, name: string): Sym {
    const own = isRelative(module) && name !== '*' ? this.modules?.resolve(module, name) : undefined;
    return own ?? { kind: 'export', module, name, path: [] };
  }

  resolve(node: Node, depth = 0): Sym | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    switch (value.type) {
      case T.Identifier:
        return this.resolveName(value.name, depth);
      case T.MemberExpression:
        return this.resolveMember(value, depth);
      case T.NewExpression:
        return this.construct(value, 'new', depth);
      case T.CallExpression:
        return this.resolveCall(value, depth);
      default:
        return undefined;
    }
  }

  /** Follows identifiers and `this.x` to the object literal they hold (request options kept in a variable). */
  objectLiteral(node: Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const value = unwrap(node);
    if (value.type === T.ObjectExpression) return value;
    const init = this.initializer(value);
    return init ? this.objectLiteral(init, depth + 1) : undefined;
  }

  /** The initialiser behind an identifier or `this.member`, if the file has one. */
  initializer(node: Node): Node | undefined {
    if (node.type === T.Identifier) return this.bindings.values.get(node.name);
    if (node.type === T.MemberExpression && node.object.type === T.ThisExpression) {
      const name = keyName(node.property);
      return name ? this.bindings.members.get(name) : undefined;
    }
    return undefined;
  }

  private guarded(node: Node, depth: number): Sym | undefined {
    if (this.seen.has(node)) return undefined;
    this.seen.add(node);
    try {
      return this.resolve(node, depth + 1);
    } finally {
      this.seen.delete(node);
    }
  }

  private resolveName(name: string, depth: number): Sym | undefined {
    const imported = this.bindings.imports.get(name);
    if (imported) return this.imported(imported.module, imported.name);
    const init = this.bindings.values.get(name);
    if (init) return this.guarded(init, depth);
    const typed = this.bindings.typedParams.get(name);
    if (typed) return this.typedHandle(typed);
    return this.parameter(name, depth);
  }

  /** An untyped parameter: what the file's own call sites pass in its place (`summarize(openai, text)`). */
  private parameter(name: string, depth: number): Sym | undefined {
    // Once per name: parameter names repeat across functions, and call sites fan out (cycles read as unknown).
    if (this.params.has(name)) return this.params.get(name);
    this.params.set(name, undefined);
    const sym = this.parameterOnce(name, depth);
    this.params.set(name, sym);
    return sym;
  }

  private parameterOnce(name: string, depth: number): Sym | undefined {
    const params = this.bindings.params.get(name) ?? [];
    for (const { fn, index } of params) {
      const fnName = functionName(fn);
      if (!fnName) continue;
      for (const site of this.bindings.callSites.get(fnName) ?? []) {
        const arg = site.arguments[index];
        if (!arg || arg.type === T.SpreadElement || (site.range[0] >= fn.range[0] && site.range[1] <= fn.range[1])) continue;
        const sym = this.guarded(arg, depth);
        if (sym?.kind === 'handle' || sym?.kind === 'ai-model') return sym;
      }
    }
    for (const { fallback } of params) {
      const sym = fallback ? this.guarded(fallback, depth) : undefined;
      if (sym?.kind === 'handle' || sym?.kind === 'ai-model') return sym;
    }
    return undefined;
  }

  private resolveMember(node: TSESTree.MemberExpression, depth: number): Sym | undefined {
    const name = keyName(node.property);
    if (name === undefined) return undefined;
    if (node.object.type === T.ThisExpression) {
      const init = this.bindings.members.get(name);
      if (init) return this.guarded(init, depth);
      const typed = this.bindings.typedParams.get(`this.${name}`);
      return typed ? this.typedHandle(typed) : undefined;
    }
    const base = this.resolve(node.object, depth + 1);
    if (!base) return undefined;
    if (base.kind === 'export') {
      if (base.path.length === 0 && base.name === '*' && isRelative(base.module)) return this.imported(base.module, name);
      if (base.path.length === 0 && (base.name === '*' || base.name === 'default') && findConstructor(base.module, name)) {
        return { kind: 'export', module: base.module, name, path: [] };
      }
      return { ...base, path: [...base.path, name] };
    }
    if (base.kind === 'handle') return { ...base, path: [...base.path, name] };
    return base.kind === 'ai-provider' ? base : undefined;
  }

  private resolveCall(node: TSESTree.CallExpression, depth: number): Sym | undefined {
    const callee = this.resolve(node.callee, depth + 1);
    if (!callee) return undefined;
    if (callee.kind === 'export') {
      const provider = AI_SDK_PROVIDERS[callee.module] ?? (callee.module === AI_SDK_MODULE && callee.name === 'gateway' ? 'unknown' : undefined);
      if (provider) return this.aiModelOrProvider(provider, node);
      // `wrapLanguageModel({ model, middleware })` bills the model it wraps.
      if (callee.module === AI_SDK_MODULE && callee.name === 'wrapLanguageModel') {
        const wrapped = this.objectLiteral(node.arguments[0]);
        const model = wrapped?.properties.find((p): p is TSESTree.Property => p.type === T.Property && keyName(p.key) === 'model');
        return model ? this.guarded(model.value, depth) : undefined;
      }
      if (callee.path.length === 0) return this.construct(node, 'call', depth);
      return undefined;
    }
    if (callee.kind === 'ai-provider') return this.aiModelOrProvider(callee.provider, node);
    if (callee.kind !== 'handle') return undefined;
    const path = callee.path.join('.');
    const target = callee.spec.handles?.[path];
    if (target) {
      const spec = CLIENT_BY_ID.get(target);
      // A chat made from a model (`model.startChat({ history })`) still bills the model's options.
      const own = this.objectLiteral(node.arguments[0]);
      const inherited = [...(own && callee.options ? [callee.options] : []), ...(callee.inherited ?? [])];
      if (spec) return { kind: 'handle', spec, options: own ?? callee.options, inherited, origin: node, path: [] };
    }
    const last = callee.path[callee.path.length - 1];
    if (callee.spec.passthrough?.includes(last)) return { ...callee, path: callee.path.slice(0, -1) };
    return undefined;
  }

  private aiModelOrProvider(provider: Provider, node: TSESTree.CallExpression): Sym {
    const first = node.arguments[0];
    if (first && isStringish(first)) return { kind: 'ai-model', provider, idNode: first };
    return { kind: 'ai-provider', provider };
  }

  private construct(node: TSESTree.NewExpression | TSESTree.CallExpression, via: 'new' | 'call', depth: number): Sym | undefined {
    const callee = this.resolve(node.callee, depth + 1);
    if (!callee || callee.kind !== 'export' || callee.path.length) return undefined;
    const spec = findConstructor(callee.module, callee.name, via);
    if (!spec) return undefined;
    return { kind: 'handle', spec, options: this.objectLiteral(node.arguments[0]), origin: node, path: [] };
  }

  private typedHandle(binding: ImportBinding): Sym | undefined {
    const spec = findConstructor(binding.module, binding.name);
    return spec ? { kind: 'handle', spec, path: [] } : undefined;
  }
}

function isStringish(node: Node): boolean {
  const value = unwrap(node);
  return (value.type === T.Literal && typeof value.value === 'string') || value.type === T.TemplateLiteral || value.type === T.Identifier || value.type === T.MemberExpression || value.type === T.LogicalExpression;
}

/** The client an export constructs (`openai` default, `@anthropic-ai/sdk` `Anthropic`…). */
export function findConstructor(module: string, name: string, via?: 'new' | 'call'): ClientSpec | undefined {
  return CLIENTS.find((c) => c.constructors.some((k) => k.module === module && (k.name === name || (name === '*' && k.name === 'default')) && (!via || k.via === via)));
}
