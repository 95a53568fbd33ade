import type { CacheSupport, LlmApi, LlmCall, ModelRef, Provider, RetryPolicy } from '../../engine/facts';
import { enclosingFunction, functionName, named, rangeOf, unwrap, type PyNode } from './ast';
import type { Options } from './options';
import { PromptReader } from './prompt';
import type { Keyed, Resolver } from './resolve';
import { readTemplate } from './template';
import { optionsAnchor, type Values } from './values';

/** The SDK-level description of one call site, gathered before it becomes a fact. */
export interface CallShape {
  node: PyNode;
  callee: PyNode;
  provider: Provider;
  sdk: string;
  api: LlmApi;
  /** Where options and prompt are read, strongest first: the call's keywords, then the handle's. */
  sources: Keyed[];
  /** Where a fix adds an option: the call's argument list, a `**kwargs` dict, the model's constructor. */
  options: Keyed | null;
  /** A model resolved elsewhere (wrappers, `init_chat_model("openai:gpt-4o")`). */
  model?: ModelRef;
  /** The prompt, when it is one known argument rather than the SDK's keywords (wrappers). */
  promptNode?: PyNode;
  /** A LangChain prompt template piped into the model (`prompt | llm`): the prompt, with `{variables}` as dynamic parts. */
  template?: PyNode;
  modelKeys: string[];
  capKeys: string[];
  metadataKey: string | null;
  cacheSupport: CacheSupport;
  streaming: boolean;
  batch: boolean;
  retry: RetryPolicy[];
}

const SYSTEM_KEYS = ['system', 'instructions', 'preamble', 'system_instruction', 'config.system_instruction', 'config.systemInstruction'];
const HISTORY_KEYS = ['history', 'chat_history'];
/** Keys that only take a message list: an opaque value there is a chat history, elsewhere a string. */
const LIST_KEYS = new Set(['messages', 'contents', 'requests', 'history', 'chat_history']);
const MESSAGE_KEYS = ['messages', 'contents', 'input', 'prompt', 'message', 'inputs', 'texts', 'content', 'inputText', 'requests'];

/** Turns a call shape into an `LlmCall` fact: model, prompt parts, cap, metadata, options anchor. */
export function buildCall(shape: CallShape, values: Values, resolver: Resolver, options: Options): LlmCall {
  const find = (keys: readonly string[]) => options.find(shape.sources, keys);
  const modelEntry = find(shape.modelKeys);
  const model = shape.model ?? values.model(modelEntry?.entry.value);

  const reader = new PromptReader(values, resolver, options);
  const read = (keys: readonly string[], each: (node: PyNode, key: string) => void) => {
    for (const source of shape.sources) for (const key of keys) {
      const entry = options.path(source, key);
      if (entry) each(entry.value, key);
    }
  };
  read(SYSTEM_KEYS, (node) => reader.content(node, 'system'));
  read(HISTORY_KEYS, (node) => readMessages(reader, node, resolver, options, true));
  if (shape.template) readTemplate(reader, shape.template);
  if (shape.promptNode) readMessages(reader, shape.promptNode, resolver, options, false);
  else if (!shape.template) read(MESSAGE_KEYS, (node, key) => readMessages(reader, node, resolver, options, LIST_KEYS.has(key)));
  if (shape.sources.some((s) => options.get(s, 'cache_control'))) reader.markLeadingPrefixCached();

  const cap = find(shape.capKeys);
  const capValue = cap ? values.number(cap.entry.value) : undefined;
  const metadata = shape.metadataKey ? find([shape.metadataKey]) : undefined;
  const stream = shape.sources[0] ? options.get(shape.sources[0], 'stream') : undefined;
  const fn = enclosingFunction(shape.node);

  return {
    kind: 'LlmCall',
    range: rangeOf(shape.node),
    calleeRange: rangeOf(shape.callee),
    provider: shape.provider,
    sdk: shape.sdk,
    api: shape.api,
    model,
    prompt: reader.parts,
    outputCap: cap ? { key: cap.key, value: capValue ?? null, range: rangeOf(cap.entry.value) } : null,
    outputCapKey: shape.api === 'embeddings' || shape.api === 'batch' ? null : (shape.capKeys[0] ?? null),
    cacheSupport: shape.cacheSupport,
    loop: null,
    retry: shape.retry,
    metadata: metadata ? { key: metadata.key, keys: options.keys(metadata.entry.value) ?? [], range: rangeOf(metadata.entry.value) } : null,
    metadataKey: shape.metadataKey,
    streaming: shape.streaming || (stream !== undefined && unwrap(stream.value).type === 'true'),
    batch: shape.batch,
    options: shape.options ? optionsAnchor(shape.options) : null,
    enclosingFunction: fn ? functionName(fn, resolver.text) : undefined,
  };
}

/** A prompt value: a message list, one message or content dict, a string, or LangChain template variables. */
function readMessages(reader: PromptReader, node: PyNode, resolver: Resolver, options: Options, listOnly: boolean): void {
  const value = unwrap(node);
  const init = resolver.initializer(value);
  if (value.type === 'list' || value.type === 'tuple' || (init && (unwrap(init).type === 'list' || unwrap(init).type === 'tuple'))) return reader.messages(value);
  const dict = resolver.dictionary(value);
  if (dict) {
    const keyed = { node: dict };
    if (['role', 'content', 'parts'].some((k) => options.get(keyed, k))) return reader.single(dict);
    // `chain.invoke({"question": q})`: every value fills the prompt template.
    for (const entry of options.entries(keyed)) reader.pushDynamic(entry.value, 'user', 'variable');
    return;
  }
  if (listOnly) reader.messages(value, 'user');
  else reader.content(value, 'user');
}

/**
 * Where a fix adds an option for a call's own keywords: the argument list, or a lone `**params`
 * dict when that is all there is. None when a `**kwargs` of unknown content may already hold it.
 */
export function callOptions(keyed: Keyed, resolver: Resolver): Keyed | null {
  const splats = named(keyed.node).filter((a) => a.type === 'dictionary_splat');
  const dicts = splats.map((s) => (s.children[0] ? resolver.dictionary(s.children[0]) : undefined));
  if (dicts.some((d) => d === undefined)) return null;
  if (splats.length === 1 && named(keyed.node).length === 1) return { node: dicts[0]! };
  return keyed;
}

/** Routing prefixes and model families that name a provider (LiteLLM's `anthropic/…`, `init_chat_model("openai:…")`). */
const PREFIXES: Record<string, Provider> = {
  openai: 'openai',
  azure: 'azure-openai',
  azure_openai: 'azure-openai',
  anthropic: 'anthropic',
  bedrock: 'bedrock',
  bedrock_converse: 'bedrock',
  vertex_ai: 'google',
  google_vertexai: 'google',
  google_genai: 'google',
  gemini: 'google',
  mistral: 'mistral',
  mistralai: 'mistral',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  deepseek: 'deepseek',
  xai: 'xai',
};
const FAMILIES: [RegExp, Provider][] = [
  [/^(gpt-|o\d|chatgpt|text-embedding-3|text-embedding-ada|davinci|babbage)/, 'openai'],
  [/^claude/, 'anthropic'],
  [/^(gemini|text-embedding-00|gemini-embedding)/, 'google'],
  [/^(mistral|open-mistral|codestral|ministral|pixtral|magistral)/, 'mistral'],
  [/^(command|embed-)/, 'cohere'],
  [/^deepseek/, 'deepseek'],
  [/^grok/, 'xai'],
];

/** The provider a model string names, with the id left once a `provider:` prefix is taken off. */
export function providerOfModel(model: string | null, explicit?: string): Provider {
  if (explicit && PREFIXES[explicit]) return PREFIXES[explicit];
  if (!model) return 'unknown';
  const prefix = /^([a-z_]+)[/:]/.exec(model)?.[1];
  if (prefix && PREFIXES[prefix]) return PREFIXES[prefix];
  return FAMILIES.find(([pattern]) => pattern.test(model))?.[1] ?? 'unknown';
}
