import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CacheSupport, LlmApi, LlmCall, ModelRef, Provider, RetryPolicy } from '../../engine/facts';
import { T, enclosingFunction, functionName, property, propertyValue, rangeOf, unwrap, type Node } from './ast';
import { PromptReader, mapAnchor, valueAnchor, type Values } from './values';
import type { Resolver } from './resolve';

/** The SDK-level description of one call site, gathered before it becomes a fact. */
export interface CallShape {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  callee: Node;
  provider: Provider;
  sdk: string;
  api: LlmApi;
  /** Request options at the call. */
  request?: TSESTree.ObjectExpression;
  /** Options given where the handle was made (client, model, chat). */
  handleOptions?: TSESTree.ObjectExpression;
  /** Options of the handles this one was made from, nearest first. */
  inheritedOptions?: TSESTree.ObjectExpression[];
  /** A prompt passed as a plain argument (`model.invoke("…")`). */
  promptArg?: Node;
  /** A model resolved elsewhere (Vercel AI SDK helpers, wrappers). */
  model?: ModelRef;
  /** The model of a handle made in another file, used when the call names none. */
  fallbackModel?: ModelRef;
  modelKeys: string[];
  capKeys: string[];
  metadataKey: string | null;
  cacheSupport: CacheSupport;
  streaming: boolean;
  batch: boolean;
  retry: RetryPolicy[];
}

const SYSTEM_KEYS = ['system', 'instructions', 'preamble', 'systemInstruction', 'config.systemInstruction'];
const MESSAGE_KEYS = ['messages', 'contents', 'input', 'prompt', 'message', 'inputs', 'texts', 'requests', 'history', 'value', 'values'];

/** Turns a call shape into an `LlmCall` fact: model, prompt parts, cap, metadata, options anchor. */
export function buildCall(shape: CallShape, values: Values, resolver: Resolver): LlmCall {
  const sources = optionSources([shape.request, shape.handleOptions, ...(shape.inheritedOptions ?? [])], resolver);
  const find = (keys: string[]): { key: string; node: Node } | undefined => {
    for (const object of sources) {
      for (const key of keys) {
        const node = propertyValue(object, key);
        if (node) return { key, node };
      }
    }
    return undefined;
  };

  const modelNode = find(shape.modelKeys);
  const model = shape.model ?? (modelNode || !shape.fallbackModel ? values.model(modelNode?.node) : shape.fallbackModel);

  const reader = new PromptReader(values, resolver);
  for (const object of sources) {
    for (const key of SYSTEM_KEYS) {
      const node = propertyValue(object, key);
      if (node) reader.content(node, 'system');
    }
  }
  for (const object of sources) {
    for (const key of MESSAGE_KEYS) {
      const node = propertyValue(object, key);
      if (node) readMessages(reader, node, resolver, LIST_KEYS.has(key));
    }
  }
  if (shape.promptArg) readPromptArgument(reader, shape.promptArg, resolver);
  if (shape.request && property(shape.request, 'cache_control')) reader.markLeadingPrefixCached();

  const cap = find(shape.capKeys);
  const capValue = cap ? values.number(cap.node) : undefined;
  const metadata = shape.metadataKey ? find([shape.metadataKey]) : undefined;
  const metadataObject = metadata ? resolver.objectLiteral(metadata.node) : undefined;
  const stream = shape.request ? propertyValue(shape.request, 'stream') : undefined;
  const options = shape.request ?? shape.handleOptions;
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
    outputCap: cap ? { key: cap.key, value: capValue ?? null, range: rangeOf(cap.node) } : null,
    outputCapKey: shape.api === 'embeddings' || shape.api === 'batch' ? null : (shape.capKeys[0] ?? null),
    cacheSupport: shape.cacheSupport,
    loop: null,
    retry: shape.retry,
    metadata: metadata
      ? {
          key: metadata.key,
          keys: metadataObject ? metadataObject.properties.flatMap((p) => (p.type === T.Property ? [keyOf(p)] : [])) : [],
          range: rangeOf(metadata.node),
        }
      : null,
    metadataKey: shape.metadataKey,
    streaming: shape.streaming || (stream?.type === T.Literal && stream.value === true),
    batch: shape.batch,
    options: options ? mapAnchor(options) : null,
    enclosingFunction: fn ? functionName(fn) : undefined,
  };
}

/** The option objects in lookup order, each followed by the constants spread into it (`{ ...defaults, model }`). */
function optionSources(objects: (TSESTree.ObjectExpression | undefined)[], resolver: Resolver): TSESTree.ObjectExpression[] {
  const out: TSESTree.ObjectExpression[] = [];
  const add = (object: TSESTree.ObjectExpression | undefined, depth: number): void => {
    if (!object || out.includes(object) || depth > 3) return;
    out.push(object);
    for (const p of object.properties) if (p.type === T.SpreadElement) add(resolver.objectLiteral(p.argument), depth + 1);
  };
  for (const object of objects) add(object, 0);
  return out;
}

function keyOf(p: TSESTree.Property): string {
  return p.key.type === T.Identifier ? p.key.name : p.key.type === T.Literal ? String(p.key.value) : '';
}

/** Keys that only take a message list: an opaque value there is a chat history, elsewhere a string. */
const LIST_KEYS = new Set(['messages', 'contents', 'requests', 'history']);

function readMessages(reader: PromptReader, node: Node, resolver: Resolver, listOnly = false): void {
  const value = unwrap(node);
  const list = value.type === T.ArrayExpression ? value : resolver.initializer(value);
  if (list && unwrap(list).type === T.ArrayExpression) return reader.messages(list);
  if (value.type === T.ObjectExpression || !listOnly) return reader.content(value, 'user');
  reader.messages(value, 'user');
}

/** A prompt given as an argument: a string, a message list, or a request object (`{ contents }`). */
function readPromptArgument(reader: PromptReader, node: Node, resolver: Resolver): void {
  const object = resolver.objectLiteral(node);
  if (object && MESSAGE_KEYS.some((k) => property(object, k))) {
    for (const key of MESSAGE_KEYS) {
      const value = property(object, key)?.value;
      if (value) readMessages(reader, value, resolver);
    }
    return;
  }
  readMessages(reader, node, resolver);
}

/** `maxRetries` on the client or the request: a bound, or none when infinite. */
export function clientRetry(options: TSESTree.ObjectExpression | undefined, key: string | undefined, values: Values): RetryPolicy[] {
  if (!options || !key) return [];
  const prop = property(options, key);
  if (!prop) return [];
  const attempts = values.number(prop.value);
  return [
    {
      kind: 'client',
      maxAttempts: attempts === undefined || !Number.isFinite(attempts) ? null : attempts,
      unbounded: attempts !== undefined && (!Number.isFinite(attempts) || attempts >= Number.MAX_SAFE_INTEGER),
      range: rangeOf(prop),
      anchor: valueAnchor(prop.value),
      boundKey: key,
    },
  ];
}
