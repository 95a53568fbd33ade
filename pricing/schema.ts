import { z } from 'zod';

/** A date the price was true (YYYY-MM-DD). */
const asOf = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'as_of must be YYYY-MM-DD');
const usd = z.number().nonnegative();

export const LlmModelSchema = z
  .object({
    provider: z.string().min(1),
    id: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    kind: z.enum(['chat', 'embedding']).default('chat'),
    tier: z.enum(['frontier', 'mid', 'small']),
    input_per_mtok_usd: usd,
    output_per_mtok_usd: usd,
    cache_read_per_mtok_usd: usd.optional(),
    cache_write_per_mtok_usd: usd.optional(),
    /** Fraction of the price saved by the provider's batch API (0.5 = half price). */
    batch_discount: z.number().min(0).max(1).optional(),
    context_window: z.number().int().positive().optional(),
    max_output_tokens: z.number().int().positive().optional(),
    cheaper_sibling: z.string().optional(),
    source: z.string().min(1),
    as_of: asOf,
  })
  .strict();

export const ProviderSchema = z
  .object({
    provider: z.string().min(1),
    tokenizer: z.object({ encoding: z.enum(['o200k_base', 'cl100k_base']), exact: z.boolean() }).strict(),
    tokenizer_overrides: z
      .array(z.object({ pattern: z.string(), encoding: z.enum(['o200k_base', 'cl100k_base']) }).strict())
      .default([]),
    cache: z.enum(['explicit', 'automatic', 'none']),
    min_cacheable_tokens: z.number().int().positive().optional(),
    min_cacheable_overrides: z.array(z.object({ pattern: z.string(), tokens: z.number().int().positive() }).strict()).default([]),
    batch_api: z.boolean(),
    source: z.string().min(1),
    as_of: asOf,
  })
  .strict();

export const GpuInstanceSchema = z
  .object({
    cloud: z.enum(['aws', 'gcp', 'azure']),
    instance_type: z.string().min(1),
    /** `accelerator` rows are GCP GPUs attached to any VM, priced per GPU without the VM. */
    kind: z.enum(['instance', 'accelerator']).default('instance'),
    gpu_model: z.string().min(1),
    gpu_variant: z.string().optional(),
    gpu_count: z.number().int().positive(),
    gpu_memory_gb_each: z.number().positive().optional(),
    vcpus: z.number().int().positive().optional(),
    memory_gib: z.number().positive().optional(),
    /** Missing when not sourced: estimates then fall back to the GPU's per-hour rate. */
    on_demand_hourly_usd: usd.optional(),
    region: z.string(),
    source: z.string().min(1),
    /** When the price was read; free text for catalog snapshots that record no date. */
    as_of: z.string().min(1).optional(),
  })
  .strict();

export const GpuModelSchema = z
  .object({
    gpu_model: z.string().min(1),
    /** `training`: H100/A100 class; `inference`: L4/L40S/A10G/T4 class. */
    class: z.enum(['training', 'inference']),
    on_demand_per_gpu_hour_usd: usd,
    typical_spot_discount: z.number().min(0).max(1).optional(),
    /** A cheaper GPU that serves most inference loads of this one. */
    inference_alternative: z.string().optional(),
    k8s_node_labels: z.record(z.string(), z.array(z.string())).default({}),
    notes: z.string().optional(),
    source: z.string().min(1),
    as_of: asOf,
  })
  .strict();

export const LlmModelsFileSchema = z.object({ models: z.array(LlmModelSchema) }).strict();
export const ProvidersFileSchema = z.object({ providers: z.array(ProviderSchema) }).strict();
export const GpuInstancesFileSchema = z.object({ instances: z.array(GpuInstanceSchema) }).strict();
export const GpuModelsFileSchema = z.object({ gpus: z.array(GpuModelSchema) }).strict();

export type LlmModel = z.infer<typeof LlmModelSchema>;
export type ProviderInfo = z.infer<typeof ProviderSchema>;
export type GpuInstance = z.infer<typeof GpuInstanceSchema>;
export type GpuModel = z.infer<typeof GpuModelSchema>;
