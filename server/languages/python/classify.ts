import type { CacheSupport, ModelRef, Provider } from '../../engine/facts';
import type { WrapperSignature } from '../extractor';
import { attributeChain, field, named, unwrap, type PyNode } from './ast';
import { callOptions, providerOfModel, type CallShape } from './calls';
import type { Options } from './options';
import type { Keyed, Resolver, Sym } from './resolve';
import type { Retries } from './retries';
import { findConstructor, findModuleMethod, type MethodSpec } from './sdks';
import type { Values } from './values';

type Handle = Extract<Sym, { kind: 'handle' }>;

/** Bedrock InvokeModel bodies: the output-cap names of each model family's JSON. */
const INVOKE_CAP_KEYS = ['max_tokens', 'max_gen_len', 'maxTokens', 'max_new_tokens', 'textGenerationConfig.maxTokenCount', 'inferenceConfig.max_new_tokens'];
const WRAPPER_CAP_KEYS = ['max_tokens', 'max_output_tokens', 'max_completion_tokens'];

/** Decides which calls are paid LLM calls and gathers their SDK-level shape. */
export class Classifier {
  /** Handles (by the call that made them) that some call in the file invokes. */
  readonly invoked = new Set<PyNode>();
  /** LangChain chat models built in this file, by their constructor call. */
  readonly langchain = new Map<PyNode, Handle>();

  constructor(
    private readonly resolver: Resolver,
    private readonly values: Values,
    private readonly options: Options,
    private readonly retries: Retries,
    private readonly wrappers: readonly WrapperSignature[],
  ) {}

  shape(call: PyNode): CallShape | undefined {
    const callee = field(call, 'function');
    if (!callee) return undefined;
    const name = calleeName(callee, this.resolver);
    const wrapper = name ? this.wrappers.find((w) => name === w.name || name.endsWith(`.${w.name}`)) : undefined;
    if (wrapper) return this.wrapperShape(call, callee, wrapper);
    const sym = this.resolver.resolve(callee);
    if (!sym) return undefined;
    if (sym.kind === 'export') {
      const constructed = findConstructor(sym.qualified);
      if (constructed?.id.startsWith('langchain')) {
        const handle = this.resolver.resolve(call);
        if (handle?.kind === 'handle') this.langchain.set(call, handle);
        return undefined;
      }
      const moduleMethod = findModuleMethod(sym.qualified);
      if (!moduleMethod) return undefined;
      const handle: Handle = { kind: 'handle', spec: moduleMethod.spec, options: [], path: moduleMethod.path.split('.'), retryOptions: [] };
      return this.fromHandle(call, callee, handle, moduleMethod.spec.methods[moduleMethod.path]);
    }
    const method = sym.spec.methods[sym.path.join('.')];
    if (!method) return undefined;
    // A handle called directly (`llm(messages)`) is a call only when it is not the line that builds it.
    if (sym.origin === call) return undefined;
    if (sym.origin) this.invoked.add(sym.origin);
    return this.fromHandle(call, callee, sym, method);
  }

  /** A LangChain model built here and never invoked here still names the model it will bill. */
  constructedOnly(origin: PyNode, handle: Handle): CallShape | undefined {
    if (this.invoked.has(origin)) return undefined;
    const callee = field(origin, 'function');
    return callee ? this.fromHandle(origin, callee, handle, { api: 'chat', request: 'handle' }, true) : undefined;
  }

  private fromHandle(call: PyNode, callee: PyNode, handle: Handle, method: MethodSpec, constructorOnly = false): CallShape {
    const { spec } = handle;
    const args = field(call, 'arguments');
    const callKeyed: Keyed | undefined = args?.type === 'argument_list' && !constructorOnly ? { node: args, positional: method.positional } : undefined;
    let sources: Keyed[];
    let options: Keyed | null;
    if (method.body) {
      const body = callKeyed ? this.body(callKeyed) : undefined;
      sources = [body, callKeyed].filter((k): k is Keyed => k !== undefined);
      options = body ?? null;
    } else if (method.request === 'call') {
      sources = callKeyed ? [callKeyed] : [];
      options = callKeyed ? callOptions(callKeyed, this.resolver) : null;
    } else {
      sources = [...(callKeyed ? [callKeyed] : []), ...handle.options];
      options = handle.options[spec.optionsIndex ?? 0] ?? null;
    }

    let provider: Provider = spec.provider;
    let model: ModelRef | undefined;
    if (spec.providerFromModel) {
      model = this.values.model(this.options.find(sources, spec.modelKeys)?.entry.value);
      if (spec.id === 'litellm-router') model = this.routedModel(handle, model) ?? model;
      const explicit = this.values.string(this.options.find(sources, ['model_provider', 'custom_llm_provider'])?.entry.value)?.value;
      provider = providerOfModel(model.value, explicit);
      // `init_chat_model("openai:gpt-4o")`: the id is what follows the provider.
      if (model.value && /^[a-z_]+:/.test(model.value)) model = { ...model, value: model.value.slice(model.value.indexOf(':') + 1) };
    }
    const retrySources = [...handle.options, ...handle.retryOptions, ...(spec.id === 'litellm' && callKeyed ? [callKeyed] : [])];
    return {
      node: call,
      callee,
      provider,
      sdk: spec.sdk,
      api: method.api,
      sources,
      options,
      model,
      modelKeys: spec.modelKeys,
      capKeys: method.body ? INVOKE_CAP_KEYS : (method.capKeys ?? spec.capKeys),
      metadataKey: method.body ? null : spec.metadataKey,
      cacheSupport: spec.providerFromModel ? cacheSupportOf(provider) : spec.cacheSupport,
      streaming: Boolean(method.streaming),
      batch: Boolean(method.batch),
      retry: this.retries.clientRetry(retrySources, spec.retryKey),
      template: handle.template,
    };
  }

  /** A Router's alias (`model="fast"`) to the deployment its `model_list` names (`litellm_params.model`). */
  private routedModel(handle: Handle, alias: ModelRef): ModelRef | undefined {
    const list = handle.options[0] ? this.options.get(handle.options[0], 'model_list')?.value : undefined;
    const items = list ? (this.resolver.initializer(unwrap(list)) ?? unwrap(list)) : undefined;
    if (!alias.value || items?.type !== 'list') return undefined;
    for (const item of named(items)) {
      const dict = this.resolver.keyed(item);
      if (!dict || this.values.string(this.options.get(dict, 'model_name')?.value)?.value !== alias.value) continue;
      const deployment = this.options.path(dict, 'litellm_params.model');
      const routed = deployment ? this.values.model(deployment.value) : undefined;
      // Not written at the call: the call names it through the alias.
      return routed?.source === 'literal' ? { ...routed, source: 'constant' } : routed;
    }
    return undefined;
  }

  /** `body=json.dumps({...})`, `body=json.dumps(payload)`, `body=body` where `body = json.dumps(...)`. */
  private body(keyed: Keyed): Keyed | undefined {
    const entry = this.options.get(keyed, 'body');
    let node: PyNode | undefined = entry?.value;
    for (let depth = 0; node && depth < 6; depth++) {
      const value = unwrap(node);
      if (value.type === 'dictionary') return { node: value };
      if (value.type === 'call') {
        const sym = this.resolver.resolve(field(value, 'function'));
        node = sym?.kind === 'export' && sym.qualified === 'json.dumps' ? named(field(value, 'arguments') ?? value)[0] : undefined;
        continue;
      }
      node = this.resolver.initializer(value);
    }
    return undefined;
  }

  /** A call through one of the team's own wrappers (config `wrappers`), read like a direct SDK call. */
  private wrapperShape(call: PyNode, callee: PyNode, wrapper: WrapperSignature): CallShape {
    const args = field(call, 'arguments');
    const list = args?.type === 'argument_list' ? args : undefined;
    const positional = list ? positionalArgs(list) : [];
    const dict = wrapper.options !== undefined ? this.resolver.keyed(positional[wrapper.options]) : undefined;
    const sources = [list ? { node: list } : undefined, dict].filter((k): k is Keyed => k !== undefined);
    const pick = (at: number | string | undefined, fallback: string): PyNode | undefined =>
      typeof at === 'number' ? positional[at] : this.options.find(sources, [at ?? fallback])?.entry.value;
    const model = this.values.model(pick(wrapper.model, 'model'));
    return {
      node: call,
      callee,
      provider: (wrapper.provider as Provider | undefined) ?? providerOfModel(model.value),
      sdk: `wrapper:${wrapper.name}`,
      api: 'chat',
      sources,
      options: dict ?? null,
      model,
      modelKeys: [],
      capKeys: WRAPPER_CAP_KEYS,
      metadataKey: null,
      cacheSupport: cacheSupportOf((wrapper.provider as Provider | undefined) ?? providerOfModel(model.value)),
      streaming: false,
      batch: false,
      retry: [],
      promptNode: pick(wrapper.prompt, 'prompt'),
    };
  }
}

/** How a provider reached through a gateway or wrapper caches prompts. */
function cacheSupportOf(provider: Provider): CacheSupport {
  if (provider === 'anthropic' || provider === 'bedrock') return 'explicit';
  return provider === 'mistral' || provider === 'cohere' ? 'none' : 'automatic';
}

function positionalArgs(list: PyNode): PyNode[] {
  return named(list).filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
}

/** `ask_llm`, `self.llm.complete`: the dotted name a wrapper is configured by. */
function calleeName(callee: PyNode, resolver: Resolver): string | undefined {
  const chain = attributeChain(callee, resolver.text);
  if (!chain || chain.root.type !== 'identifier') return undefined;
  return [resolver.src(chain.root), ...chain.path].join('.');
}
