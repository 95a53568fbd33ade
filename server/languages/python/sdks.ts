import type { CacheSupport, LlmApi, Provider } from '../../engine/facts';
import { CLIENTS } from './clients';

/**
 * What the Python extractor knows of each SDK, as data: the qualified names that build clients,
 * the method paths on a client that are paid calls, and the SDK's own keyword names.
 */

export interface MethodSpec {
  api: LlmApi;
  /** Where request options are: the call's keyword arguments, the handle's (a LangChain model's constructor), or both. */
  request: 'call' | 'handle' | 'call+handle';
  /** Positional parameters by keyword name (`invoke(input)`, `send_message(message)`). */
  positional?: Record<string, number>;
  streaming?: boolean;
  batch?: boolean;
  /** Output-cap keywords for this method when they differ from the client's. */
  capKeys?: string[];
  /** Bedrock InvokeModel: the request is the provider's own JSON, in `body=json.dumps({...})`. */
  body?: boolean;
}

export interface ClientSpec {
  id: string;
  /** The package the client comes from, reported as `sdk`. */
  sdk: string;
  provider: Provider;
  /** Qualified names (`openai.OpenAI`) or patterns that build this client when called. */
  constructors: (string | RegExp)[];
  /** A module that is itself a client (`openai.chat.completions.create(…)`, `litellm.completion(…)`). */
  moduleClient?: string;
  /** Constructor positional parameters by keyword name (`GenerativeModel("gemini-…")`). */
  positional?: Record<string, number>;
  /** Method paths (dot-joined) that make a paid call; '' is the handle called directly. */
  methods: Record<string, MethodSpec>;
  /** Method paths that return another handle; its options are that call's keyword arguments. */
  handles?: Record<string, string>;
  /** Methods that return the same client (`with_options`, `bind_tools`). */
  passthrough?: string[];
  /** Path segments that lead back to the same client (`with_raw_response`, `aio`). */
  transparent?: string[];
  /** Keywords holding the model id, first wins (dot paths for nested options). */
  modelKeys: string[];
  /** Output-cap keywords, first is the one a fix adds (dot path within the options). */
  capKeys: string[];
  metadataKey: string | null;
  cacheSupport: CacheSupport;
  /** Keyword bounding the SDK's automatic retries (a dot path: botocore's `config.retries.max_attempts`). */
  retryKey?: string;
  /** The provider is named by the model string (`anthropic/claude-…`, `openai:gpt-4o`, `model_provider=`). */
  providerFromModel?: boolean;
  /** boto3: a client only for this service name. */
  service?: string;
  /** Which of a handle's option lists (its own first, then its parents') a fix writes to; default 0. */
  optionsIndex?: number;
}

export { CLIENTS };
export const CLIENT_BY_ID = new Map(CLIENTS.map((c) => [c.id, c]));

/** The client a qualified name builds when called. */
export function findConstructor(qualified: string): ClientSpec | undefined {
  return CLIENTS.find((c) => c.constructors.some((k) => (typeof k === 'string' ? k === qualified : k.test(qualified))));
}

/** A module-level call (`openai.chat.completions.create`, `litellm.completion`): the client and method path. */
export function findModuleMethod(qualified: string): { spec: ClientSpec; path: string } | undefined {
  for (const spec of CLIENTS) {
    if (!spec.moduleClient || !qualified.startsWith(`${spec.moduleClient}.`)) continue;
    const path = qualified.slice(spec.moduleClient.length + 1);
    if (spec.methods[path]) return { spec, path };
  }
  return undefined;
}

/** Retry decorators and helpers: the keyword bounding them, and how they read. */
export const RETRY_DECORATORS: Record<string, { kind: 'tenacity' | 'backoff' }> = {
  'tenacity.retry': { kind: 'tenacity' },
  'tenacity.Retrying': { kind: 'tenacity' },
  'tenacity.AsyncRetrying': { kind: 'tenacity' },
  'backoff.on_exception': { kind: 'backoff' },
  'backoff.on_predicate': { kind: 'backoff' },
};

/** The prefilter: a file that imports none of these (and calls no configured wrapper) holds no LLM call… */
export const SDK_IMPORT = /^[ \t]*(?:from|import)[ \t]+(?:openai|anthropic|google|boto3|litellm|langchain\w*|mistralai|cohere)\b/m;
/** …unless it calls a client made in another module of the project (`from .clients import claude`). */
export const SDK_CALL = /\.(?:chat\.completions|responses|messages|embeddings|models)\.\w+\(|\.(?:generate_content\w*|send_message\w*|converse\w*|invoke_model\w*|a?invoke|a?completion|chat|complete)\(/;
