import type { Severity } from '../engine/finding';
import type { FilePolicy } from '../engine/rule';
import type { WrapperSignature } from '../languages/extractor';
import type { Catalog } from '../../pricing/catalog';
import type { Provenance } from '../estimate/cost';
import type { TeamBudget } from '../budgets/state';
import { defaultUsage, type UsageAssumptions } from '../estimate/usage';

/** A rule as configured for one file: its severity and parsed options. */
export interface RuleSettings {
  severity: Severity;
  options: unknown;
}

/** Prices older than this are flagged as stale unless the config says otherwise (`pricing.max_age_days`). */
export const DEFAULT_MAX_PRICE_AGE_DAYS = 365;

/** Everything the engine needs to lint one file: resolved from `.costlint.yaml` for that path. */
export interface LintSettings {
  /** Enabled rules only; a rule missing here is off. */
  rules: Map<string, RuleSettings>;
  usage: UsageAssumptions;
  policy: FilePolicy;
  wrappers: WrapperSignature[];
  catalog: Catalog;
  /** Percentage off list price per provider. */
  discounts: Record<string, number>;
  /** Where each discount comes from (config file and line). */
  discountSources?: Record<string, Provenance>;
  /** Scale a finding's severity with its monthly cost. */
  severityByCost?: { warningAboveMonthlyUsd?: number; errorAboveMonthlyUsd?: number };
  /** Report suppressions without a `-- reason` (strict mode). */
  requireReason: boolean;
  /** Severity of suppressions that silence nothing; `off` reports none. */
  unusedSuppressions?: Severity | 'off';
  /** Prices whose as-of date is older than this many days are flagged stale. */
  maxPriceAgeDays?: number;
  /** The file's team budget, when the caller fetched one (the engine never does). */
  budget?: TeamBudget | null;
}

export function defaultPolicy(): FilePolicy {
  return { team: null, requiredTags: ['team'], tagValues: {}, allowedModels: [], requireRequestMetadata: false };
}

export function defaultSettings(catalog: Catalog, rules: Map<string, RuleSettings>): LintSettings {
  return {
    rules,
    usage: defaultUsage(),
    policy: defaultPolicy(),
    wrappers: [],
    catalog,
    discounts: {},
    requireReason: false,
  };
}
