import { z } from 'zod';
import { GpuInstanceSchema, GpuModelSchema, LlmModelSchema } from '../../pricing/schema';

/**
 * `.costlint.yaml`: one file a team commits, read the same by the editor and CI. The JSON schema in
 * `schemas/costlint.schema.json` is generated from this file (`npm run generate`): descriptions here
 * are what editors show on hover and completion.
 */

export const SeveritySetting = z.enum(['off', 'info', 'warning', 'error']);
export type SeveritySetting = z.infer<typeof SeveritySetting>;

const ruleOptions = z.record(z.string(), z.unknown());

/** A rule entry: a severity, or a severity with options (`[warning, { threshold: 4000 }]` or `{ severity, options }`). */
export const RuleSetting = z
  .union([
    SeveritySetting,
    z.tuple([SeveritySetting, ruleOptions]),
    z.object({ severity: SeveritySetting.optional(), options: ruleOptions.optional() }).strict(),
  ], { error: 'must be off, info, warning or error; or [severity, { options }]; or { severity, options }' })
  .describe('off, info, warning or error; or [severity, { options }]; or { severity, options }');
export type RuleSetting = z.infer<typeof RuleSetting>;

const count = z.number().int().nonnegative();
const hours = z.number().positive().max(744);
const globs = z.union([z.string(), z.array(z.string())], { error: 'must be a glob or a list of globs' }).describe('A glob or a list of globs, relative to the folder of .costlint.yaml');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

/** Per-file assumptions, usable at the top of `usage` and in each `usage.files` entry. */
const usageKeys = {
  monthly_calls: count.optional().describe('Calls per month of each LLM call site'),
  dynamic_input_tokens: count.optional().describe('Tokens assumed for each dynamic prompt part (a variable, a function result)'),
  file_input_tokens: count.optional().describe('Tokens assumed for a whole file or document read into a prompt'),
  history_input_tokens: count.optional().describe('Tokens assumed for a chat history spread into a prompt'),
  output_tokens: count.optional().describe('Typical output tokens per call when nothing caps them lower'),
  monthly_hours: hours.optional().describe('Hours per month a compute resource runs (730 = always on)'),
};

export const UsageSchema = z
  .object({
    ...usageKeys,
    files: z
      .array(z.object({ files: globs, ...usageKeys }).strict())
      .optional()
      .describe('Assumptions for files matching a glob; every matching entry applies, later entries win'),
    functions: z
      .record(
        z.string(),
        z.object({ monthly_calls: count.optional(), output_tokens: count.optional() }).strict(),
      )
      .optional()
      .describe('Assumptions by the name of the function that contains the call'),
  })
  .strict()
  .describe('Assumptions that turn per-call prices into monthly ones');

export const WrapperSchema = z
  .object({
    name: z.string().min(1).describe('Function or method name as called (`callModel`, `llm.complete`)'),
    provider: z.string().optional().describe('Provider the wrapper calls (openai, anthropic, bedrock…), when the model id does not say'),
    model: z.union([z.number().int().nonnegative(), z.string()]).optional().describe('Argument position (0-based) or option key holding the model'),
    prompt: z.union([z.number().int().nonnegative(), z.string()]).optional().describe('Argument position (0-based) or option key holding the prompt'),
    options: z.number().int().nonnegative().optional().describe('Argument position (0-based) of the options object'),
  })
  .strict();

/** A business volume (`ticket: 120000/month`): a number, or a string like `120000/month` or `120k/month`. */
export const UnitVolume = z.union(
  [z.number().positive(), z.string().regex(/^\s*\d[\d,_]*(\.\d+)?\s*[km]?\s*(\/\s*(month|mo))?\s*$/i, 'must be a monthly volume such as 120000 or 120000/month')],
  { error: 'must be a monthly volume such as 120000 or 120000/month' },
);

export const TeamSchema = z.union(
  [
  z.array(z.string()).describe('Path globs this team owns'),
  z
    .object({
      paths: z.array(z.string()).default([]).describe('Path globs this team owns'),
      required_tags: z.array(z.string()).optional().describe('Tags/labels this team’s resources and requests must carry, besides the global required_tags'),
      tags: z.record(z.string(), z.string()).optional().describe('Values written when a fix adds missing tags (`cost-center: "4410"`)'),
      allowed_models: z.array(z.string()).optional().describe('Frontier models this team chose deliberately: never a frontier-model-default finding'),
      request_metadata: z.boolean().optional().describe('LLM requests must carry the required tags as request metadata'),
      units: z.record(z.string(), UnitVolume).optional().describe('Business units per month (`ticket: 120000/month`), so costs also read per unit'),
    })
    .strict(),
  ],
  { error: 'must be a list of path globs, or { paths, required_tags, tags, allowed_models, request_metadata, units }' },
);

/** Override rows: the catalog's own schemas with only the keys that identify a row (and its provenance) required. */
function overrideRow<T extends z.ZodRawShape>(schema: z.ZodObject<T>, keys: (keyof T & string)[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(schema.shape)) {
    const field = value instanceof z.ZodDefault ? (value.unwrap() as z.ZodType) : (value as z.ZodType);
    shape[key] = keys.includes(key) ? field : field.optional();
  }
  return z.object(shape).strict();
}

export const ModelOverrideSchema = overrideRow(LlmModelSchema, ['provider', 'id', 'source', 'as_of']);
export const InstanceOverrideSchema = overrideRow(GpuInstanceSchema, ['instance_type', 'source', 'as_of']);
export const GpuOverrideSchema = overrideRow(GpuModelSchema, ['gpu_model', 'source', 'as_of']);

export const DiscountSchema = z
  .object({
    percent: z.number().min(0).max(100).describe('Percentage off list price'),
    source: z.string().min(1).describe('Where the discount comes from (contract, order form)'),
    as_of: isoDate.describe('Date the discount took effect (YYYY-MM-DD)'),
  })
  .strict();

export const PricingOverrideSchema = z
  .object({
    discounts: z.record(z.string(), DiscountSchema).optional().describe('Negotiated discounts per provider (`openai: { percent: 15, source, as_of }`)'),
    models: z.array(ModelOverrideSchema).optional().describe('Model prices: a row with a known provider/id changes those fields; a new id (fine-tuned, private) needs every price field'),
    instances: z.array(InstanceOverrideSchema).optional().describe('Instance prices: changes to catalog rows, or new instance types'),
    gpus: z.array(GpuOverrideSchema).optional().describe('Per-GPU-hour rates: self-hosted or negotiated rates, or new GPU models'),
    max_age_days: z.number().int().positive().optional().describe('Prices older than this many days are flagged as stale (default 365)'),
  })
  .strict()
  .describe('Price overrides and additions, each with source and as_of');

export const BUDGET_ADAPTERS = ['costlint', 'static', 'opencost', 'kubecost', 'openai', 'anthropic'] as const;

export const BudgetsSchema = z
  .object({
    adapter: z.enum(BUDGET_ADAPTERS).optional().describe('costlint (the vendor-neutral contract, default), static (a JSON file), opencost, kubecost, openai, anthropic'),
    url: z.url().optional().describe('Base URL of the cost API; the token is only sent when the user allows its origin'),
    file: z.string().optional().describe('A JSON file in the contract’s shape (adapter static), relative to this config'),
    teams: z.record(z.string(), z.string()).optional().describe('costlint team → the team, namespace, label value, project or workspace id the cost API knows'),
    monthly_usd: z.record(z.string(), z.number().nonnegative()).optional().describe('Monthly budget per team, for sources that report spend only (openai, anthropic, opencost, kubecost)'),
    aggregate: z.string().optional().describe('opencost/kubecost: what a team is (`namespace`, default, or `label:team`)'),
    timeout_ms: z.number().int().positive().max(60000).optional().describe('Time allowed for the cost API (default 3000)'),
  })
  .strict()
  .describe('Where team budgets come from');

export const SeverityThresholdsSchema = z
  .object({
    warning_above_monthly_usd: z.number().nonnegative().optional().describe('Findings costing more than this per month are at least warnings'),
    error_above_monthly_usd: z.number().nonnegative().optional().describe('Findings costing more than this per month are errors'),
  })
  .strict()
  .describe('Scale a finding’s severity with its monthly cost; cheaper findings become info');

export const SuppressionsSchema = z
  .object({
    require_reason: z.boolean().optional().describe('A costlint-disable comment without `-- reason` is a finding'),
    unused: SeveritySetting.optional().describe('Severity of suppressions that silence nothing (default warning)'),
  })
  .strict();

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('Configs this one builds on: costlint:recommended, costlint:strict, a relative .yaml/.json file, or an npm package in node_modules'),
    rules: z.record(z.string(), RuleSetting).optional().describe('Severity and options per rule id'),
    overrides: z
      .array(z.object({ files: globs, rules: z.record(z.string(), RuleSetting) }).strict())
      .optional()
      .describe('Rule settings for files matching globs; later entries win'),
    ignores: z.array(z.string()).optional().describe('Globs of files never linted (besides .gitignore)'),
    usage: UsageSchema.optional(),
    pricing: PricingOverrideSchema.optional(),
    teams: z.record(z.string(), TeamSchema).optional().describe('Teams by name: the paths they own and their policy; the last matching team wins'),
    codeowners: z
      .union([z.boolean(), z.record(z.string(), z.string())])
      .optional()
      .describe('Map the repo’s CODEOWNERS to teams: true (owner @org/search → team search) or { "@org/search-team": search }'),
    required_tags: z.array(z.string()).optional().describe('Tags/labels every resource must carry (default [team])'),
    wrappers: z.array(WrapperSchema).optional().describe('The team’s own functions that wrap an LLM call'),
    budgets: BudgetsSchema.optional(),
    severity: SeverityThresholdsSchema.optional(),
    suppressions: SuppressionsSchema.optional(),
  })
  .strict();

export type ConfigFile = z.infer<typeof ConfigSchema>;
export type TeamEntry = z.infer<typeof TeamSchema>;
export type BudgetsConfig = z.infer<typeof BudgetsSchema>;
