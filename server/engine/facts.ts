import type { Value } from './edits';

/**
 * Facts: the language-neutral things extractors find and rules read.
 * Every range is a pair of UTF-16 offsets into the file text (what JS strings and LSP use).
 */

export interface Range {
  start: number;
  end: number;
}

/**
 * A place in the syntax an edit primitive can act on. `kind` tells what the extractor
 * found there; the extractor's own `SyntaxEdits` knows how to edit it.
 */
export interface Anchor {
  range: Range;
  kind: AnchorKind;
}

export type AnchorKind =
  /** A keyed container: TS object literal, Python dict, HCL block/object, YAML mapping. */
  | 'map'
  /** A call's argument list where keyword/option arguments go (Python kwargs, a TS call with no options object yet). */
  | 'call'
  /** Any single expression or scalar value that can be replaced. */
  | 'value';

export type Provider =
  | 'openai'
  | 'azure-openai'
  | 'anthropic'
  | 'google'
  | 'bedrock'
  | 'mistral'
  | 'cohere'
  | 'deepseek'
  | 'xai'
  | 'unknown';

export type LlmApi =
  | 'chat'
  | 'responses'
  | 'messages'
  | 'generate'
  | 'converse'
  | 'invoke'
  | 'embeddings'
  | 'batch';

/** Where a model id came from, strongest first. */
export type ModelSource = 'literal' | 'constant' | 'env-default' | 'config' | 'sdk-default' | 'unknown';

export interface ModelRef {
  /** The id as written (`gpt-5`, `anthropic.claude-3-haiku-20240307-v1:0`), or null when unknown. */
  value: string | null;
  source: ModelSource;
  /** The literal that holds the id (for `replaceLiteral`), when there is one in this file. */
  anchor?: Anchor;
  /** For `env-default`: the variable name. */
  envVar?: string;
}

export type PromptRole = 'system' | 'user' | 'assistant' | 'tool' | 'input' | 'unknown';

/** Why a dynamic prompt part is dynamic: decides how it is sized. */
export type DynamicSource =
  | 'variable'
  | 'call'
  /** A whole file read into the prompt (`readFileSync`, `open().read()`). */
  | 'file'
  /** A chat history or message list spread in. */
  | 'history'
  | 'unknown';

export type PromptPart =
  | {
      kind: 'static';
      role: PromptRole;
      text: string;
      range: Range;
      /** Index of the message/content block this part belongs to, in request order. */
      message: number;
      cacheMarked: boolean;
      /** Where a cache marker for this part's block goes (see `CacheSupport`). */
      anchor?: Anchor;
    }
  | {
      kind: 'dynamic';
      role: PromptRole;
      source: DynamicSource;
      /** The source text of the expression, for messages. */
      expression: string;
      range: Range;
      message: number;
    };

export interface OutputCap {
  /** The SDK's own name for the cap (`max_tokens`, `max_output_tokens`, `maxOutputTokens`, `maxTokens`…). */
  key: string;
  /** The cap when it is a number known in this file; null when computed. */
  value: number | null;
  range: Range;
}

export type LoopKind = 'for' | 'for-of' | 'for-in' | 'while' | 'do-while' | 'map' | 'for-each' | 'gather' | 'comprehension';

export interface LoopInfo {
  kind: LoopKind;
  range: Range;
  /** The loop's head (keyword and condition), a short range to report on. */
  headRange: Range;
  /** Iterates over a collection (one call per item), rather than repeating until something happens. */
  perItem: boolean;
}

/** How failed calls are retried around this call. */
export interface RetryPolicy {
  kind:
    | 'loop' // a hand-written loop that retries on error
    | 'client' // the SDK client's own maxRetries
    | 'decorator' // tenacity @retry, backoff.on_exception
    | 'library' // p-retry, async-retry
    | 'k8s-backoff'; // a Job's backoffLimit
  /** Max attempts when bounded and known; null when unbounded or unknown. */
  maxAttempts: number | null;
  /** True when nothing stops the retrying (no counter, no stop condition, Infinity). */
  unbounded: boolean;
  range: Range;
  /** Where a bound can be written (the options map, the decorator call, the loop's condition). */
  anchor?: Anchor;
  /** The SDK/library's own name for the bound (`maxRetries`, `stop`, `max_tries`, `backoffLimit`). */
  boundKey?: string;
  /** Function through which the retried call is reached, when not the loop body itself. */
  via?: string;
}

/** How the provider caches prompt prefixes for this call. */
export type CacheSupport =
  /** Explicit markers (`cache_control`, Bedrock `cachePoint`): nothing is cached unless marked. */
  | 'explicit'
  /** The provider caches long prefixes by itself (OpenAI, Gemini implicit, DeepSeek). */
  | 'automatic'
  | 'none';

export interface LlmCall {
  kind: 'LlmCall';
  /** The whole call expression. */
  range: Range;
  /** The callee (`client.chat.completions.create`), the short range findings point at. */
  calleeRange: Range;
  provider: Provider;
  /** The package the call comes from (`openai`, `@anthropic-ai/sdk`, `ai`, `anthropic`, `boto3`…). */
  sdk: string;
  api: LlmApi;
  model: ModelRef;
  prompt: PromptPart[];
  outputCap: OutputCap | null;
  /** The SDK's own output-cap argument for this API, used to add one; null if the API has none (embeddings). */
  outputCapKey: string | null;
  cacheSupport: CacheSupport;
  loop: LoopInfo | null;
  retry: RetryPolicy[];
  /** Request metadata/tags (`metadata`, `user`, `labels`, `requestMetadata`): keys present. */
  metadata: { key: string; keys: string[]; range: Range } | null;
  /** The SDK's own metadata argument for this API, when it has one. */
  metadataKey: string | null;
  streaming: boolean;
  batch: boolean;
  /** Where request options live, for adding/replacing an argument. */
  options: Anchor | null;
  /** Name of the function that contains the call, for usage by function name. */
  enclosingFunction?: string;
}

/**
 * How to set one property of a resource in its type's own schema (`capacity_type = "SPOT"` on an
 * EKS node group, `spot = true` on a GKE node pool): a fact about the resource type, like
 * `LlmCall.outputCapKey`, so rules can offer the fix without knowing the syntax.
 */
export interface ResourceField {
  /** The map the key goes in (or is replaced in). */
  anchor: Anchor;
  /** Dot path within the anchor; segments never contain dots. */
  key: string;
  value: Value;
}

export type Cloud = 'aws' | 'gcp' | 'azure' | 'kubernetes' | 'unknown';

export type ComputeKind =
  | 'vm'
  | 'launch-template'
  | 'autoscaling-group'
  | 'node-group'
  | 'node-pool'
  | 'managed-endpoint'
  | 'notebook'
  | 'k8s-workload'
  | 'karpenter-nodepool';

export type PurchaseOption = 'on-demand' | 'spot' | 'reserved' | 'unknown';

export type Purpose = 'training' | 'inference' | 'unknown';

export interface ComputeResource {
  kind: 'ComputeResource';
  range: Range;
  /** The resource's name/address (`aws_eks_node_group.gpu`, `Deployment/vllm`), short range to report on. */
  nameRange: Range;
  name: string;
  cloud: Cloud;
  computeKind: ComputeKind;
  /** Syntax-level type: `aws_instance`, `AWS::EC2::Instance`, `Deployment`, `PyTorchJob`. */
  resourceType: string;
  /** Cloud instance type / machine type / VM size, when declared. */
  instanceType: { value: string; anchor?: Anchor } | null;
  /**
   * GPUs per instance or pod: model (catalog name such as `H100`, `A100-80`) when known. `anchor`
   * is where the model is written (an accelerator type, a node-selector value) and `label` the
   * node label it is the value of, so a rule can write another GPU's value there.
   */
  gpu: { model: string | null; count: number; anchor?: Anchor; label?: string } | null;
  /** Runs to completion (a Job, a training run) rather than serving: it needs no autoscaler. */
  batch?: boolean;
  /** Instances, nodes or pod replicas. `desired` is what runs by default. */
  replicas: { desired: number | null; min: number | null; max: number | null };
  purchase: PurchaseOption;
  /** Where a purchase option is written or can be added. */
  purchaseAnchor?: Anchor;
  autoscaling: { present: boolean; min: number | null; max: number | null; anchor?: Anchor };
  purpose: { value: Purpose; hints: string[] };
  /** Writing this switches the resource to spot/preemptible capacity, when its type has such a setting. */
  spotField?: ResourceField;
  /** Writing this gives the resource autoscaling bounds that can reach zero, when its type has them. */
  autoscalingField?: ResourceField;
  tags: {
    /** Tags/labels on the resource itself (and its pod template for workloads). */
    own: Record<string, string>;
    /** Tags that reach it from elsewhere: provider `default_tags`, merged locals. */
    inherited: Record<string, string>;
    /** Where to add missing tags. */
    anchor?: Anchor;
    /** Some tags come from values not known in this file (a module variable without a default): a missing tag may be set by the caller. */
    unresolved?: boolean;
    /**
     * Places that must each carry a tag (a workload's own labels and its pod template's, since
     * cost tools attribute pods by their own labels): a tag counts only when all of them have it.
     */
    places?: { where: string; tags: Record<string, string> }[];
  };
  retry: RetryPolicy[];
}

export type Fact = LlmCall | ComputeResource;
export type FactKind = Fact['kind'];
