import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  GpuInstancesFileSchema,
  GpuModelsFileSchema,
  LlmModelsFileSchema,
  ProvidersFileSchema,
  type GpuInstance,
  type GpuModel,
  type LlmModel,
  type ProviderInfo,
} from './schema';

export type { GpuInstance, GpuModel, LlmModel, ProviderInfo };

export interface CatalogData {
  models: LlmModel[];
  providers: ProviderInfo[];
  instances: GpuInstance[];
  gpus: GpuModel[];
}

/** Where a row came from when it is not the shipped catalog's: a config's `pricing` entry. */
export interface RowOrigin {
  file: string;
  line?: number;
}

/** How a model id was matched to a catalog row: exact id/alias, or the nearest undated row. */
export interface ModelMatch {
  model: LlmModel;
  matchedBy: 'id' | 'alias' | 'nearest';
}

/** Routing prefixes that name a provider (`openai/gpt-5`, LiteLLM's `bedrock/…`, Gemini's `models/…`). */
const PROVIDER_PREFIXES: Record<string, string | null> = {
  openai: 'openai',
  azure: 'azure-openai',
  anthropic: 'anthropic',
  google: 'google',
  gemini: 'google',
  vertex_ai: null,
  models: 'google',
  bedrock: 'bedrock',
  mistral: 'mistral',
  mistralai: 'mistral',
  cohere: 'cohere',
  deepseek: 'deepseek',
  xai: 'xai',
};

/** Providers whose models are also sold under another provider's ids (Azure OpenAI, Claude on Vertex). */
const SHARED_ROWS: Record<string, string[]> = {
  'azure-openai': ['openai'],
  google: ['anthropic'],
  unknown: [],
};

const CROSS_REGION = /^(us|eu|apac|jp|au|ca|us-gov)\.(?=[a-z]+\.)/;
const DATE_SUFFIX = /([-@](\d{4}-\d{2}-\d{2}|\d{8}|\d{4}))$|(-v\d+(:\d+)?)$/;

export class Catalog {
  private readonly byProvider = new Map<string, Map<string, { model: LlmModel; viaAlias: boolean }>>();
  private readonly instanceByType = new Map<string, GpuInstance>();
  private readonly gpuByName = new Map<string, GpuModel>();

  /** `origins` marks rows that a config's `pricing` section added or changed, for provenance. */
  constructor(
    readonly data: CatalogData,
    private readonly origins: ReadonlyMap<object, RowOrigin> = new Map(),
  ) {
    for (const model of data.models) {
      const table = this.byProvider.get(model.provider) ?? new Map();
      this.byProvider.set(model.provider, table);
      for (const alias of model.aliases) if (!table.has(alias.toLowerCase())) table.set(alias.toLowerCase(), { model, viaAlias: true });
      table.set(model.id.toLowerCase(), { model, viaAlias: false });
    }
    for (const instance of data.instances) this.instanceByType.set(instance.instance_type.toLowerCase(), instance);
    for (const gpu of data.gpus) this.gpuByName.set(normalizeGpuName(gpu.gpu_model), gpu);
  }

  /** The row for a model id as written in code, or undefined when the catalog has no price for it. */
  findModel(provider: string, id: string): ModelMatch | undefined {
    let name = id.trim();
    let owner = provider;
    const slash = name.indexOf('/');
    if (slash > 0) {
      const prefix = name.slice(0, slash).toLowerCase();
      if (prefix in PROVIDER_PREFIXES) {
        owner = PROVIDER_PREFIXES[prefix] ?? provider;
        name = name.slice(slash + 1);
      }
    }
    const candidates = [owner, ...(SHARED_ROWS[owner] ?? [])];
    if (owner === 'unknown') candidates.push(...this.byProvider.keys());
    const keys = [name.toLowerCase(), name.toLowerCase().replace(CROSS_REGION, '')];
    for (const p of candidates) {
      const table = this.byProvider.get(p);
      for (const key of keys) {
        const hit = table?.get(key);
        if (hit) return { model: hit.model, matchedBy: hit.viaAlias ? 'alias' : 'id' };
      }
    }
    const undated = keys[1].replace(DATE_SUFFIX, '');
    if (undated !== keys[1]) {
      for (const p of candidates) {
        const hit = this.byProvider.get(p)?.get(undated);
        if (hit) return { model: hit.model, matchedBy: 'nearest' };
      }
    }
    return undefined;
  }

  /** The config entry a row comes from, when a `pricing` override added or changed it. */
  originOf(row: object): RowOrigin | undefined {
    return this.origins.get(row);
  }

  /** The catalog's cheaper sibling of a model (same provider), when it names one that exists. */
  cheaperSibling(model: LlmModel): LlmModel | undefined {
    if (!model.cheaper_sibling) return undefined;
    return this.byProvider.get(model.provider)?.get(model.cheaper_sibling.toLowerCase())?.model;
  }

  provider(provider: string): ProviderInfo | undefined {
    const name = provider === 'azure-openai' && !this.data.providers.some((p) => p.provider === provider) ? 'openai' : provider;
    return this.data.providers.find((p) => p.provider === name);
  }

  /** Smallest prompt prefix the provider caches for this model. */
  minCacheableTokens(provider: string, modelId: string): number | undefined {
    const info = this.provider(provider);
    if (!info) return undefined;
    const override = info.min_cacheable_overrides.find((o) => new RegExp(o.pattern).test(modelId));
    return override?.tokens ?? info.min_cacheable_tokens;
  }

  findInstance(instanceType: string): GpuInstance | undefined {
    return this.instanceByType.get(instanceType.trim().toLowerCase());
  }

  /** A GPU by name as written in manifests and labels: `H100`, `nvidia-tesla-a100`, `NVIDIA-A100-SXM4-80GB`, `a10g`. */
  findGpu(name: string): GpuModel | undefined {
    const direct = this.gpuByName.get(normalizeGpuName(name));
    if (direct) return direct;
    const lower = name.trim().toLowerCase();
    for (const gpu of this.data.gpus) {
      for (const values of Object.values(gpu.k8s_node_labels)) {
        if (values.some((v) => v.toLowerCase() === lower)) return gpu;
      }
    }
    return undefined;
  }

  /** The GPU model a node label value selects (`cloud.google.com/gke-accelerator: nvidia-l4`). */
  gpuForLabel(label: string, value: string): GpuModel | undefined {
    const lower = value.trim().toLowerCase();
    return this.data.gpus.find((gpu) => gpu.k8s_node_labels[label]?.some((v) => v.toLowerCase() === lower));
  }

  /** Instances of a cloud carrying a GPU model, cheapest first (for "a cheaper instance" fixes). */
  instancesWithGpu(cloud: string, gpuModel: string): GpuInstance[] {
    return this.data.instances
      .filter((i) => i.cloud === cloud && i.kind === 'instance' && i.gpu_model === gpuModel && i.on_demand_hourly_usd !== undefined)
      .sort((a, b) => (a.on_demand_hourly_usd ?? 0) - (b.on_demand_hourly_usd ?? 0));
  }
}

function normalizeGpuName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^(nvidia|tesla|amd)[-_ ]/, '')
    .replace(/^tesla[-_ ]/, '')
    .replace(/gb$/, '');
}

/** Folder holding the catalog YAML: beside this module in the sources, `../pricing` beside the bundles. */
export function catalogDir(): string {
  const here = __dirname;
  return fs.existsSync(path.join(here, 'llm-models.yaml')) ? here : path.join(here, '..', 'pricing');
}

export class CatalogError extends Error {}

function readFile<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const full = path.join(dir, file);
  const parsed = schema.safeParse(parseYaml(fs.readFileSync(full, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`${full}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads and validates the catalog files of a folder. */
export function readCatalogData(dir = catalogDir()): CatalogData {
  return {
    models: readFile(dir, 'llm-models.yaml', LlmModelsFileSchema).models,
    providers: readFile(dir, 'providers.yaml', ProvidersFileSchema).providers,
    instances: readFile(dir, 'gpu-instances.yaml', GpuInstancesFileSchema).instances,
    gpus: readFile(dir, 'gpus.yaml', GpuModelsFileSchema).gpus,
  };
}

const CATALOG_FILES = ['llm-models.yaml', 'providers.yaml', 'gpu-instances.yaml', 'gpus.yaml'];

/** The build's catalog: the YAML already parsed and validated, with the hash of the files it came from. */
export interface PrebuiltCatalog {
  sources: string;
  data: CatalogData;
}

/** One hash over the catalog files of a folder: a prebuilt catalog counts only while it matches. */
export function catalogSourcesHash(dir = catalogDir()): string {
  const hash = createHash('sha256');
  for (const file of CATALOG_FILES) hash.update(file).update('\0').update(fs.readFileSync(path.join(dir, file))).update('\0');
  return hash.digest('hex');
}

/** What the build writes beside the bundles (`dist/catalog.json`), so a start skips the YAML parse and validation. */
export function prebuildCatalog(dir = catalogDir()): PrebuiltCatalog {
  return { sources: catalogSourcesHash(dir), data: readCatalogData(dir) };
}

/** `catalog.json` beside the bundle when it was built from the YAML on disk now; otherwise the YAML itself. */
export function readShippedCatalog(prebuiltFile = path.join(__dirname, 'catalog.json'), dir = catalogDir()): CatalogData {
  try {
    const prebuilt = JSON.parse(fs.readFileSync(prebuiltFile, 'utf8')) as PrebuiltCatalog;
    if (prebuilt.sources === catalogSourcesHash(dir)) return prebuilt.data;
  } catch {
    // No prebuilt catalog (running from sources) or an unreadable one: the YAML is the truth.
  }
  return readCatalogData(dir);
}

let shipped: Catalog | undefined;

/** The shipped catalog, read once per process. */
export function defaultCatalog(): Catalog {
  shipped ??= new Catalog(readShippedCatalog());
  return shipped;
}
