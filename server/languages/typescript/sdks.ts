import type { CacheSupport, LlmApi, Provider } from '../../engine/facts';

/**
 * What the TS/JS extractor knows of each SDK, as data: which exports create clients, which
 * method paths on a client are paid calls, and the SDK's own option names.
 */

export interface MethodSpec {
  api: LlmApi;
  /** Where request options are: the first argument object, or the handle's constructor options. */
  request: 'arg0' | 'handle' | 'arg0+handle';
  /** For handles called with a prompt (`model.invoke("…")`, `generateContent("…")`): that argument is the prompt. */
  promptArg?: number;
  streaming?: boolean;
  batch?: boolean;
  /** Output-cap option names for this method when they differ from the client's. */
  capKeys?: string[];
}

export interface ClientSpec {
  id: string;
  /** The package the client comes from, reported as `sdk`. */
  sdk: string;
  provider: Provider;
  /** Exports that construct this client: `new OpenAI()`, or called as a factory. */
  constructors: { module: string; name: string; via: 'new' | 'call' }[];
  /** Method paths (dot-joined) that make a paid call. */
  methods: Record<string, MethodSpec>;
  /** Method paths that return another handle; its options are the call's first argument. */
  handles?: Record<string, string>;
  /** Method paths that return the same client (`withStructuredOutput`, `bind`). */
  passthrough?: string[];
  /** Option names holding the model id, first wins. */
  modelKeys: string[];
  /** Output-cap option names, first is the one a fix adds (dot path within the options). */
  capKeys: string[];
  metadataKey: string | null;
  cacheSupport: CacheSupport;
  /** Client option bounding the SDK's automatic retries. */
  retryKey?: string;
}

const OPENAI_CHAT: MethodSpec = { api: 'chat', request: 'arg0' };

const openaiMethods: Record<string, MethodSpec> = {
  'chat.completions.create': OPENAI_CHAT,
  'chat.completions.parse': OPENAI_CHAT,
  'chat.completions.stream': { ...OPENAI_CHAT, streaming: true },
  'chat.completions.runTools': OPENAI_CHAT,
  'beta.chat.completions.parse': OPENAI_CHAT,
  'beta.chat.completions.stream': { ...OPENAI_CHAT, streaming: true },
  'beta.chat.completions.runTools': OPENAI_CHAT,
  'completions.create': { ...OPENAI_CHAT, capKeys: ['max_tokens'] },
  'responses.create': { api: 'responses', request: 'arg0', capKeys: ['max_output_tokens'] },
  'responses.parse': { api: 'responses', request: 'arg0', capKeys: ['max_output_tokens'] },
  'responses.stream': { api: 'responses', request: 'arg0', streaming: true, capKeys: ['max_output_tokens'] },
  'embeddings.create': { api: 'embeddings', request: 'arg0' },
  'batches.create': { api: 'batch', request: 'arg0', batch: true },
};

const anthropicMethods: Record<string, MethodSpec> = {
  'messages.create': { api: 'messages', request: 'arg0' },
  'messages.stream': { api: 'messages', request: 'arg0', streaming: true },
  'messages.parse': { api: 'messages', request: 'arg0' },
  'beta.messages.create': { api: 'messages', request: 'arg0' },
  'beta.messages.stream': { api: 'messages', request: 'arg0', streaming: true },
  'beta.messages.parse': { api: 'messages', request: 'arg0' },
  'beta.messages.toolRunner': { api: 'messages', request: 'arg0' },
  'messages.batches.create': { api: 'batch', request: 'arg0', batch: true },
  'beta.messages.batches.create': { api: 'batch', request: 'arg0', batch: true },
};

const langchainMethods: Record<string, MethodSpec> = {
  invoke: { api: 'chat', request: 'handle', promptArg: 0 },
  stream: { api: 'chat', request: 'handle', promptArg: 0, streaming: true },
  batch: { api: 'chat', request: 'handle' },
  call: { api: 'chat', request: 'handle', promptArg: 0 },
  predict: { api: 'chat', request: 'handle', promptArg: 0 },
  generate: { api: 'chat', request: 'handle', promptArg: 0 },
  streamEvents: { api: 'chat', request: 'handle', promptArg: 0, streaming: true },
};

const langchain = (id: string, module: string, name: string, provider: Provider, capKeys: string[]): ClientSpec => ({
  id,
  sdk: module,
  provider,
  constructors: [{ module, name, via: 'new' }],
  methods: langchainMethods,
  passthrough: ['withStructuredOutput', 'bind', 'bindTools', 'withRetry', 'withConfig', 'withFallbacks'],
  modelKeys: ['model', 'modelName', 'modelId'],
  capKeys,
  metadataKey: null,
  cacheSupport: provider === 'anthropic' || provider === 'bedrock' ? 'explicit' : 'automatic',
  retryKey: 'maxRetries',
});

export const CLIENTS: ClientSpec[] = [
  {
    id: 'openai',
    sdk: 'openai',
    provider: 'openai',
    constructors: [
      { module: 'openai', name: 'default', via: 'new' },
      { module: 'openai', name: 'OpenAI', via: 'new' },
    ],
    methods: openaiMethods,
    modelKeys: ['model'],
    capKeys: ['max_completion_tokens', 'max_tokens', 'max_output_tokens'],
    metadataKey: 'metadata',
    cacheSupport: 'automatic',
    retryKey: 'maxRetries',
  },
  {
    id: 'azure-openai',
    sdk: 'openai',
    provider: 'azure-openai',
    constructors: [{ module: 'openai', name: 'AzureOpenAI', via: 'new' }],
    methods: openaiMethods,
    modelKeys: ['model', 'deployment'],
    capKeys: ['max_completion_tokens', 'max_tokens', 'max_output_tokens'],
    metadataKey: 'metadata',
    cacheSupport: 'automatic',
    retryKey: 'maxRetries',
  },
  {
    id: 'anthropic',
    sdk: '@anthropic-ai/sdk',
    provider: 'anthropic',
    constructors: [
      { module: '@anthropic-ai/sdk', name: 'default', via: 'new' },
      { module: '@anthropic-ai/sdk', name: 'Anthropic', via: 'new' },
      { module: '@anthropic-ai/vertex-sdk', name: 'AnthropicVertex', via: 'new' },
      { module: '@anthropic-ai/vertex-sdk', name: 'default', via: 'new' },
    ],
    methods: anthropicMethods,
    modelKeys: ['model'],
    capKeys: ['max_tokens'],
    metadataKey: 'metadata',
    cacheSupport: 'explicit',
    retryKey: 'maxRetries',
  },
  {
    id: 'anthropic-bedrock',
    sdk: '@anthropic-ai/bedrock-sdk',
    provider: 'bedrock',
    constructors: [
      { module: '@anthropic-ai/bedrock-sdk', name: 'AnthropicBedrock', via: 'new' },
      { module: '@anthropic-ai/bedrock-sdk', name: 'default', via: 'new' },
    ],
    methods: anthropicMethods,
    modelKeys: ['model'],
    capKeys: ['max_tokens'],
    metadataKey: 'metadata',
    cacheSupport: 'explicit',
    retryKey: 'maxRetries',
  },
  {
    id: 'google-genai',
    sdk: '@google/genai',
    provider: 'google',
    constructors: [{ module: '@google/genai', name: 'GoogleGenAI', via: 'new' }],
    methods: {
      'models.generateContent': { api: 'generate', request: 'arg0' },
      'models.generateContentStream': { api: 'generate', request: 'arg0', streaming: true },
      'models.embedContent': { api: 'embeddings', request: 'arg0' },
      'batches.create': { api: 'batch', request: 'arg0', batch: true },
    },
    handles: { 'chats.create': 'google-genai-chat' },
    modelKeys: ['model'],
    capKeys: ['config.maxOutputTokens'],
    metadataKey: 'config.labels',
    cacheSupport: 'automatic',
  },
  {
    id: 'google-genai-chat',
    sdk: '@google/genai',
    provider: 'google',
    constructors: [],
    methods: {
      sendMessage: { api: 'generate', request: 'arg0+handle' },
      sendMessageStream: { api: 'generate', request: 'arg0+handle', streaming: true },
    },
    modelKeys: ['model'],
    capKeys: ['config.maxOutputTokens'],
    metadataKey: null,
    cacheSupport: 'automatic',
  },
  {
    id: 'google-generative-ai',
    sdk: '@google/generative-ai',
    provider: 'google',
    constructors: [{ module: '@google/generative-ai', name: 'GoogleGenerativeAI', via: 'new' }],
    methods: {},
    handles: { getGenerativeModel: 'google-generative-model' },
    modelKeys: ['model'],
    capKeys: ['generationConfig.maxOutputTokens'],
    metadataKey: null,
    cacheSupport: 'automatic',
  },
  {
    id: 'google-generative-model',
    sdk: '@google/generative-ai',
    provider: 'google',
    constructors: [],
    methods: {
      generateContent: { api: 'generate', request: 'handle', promptArg: 0 },
      generateContentStream: { api: 'generate', request: 'handle', promptArg: 0, streaming: true },
      embedContent: { api: 'embeddings', request: 'handle', promptArg: 0 },
      batchEmbedContents: { api: 'embeddings', request: 'handle' },
    },
    handles: { startChat: 'google-generative-chat' },
    modelKeys: ['model'],
    capKeys: ['generationConfig.maxOutputTokens'],
    metadataKey: null,
    cacheSupport: 'automatic',
  },
  {
    id: 'google-generative-chat',
    sdk: '@google/generative-ai',
    provider: 'google',
    constructors: [],
    methods: {
      sendMessage: { api: 'generate', request: 'handle', promptArg: 0 },
      sendMessageStream: { api: 'generate', request: 'handle', promptArg: 0, streaming: true },
    },
    modelKeys: ['model'],
    capKeys: ['generationConfig.maxOutputTokens'],
    metadataKey: null,
    cacheSupport: 'automatic',
  },
  {
    id: 'mistral',
    sdk: '@mistralai/mistralai',
    provider: 'mistral',
    constructors: [
      { module: '@mistralai/mistralai', name: 'Mistral', via: 'new' },
      { module: '@mistralai/mistralai', name: 'default', via: 'new' },
    ],
    methods: {
      'chat.complete': { api: 'chat', request: 'arg0' },
      'chat.stream': { api: 'chat', request: 'arg0', streaming: true },
      'chat.parse': { api: 'chat', request: 'arg0' },
      'fim.complete': { api: 'chat', request: 'arg0' },
      // Agents run a model configured server-side (agentId): billed, model unknown here.
      'agents.complete': { api: 'chat', request: 'arg0' },
      'agents.stream': { api: 'chat', request: 'arg0', streaming: true },
      'embeddings.create': { api: 'embeddings', request: 'arg0' },
      'batch.jobs.create': { api: 'batch', request: 'arg0', batch: true },
    },
    modelKeys: ['model'],
    capKeys: ['maxTokens'],
    metadataKey: null,
    cacheSupport: 'none',
  },
  {
    id: 'cohere',
    sdk: 'cohere-ai',
    provider: 'cohere',
    constructors: [
      { module: 'cohere-ai', name: 'CohereClient', via: 'new' },
      { module: 'cohere-ai', name: 'CohereClientV2', via: 'new' },
    ],
    methods: {
      chat: { api: 'chat', request: 'arg0' },
      chatStream: { api: 'chat', request: 'arg0', streaming: true },
      generate: { api: 'chat', request: 'arg0' },
      embed: { api: 'embeddings', request: 'arg0' },
    },
    modelKeys: ['model'],
    capKeys: ['maxTokens'],
    metadataKey: null,
    cacheSupport: 'none',
  },
  langchain('langchain-openai', '@langchain/openai', 'ChatOpenAI', 'openai', ['maxTokens', 'maxCompletionTokens']),
  langchain('langchain-azure-openai', '@langchain/openai', 'AzureChatOpenAI', 'azure-openai', ['maxTokens']),
  langchain('langchain-anthropic', '@langchain/anthropic', 'ChatAnthropic', 'anthropic', ['maxTokens']),
  langchain('langchain-google-genai', '@langchain/google-genai', 'ChatGoogleGenerativeAI', 'google', ['maxOutputTokens']),
  langchain('langchain-vertexai', '@langchain/google-vertexai', 'ChatVertexAI', 'google', ['maxOutputTokens']),
  langchain('langchain-bedrock', '@langchain/aws', 'ChatBedrockConverse', 'bedrock', ['maxTokens']),
  langchain('langchain-mistral', '@langchain/mistralai', 'ChatMistralAI', 'mistral', ['maxTokens']),
  langchain('langchain-cohere', '@langchain/cohere', 'ChatCohere', 'cohere', ['maxTokens']),
];

export const CLIENT_BY_ID = new Map(CLIENTS.map((c) => [c.id, c]));

/** Bedrock runtime commands: the request object is the command's constructor argument. */
export const BEDROCK_COMMANDS: Record<string, MethodSpec> = {
  ConverseCommand: { api: 'converse', request: 'arg0' },
  ConverseStreamCommand: { api: 'converse', request: 'arg0', streaming: true },
  InvokeModelCommand: { api: 'invoke', request: 'arg0' },
  InvokeModelWithResponseStreamCommand: { api: 'invoke', request: 'arg0', streaming: true },
};
export const BEDROCK_MODULE = '@aws-sdk/client-bedrock-runtime';
export const BEDROCK_CONVERSE = {
  modelKeys: ['modelId'],
  capKeys: ['inferenceConfig.maxTokens'],
  metadataKey: 'requestMetadata',
};

/** Vercel AI SDK functions that call a model, and the provider packages whose helpers name one. */
export const AI_SDK_MODULE = 'ai';
export const AI_SDK_FUNCTIONS: Record<string, MethodSpec> = {
  generateText: { api: 'generate', request: 'arg0' },
  streamText: { api: 'generate', request: 'arg0', streaming: true },
  generateObject: { api: 'generate', request: 'arg0' },
  streamObject: { api: 'generate', request: 'arg0', streaming: true },
  embed: { api: 'embeddings', request: 'arg0' },
  embedMany: { api: 'embeddings', request: 'arg0' },
};
export const AI_SDK_CAP_KEYS = ['maxOutputTokens', 'maxTokens'];
export const AI_SDK_PROVIDERS: Record<string, Provider> = {
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/azure': 'azure-openai',
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/google': 'google',
  '@ai-sdk/google-vertex': 'google',
  '@ai-sdk/amazon-bedrock': 'bedrock',
  '@ai-sdk/mistral': 'mistral',
  '@ai-sdk/cohere': 'cohere',
  '@ai-sdk/deepseek': 'deepseek',
  '@ai-sdk/xai': 'xai',
  // The AI Gateway names the provider in the model id (`anthropic/claude-sonnet-4.5`).
  '@ai-sdk/gateway': 'unknown',
};

/** Retry libraries: their option bounding attempts, and the one that makes them endless. */
export const RETRY_LIBRARIES: Record<string, { names: string[]; boundKey: string; forever?: string; defaultRetries: number }> = {
  'p-retry': { names: ['default', 'pRetry'], boundKey: 'retries', forever: 'forever', defaultRetries: 10 },
  'async-retry': { names: ['default'], boundKey: 'retries', defaultRetries: 10 },
  'exponential-backoff': { names: ['backOff'], boundKey: 'numOfAttempts', defaultRetries: 10 },
};

/** Last segments of every paid method path (`create`, `invoke`, `generateContent`…), for the prefilter. */
/** Every method path a client or model handle is called with (`chat.completions.create`, `invoke`). */
export const SDK_METHOD_PATHS = [...new Set(CLIENTS.flatMap((c) => Object.keys(c.methods)))];

/** Text for a regular expression that matches `text` literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Every module whose import makes a file worth parsing (the prefilter looks for these). */
export const SDK_MODULES = [
  ...new Set([
    ...CLIENTS.flatMap((c) => c.constructors.map((k) => k.module)),
    BEDROCK_MODULE,
    AI_SDK_MODULE,
    ...Object.keys(AI_SDK_PROVIDERS),
  ]),
];

/** The SDK modules in quotes, for the prefilters' regular expressions: `['"](?:openai|…)['"]`. */
export const QUOTED_SDK_MODULE = `['"](?:${SDK_MODULES.map(escapeRegExp).join('|')})['"]`;
/**
 * An SDK named as a module (`from 'openai'`, `import('openai')`, `require("openai")`) on a line
 * that is not a comment: SDKs' own sources say 'openai' everywhere, and their doc comments show imports.
 */
export const SDK_IMPORT = new RegExp(`^(?![ \\t]*(?:\\*|//))[^\\n]*\\b(?:from|import|require)\\s*\\(?\\s*${QUOTED_SDK_MODULE}`, 'm');
