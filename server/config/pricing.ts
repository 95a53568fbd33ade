import type { z } from 'zod';
import { Catalog, type CatalogData, type RowOrigin } from '../../pricing/catalog';
import { GpuInstanceSchema, GpuModelSchema, LlmModelSchema } from '../../pricing/schema';
import type { Provenance } from '../estimate/cost';
import { ConfigError, type ConfigProblem, type KeyPath } from './parse';
import type { ConfigOrigin } from './merge';

/** What the pricing section needs from a loaded config. */
export interface PricingSource {
  file: string | null;
  config: { pricing?: { models?: object[]; instances?: object[]; gpus?: object[] } };
  originOf(keyPath: KeyPath): ConfigOrigin | undefined;
}

const built = new WeakMap<PricingSource, WeakMap<Catalog, Catalog>>();

/**
 * The catalog a config prices with: the shipped rows, with `pricing.models/instances/gpus` entries
 * laid over the row they name (only the keys they set) or added as new rows, each validated by the
 * catalog's own schema. Rows from the config remember their file and line for provenance.
 * Built once per config and base catalog.
 */
export function catalogFor(loaded: PricingSource, base: Catalog): Catalog {
  const pricing = loaded.config.pricing;
  if (!pricing?.models?.length && !pricing?.instances?.length && !pricing?.gpus?.length) return base;
  let perBase = built.get(loaded);
  if (!perBase) built.set(loaded, (perBase = new WeakMap()));
  const cached = perBase.get(base);
  if (cached) return cached;
  const { catalog, problems } = overlay(loaded, base);
  if (problems.length) throw ConfigError.of(problems);
  perBase.set(base, catalog);
  return catalog;
}

/** Every problem of the pricing section, for the editor's diagnostics on the config file. */
export function pricingProblems(loaded: PricingSource, base: Catalog): ConfigProblem[] {
  return overlay(loaded, base).problems;
}

function overlay(loaded: PricingSource, base: Catalog): { catalog: Catalog; problems: ConfigProblem[] } {
  const pricing = loaded.config.pricing ?? {};
  const data: CatalogData = { ...base.data, models: [...base.data.models], instances: [...base.data.instances], gpus: [...base.data.gpus] };
  const origins = new Map<object, RowOrigin>();
  const problems: ConfigProblem[] = [];
  const apply = <T extends object>(section: 'models' | 'instances' | 'gpus', rows: T[], schema: z.ZodType<T>, sameRow: (a: T, b: Record<string, unknown>) => boolean) => {
    (pricing[section] ?? []).forEach((entry, i) => {
      const at = loaded.originOf(['pricing', section, i]);
      const change = entry as Record<string, unknown>;
      const index = rows.findIndex((row) => sameRow(row, change));
      const parsed = schema.safeParse(index >= 0 ? { ...rows[index], ...change } : change);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const key = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const where = loaded.originOf(['pricing', section, i, ...key]) ?? at;
        const what = index >= 0 ? issue.message : `${issue.message} (a new ${section === 'models' ? 'model' : section === 'gpus' ? 'GPU' : 'instance type'} needs every price field)`;
        problems.push({ file: where?.file ?? loaded.file ?? '.costlint.yaml', line: where?.line ?? 1, message: `pricing.${section}[${i}]${key.length ? `.${key.join('.')}` : ''}: ${what}` });
        return;
      }
      if (index >= 0) rows[index] = parsed.data;
      else rows.push(parsed.data);
      origins.set(parsed.data, { file: at?.file ?? loaded.file ?? '.costlint.yaml', line: at?.line });
    });
  };
  const lower = (value: unknown) => String(value ?? '').toLowerCase();
  apply('models', data.models, LlmModelSchema, (row, change) => row.provider === change.provider && lower(row.id) === lower(change.id));
  apply('instances', data.instances, GpuInstanceSchema, (row, change) => lower(row.instance_type) === lower(change.instance_type) && (change.cloud === undefined || row.cloud === change.cloud));
  apply('gpus', data.gpus, GpuModelSchema, (row, change) => lower(row.gpu_model) === lower(change.gpu_model));
  return { catalog: new Catalog(data, origins), problems };
}

/** Percentage off list per provider, and where each came from. */
export function discountsOf(
  discounts: Record<string, { percent: number; source: string; as_of: string }> | undefined,
  originOf: (keyPath: KeyPath) => ConfigOrigin | undefined,
): { percent: Record<string, number>; sources: Record<string, Provenance> } {
  const percent: Record<string, number> = {};
  const sources: Record<string, Provenance> = {};
  for (const [provider, discount] of Object.entries(discounts ?? {})) {
    const at = originOf(['pricing', 'discounts', provider, 'percent']);
    percent[provider] = discount.percent;
    sources[provider] = { kind: 'pricing-override', detail: `pricing.discounts.${provider}: ${discount.percent}% off list (${discount.source})`, asOf: discount.as_of, file: at?.file, line: at?.line };
  }
  return { percent, sources };
}
