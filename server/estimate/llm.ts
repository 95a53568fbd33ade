import type { DynamicSource, LlmCall, PromptPart } from '../engine/facts';
import type { Catalog, LlmModel } from '../../pricing/catalog';
import { CostComponent, Estimate, type Assumption, type Provenance } from './cost';
import { countTokens, type Encoding } from './tokens';
import type { Assumed, UsageAnnotation, UsageAssumptions } from './usage';

const PER_MTOK = 1e-6;

export interface LlmEstimateInput {
  call: LlmCall;
  catalog: Catalog;
  usage: UsageAssumptions;
  annotation?: UsageAnnotation;
  /** Price the call as if changed: another model, another cap, or exactly this many output tokens (worst cases). */
  change?: { model?: string; outputCap?: number; outputTokens?: number };
  /** Percentage off list per provider (config `pricing.discounts`). */
  discounts?: Record<string, number>;
  /** Where each discount came from (the config line), shown with the estimate. */
  discountSources?: Record<string, Provenance>;
}

export function encodingFor(catalog: Catalog, provider: string, modelId: string | null): { encoding: Encoding; exact: boolean } {
  const info = catalog.provider(provider);
  if (!info) return { encoding: 'o200k_base', exact: false };
  const override = modelId ? info.tokenizer_overrides.find((o) => new RegExp(o.pattern).test(modelId)) : undefined;
  return { encoding: override?.encoding ?? info.tokenizer.encoding, exact: info.tokenizer.exact };
}

/** Sizes of the prompt: static text counted, dynamic parts assumed. */
export function promptTokens(
  parts: readonly PromptPart[],
  encoding: Encoding,
  usage: UsageAssumptions,
  annotation?: UsageAnnotation,
): { staticTokens: number; dynamicTokens: number; exact: boolean; perPart: number[]; assumptions: Assumption[] } {
  let staticTokens = 0;
  let dynamicTokens = 0;
  let exact = true;
  const perPart: number[] = [];
  const used = new Map<string, Assumed>();
  for (const part of parts) {
    if (part.kind === 'static') {
      const counted = countTokens(part.text, encoding);
      exact &&= counted.exact;
      staticTokens += counted.tokens;
      perPart.push(counted.tokens);
    } else {
      const [name, assumed] = dynamicAssumption(part.source, usage, annotation);
      used.set(name, assumed);
      dynamicTokens += assumed.value;
      perPart.push(assumed.value);
    }
  }
  const assumptions = [...used].map(([name, a]) => ({ name, value: a.value, source: a.source }));
  return { staticTokens, dynamicTokens, exact, perPart, assumptions };
}

function dynamicAssumption(source: DynamicSource, usage: UsageAssumptions, annotation?: UsageAnnotation): [string, Assumed] {
  if (annotation?.dynamicInputTokens !== undefined) {
    return ['Tokens per dynamic prompt part', { value: annotation.dynamicInputTokens, source: annotated(annotation, 'dynamic_input_tokens') }];
  }
  if (source === 'file') return ['Tokens per file read into the prompt', usage.fileInputTokens];
  if (source === 'history') return ['Tokens per chat history', usage.historyInputTokens];
  return ['Tokens per dynamic prompt part', usage.dynamicInputTokens];
}

function annotated(annotation: UsageAnnotation, key: string): Provenance {
  return { kind: 'annotation', detail: `costlint-usage ${key} on line ${annotation.line}`, line: annotation.line };
}

function catalogSource(catalog: Catalog, model: LlmModel, matchedBy: string): Provenance {
  const how = matchedBy === 'nearest' ? ' (nearest undated row)' : '';
  const origin = catalog.originOf(model);
  const detail = `${model.provider}/${model.id}${how}: ${model.source}`;
  return origin ? { kind: 'pricing-override', detail, asOf: model.as_of, file: origin.file, line: origin.line } : { kind: 'catalog', detail, asOf: model.as_of };
}

/** Monthly call volume for a call: annotation, then config by function, then config default. */
export function monthlyCalls(call: LlmCall, usage: UsageAssumptions, annotation?: UsageAnnotation): Assumed {
  if (annotation?.monthlyCalls !== undefined) return { value: annotation.monthlyCalls, source: annotated(annotation, 'monthly_calls') };
  const byFunction = call.enclosingFunction ? usage.functions[call.enclosingFunction]?.monthlyCalls : undefined;
  return byFunction ?? usage.monthlyCalls;
}

/** Prices one LLM call per call and per month, with every input's provenance. */
export function estimateLlmCall(input: LlmEstimateInput): Estimate {
  const { call, catalog, usage, annotation, change } = input;
  const modelId = change?.model ?? call.model.value;
  const notes: string[] = [];
  const assumptions: Assumption[] = [];
  const match = modelId ? catalog.findModel(call.provider, modelId) : undefined;
  if (!modelId) notes.push('model unknown: set it where the call can see it, or pin it with a literal');
  else if (!match) notes.push(`no price for model ${modelId}; add it under pricing overrides`);
  const model = match?.model;

  const { encoding, exact: tokenizerExact } = encodingFor(catalog, model?.provider ?? call.provider, model?.id ?? modelId);
  const prompt = promptTokens(call.prompt, encoding, usage, annotation);
  assumptions.push(...prompt.assumptions);
  let inputTokens = prompt.staticTokens + prompt.dynamicTokens;
  let inputSource: Provenance = {
    kind: 'counted',
    detail:
      `${prompt.staticTokens} static tokens counted with ${encoding}` +
      (tokenizerExact && prompt.exact ? '' : ' (approximate)') +
      (prompt.dynamicTokens ? ` + ${prompt.dynamicTokens} assumed for dynamic parts` : ''),
  };
  if (annotation?.inputTokens !== undefined) {
    inputTokens = annotation.inputTokens;
    inputSource = annotated(annotation, 'input_tokens');
  }

  const output =
    change?.outputTokens !== undefined
      ? { tokens: change.outputTokens, name: 'Output tokens (worst case)', source: { kind: 'default' as const, detail: `${change.outputTokens} output tokens` } }
      : outputTokens(call, usage, annotation, change?.outputCap);
  if ('assumption' in output && output.assumption) assumptions.push(output.assumption);

  const cached = Math.min(cachedPrefixTokens(call, catalog, model, prompt.perPart), inputTokens);
  const percentOff = model ? (input.discounts?.[model.provider] ?? 0) : 0;
  const discount = 1 - percentOff / 100;
  if (percentOff > 0) {
    const source = input.discountSources?.[model!.provider] ?? { kind: 'config' as const, detail: `pricing.discounts.${model!.provider}: ${percentOff}% off list` };
    assumptions.push({ name: 'Negotiated discount (%)', value: percentOff, source });
  }
  const batch = call.batch && model?.batch_discount ? 1 - model.batch_discount : 1;
  const scale = discount * batch;
  if (batch !== 1) assumptions.push({ name: 'Batch discount', value: model!.batch_discount!, source: catalogSource(catalog, model!, match!.matchedBy) });

  const price = (perMtok: number | undefined) => (perMtok === undefined ? null : perMtok * PER_MTOK * scale);
  const source = model ? catalogSource(catalog, model, match!.matchedBy) : { kind: 'default' as const, detail: 'no catalog row' };
  const components: CostComponent[] = [
    CostComponent.of('Input tokens', 'token', inputTokens - cached, model ? price(model.input_per_mtok_usd) : null, { ...source, detail: `${inputSource.detail}; price ${source.detail}` }),
  ];
  if (cached > 0) {
    components.push(CostComponent.of('Cached input tokens', 'token', cached, price(model?.cache_read_per_mtok_usd ?? model?.input_per_mtok_usd), source));
  }
  if (call.api !== 'embeddings') {
    components.push(CostComponent.of(output.name, 'token', output.tokens, model ? price(model.output_per_mtok_usd) : null, output.source));
  }
  const perCall = model ? Estimate.total(components) : null;
  const calls = monthlyCalls(call, usage, annotation);
  assumptions.push({ name: 'Calls per month', value: calls.value, source: calls.source });
  return {
    subject: 'call',
    components,
    perCall,
    hourly: null,
    monthly: perCall === null ? null : perCall * calls.value,
    price: model ? { id: `${model.provider}/${model.id}`, source: model.source, asOf: model.as_of } : null,
    assumptions,
    notes,
    tokens: {
      input: inputTokens,
      staticInput: prompt.staticTokens,
      dynamicInput: prompt.dynamicTokens,
      output: output.tokens,
      cachedInput: cached,
      perPart: prompt.perPart,
    },
  };
}

function outputTokens(
  call: LlmCall,
  usage: UsageAssumptions,
  annotation: UsageAnnotation | undefined,
  capOverride: number | undefined,
): { tokens: number; name: string; source: Provenance; assumption?: Assumption } {
  if (call.api === 'embeddings') return { tokens: 0, name: 'Output tokens', source: { kind: 'declared', detail: 'embeddings have no output' } };
  const cap = capOverride ?? call.outputCap?.value ?? null;
  const byFunction = call.enclosingFunction ? usage.functions[call.enclosingFunction]?.outputTokens : undefined;
  const typical: Assumed =
    annotation?.outputTokens !== undefined
      ? { value: annotation.outputTokens, source: annotated(annotation, 'output_tokens') }
      : (byFunction ?? usage.outputTokens);
  if (cap !== null && cap < typical.value) {
    const key = call.outputCap?.key ?? call.outputCapKey ?? 'cap';
    return { tokens: cap, name: 'Output tokens (cap)', source: { kind: 'declared', detail: `${key}: ${cap}` } };
  }
  return {
    tokens: typical.value,
    name: 'Output tokens',
    source: typical.source,
    assumption: { name: 'Output tokens per call', value: typical.value, source: typical.source },
  };
}

/**
 * Input tokens read from the provider's cache on a warm call: the static prefix up to the last
 * cache marker (explicit providers), or the leading static prefix once it passes the provider's
 * minimum (automatic providers).
 */
function cachedPrefixTokens(call: LlmCall, catalog: Catalog, model: LlmModel | undefined, perPart: number[]): number {
  if (!model || model.cache_read_per_mtok_usd === undefined) return 0;
  const min = catalog.minCacheableTokens(model.provider, model.id) ?? Infinity;
  let prefix = 0;
  if (call.cacheSupport === 'explicit') {
    let marked = 0;
    call.prompt.forEach((part, i) => {
      prefix += perPart[i];
      if (part.kind === 'static' && part.cacheMarked) marked = prefix;
    });
    return marked >= min ? marked : 0;
  }
  if (call.cacheSupport === 'automatic') {
    for (let i = 0; i < call.prompt.length && call.prompt[i].kind === 'static'; i++) prefix += perPart[i];
    return prefix >= min ? prefix : 0;
  }
  return 0;
}
