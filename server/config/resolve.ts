import * as path from 'node:path';
import type { Rule } from '../engine/rule';
import type { Catalog } from '../../pricing/catalog';
import type { WrapperSignature } from '../languages/extractor';
import { defaultUsage, type Assumed, type UsageAssumptions } from '../estimate/usage';
import type { Provenance } from '../estimate/cost';
import type { LoadedConfig } from './load';
import { optionsOf, severityOf } from './merge';
import { ConfigError, type ConfigProblem, type KeyPath } from './parse';
import { catalogFor, discountsOf } from './pricing';
import type { RuleSetting, SeveritySetting } from './schema';
import { DEFAULT_MAX_PRICE_AGE_DAYS, defaultSettings, type LintSettings, type RuleSettings } from './settings';
import { policyFor, teamFor } from './teams';
import { matchesGlobs } from './globs';

const matches = matchesGlobs;

/** The problem at a key path of the merged config, in the file that set it. */
function problemAt(loaded: LoadedConfig, keyPath: KeyPath, message: string): ConfigProblem {
  const origin = loaded.originOf(keyPath);
  return { file: origin?.file ?? loaded.file ?? '.costlint.yaml', line: origin?.line ?? 1, message };
}

/**
 * Rule settings already worked out, by config, rule set and the `overrides` entries a file
 * matches: the files of a run mostly match the same ones, and checking each rule's options is the
 * dear part of a file's settings. Read only, shared by those files.
 */
const resolvedRules = new WeakMap<LoadedConfig, WeakMap<readonly Rule[], Map<string, Map<string, RuleSettings>>>>();

/** Rule severities and options for one file: defaults, then `rules`, then each matching `overrides` entry (later wins). */
export function resolveRules(loaded: LoadedConfig, rules: readonly Rule[], relativePath: string): Map<string, RuleSettings> {
  const matched = (loaded.config.overrides ?? []).flatMap((override, i) => (matches(override.files, relativePath) ? [i] : []));
  let byRules = resolvedRules.get(loaded);
  if (!byRules) resolvedRules.set(loaded, (byRules = new WeakMap()));
  let byOverrides = byRules.get(rules);
  if (!byOverrides) byRules.set(rules, (byOverrides = new Map()));
  const key = matched.join(',');
  let result = byOverrides.get(key);
  if (!result) byOverrides.set(key, (result = resolveRulesWith(loaded, rules, matched)));
  return result;
}

function resolveRulesWith(loaded: LoadedConfig, rules: readonly Rule[], matched: number[]): Map<string, RuleSettings> {
  const entries = new Map<string, { severity: SeveritySetting; options: Record<string, unknown>; at: KeyPath }>();
  for (const rule of rules) entries.set(rule.id, { severity: rule.meta.defaultSeverity, options: {}, at: ['rules', rule.id] });
  const apply = (settings: Record<string, RuleSetting> | undefined, where: KeyPath) => {
    for (const [id, setting] of Object.entries(settings ?? {})) {
      const entry = entries.get(id);
      if (!entry) throw ConfigError.of([problemAt(loaded, [...where, id], `unknown rule "${id}"`)]);
      entry.severity = severityOf(setting) ?? entry.severity;
      entry.options = { ...entry.options, ...optionsOf(setting) };
      entry.at = [...where, id];
    }
  };
  apply(loaded.config.rules, ['rules']);
  for (const i of matched) apply(loaded.config.overrides![i].rules, ['overrides', i, 'rules']);
  const result = new Map<string, RuleSettings>();
  for (const rule of rules) {
    const entry = entries.get(rule.id)!;
    if (entry.severity === 'off') continue;
    const options = rule.meta.options.safeParse(entry.options);
    if (!options.success) {
      const issue = options.error.issues[0];
      const key = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      throw ConfigError.of([problemAt(loaded, [...entry.at, 'options', ...key], `${rule.id}: ${key.join('.')} ${issue.message}`.trim())]);
    }
    result.set(rule.id, { severity: entry.severity, options: options.data });
  }
  return result;
}

/** Every rule problem of a config (unknown ids, bad options) anywhere in it, for the editor. */
export function ruleProblems(loaded: LoadedConfig, rules: readonly Rule[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const check = (settings: Record<string, RuleSetting> | undefined, where: KeyPath) => {
    for (const [id, setting] of Object.entries(settings ?? {})) {
      const rule = byId.get(id);
      if (!rule) {
        problems.push(problemAt(loaded, [...where, id], `unknown rule "${id}"`));
        continue;
      }
      const options = rule.meta.options.safeParse(optionsOf(setting));
      if (!options.success) {
        const issue = options.error.issues[0];
        const key = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        problems.push(problemAt(loaded, [...where, id, 'options', ...key], `${id}: ${key.join('.')} ${issue.message}`.trim()));
      }
    }
  };
  check(loaded.config.rules, ['rules']);
  (loaded.config.overrides ?? []).forEach((override, i) => check(override.rules, ['overrides', i, 'rules']));
  return problems;
}

type UsageKey = Exclude<keyof UsageAssumptions, 'functions'>;

const USAGE_KEYS: [config: string, target: UsageKey, unit: string][] = [
  ['monthly_calls', 'monthlyCalls', 'calls/month'],
  ['dynamic_input_tokens', 'dynamicInputTokens', 'tokens per dynamic part'],
  ['file_input_tokens', 'fileInputTokens', 'tokens per file read'],
  ['history_input_tokens', 'historyInputTokens', 'tokens per history'],
  ['output_tokens', 'outputTokens', 'output tokens per call'],
  ['monthly_hours', 'monthlyHours', 'hours/month'],
];

/** Usage assumptions for a file: built-in defaults, then `usage`, then every matching `usage.files` entry (later wins). */
export function resolveUsage(loaded: LoadedConfig, relativePath: string): UsageAssumptions {
  const usage = defaultUsage();
  const config = loaded.config.usage;
  if (!config) return usage;
  const from = (keyPath: KeyPath, detail: string): Provenance => {
    const origin = loaded.originOf(['usage', ...keyPath]);
    return { kind: 'config', detail, file: origin?.file ?? loaded.file ?? undefined, line: origin?.line };
  };
  const setAll = (values: Record<string, unknown>, at: KeyPath) => {
    for (const [key, target, unit] of USAGE_KEYS) {
      const value = values[key];
      if (typeof value === 'number') usage[target] = { value, source: from([...at, key], `usage.${[...at, key].join('.')}: ${value.toLocaleString('en-US')} ${unit}`) };
    }
  };
  setAll(config, []);
  (config.files ?? []).forEach((entry, i) => {
    if (matches(entry.files, relativePath)) setAll(entry, ['files', i]);
  });
  for (const [name, entry] of Object.entries(config.functions ?? {})) {
    const assumed = (value: number | undefined, key: string, unit: string): Assumed | undefined =>
      value === undefined ? undefined : { value, source: from(['functions', name, key], `usage.functions.${name}.${key}: ${value.toLocaleString('en-US')} ${unit}`) };
    usage.functions[name] = { monthlyCalls: assumed(entry.monthly_calls, 'monthly_calls', 'calls/month'), outputTokens: assumed(entry.output_tokens, 'output_tokens', 'output tokens per call') };
  }
  return usage;
}

/** Wrappers declared twice (a base config and the repo's): the later declaration wins. */
function wrappersOf(loaded: LoadedConfig): WrapperSignature[] {
  const list = loaded.config.wrappers ?? [];
  const byName = new Map(list.map((w) => [w.name, w]));
  return list.filter((w) => byName.get(w.name) === w);
}

/** Everything the engine needs for one file under this config. */
export function settingsFor(loaded: LoadedConfig, rules: readonly Rule[], catalog: Catalog, filePath: string): LintSettings {
  const relative = path.relative(loaded.root, path.resolve(filePath)).split(path.sep).join('/');
  const config = loaded.config;
  const settings = defaultSettings(catalogFor(loaded, catalog), resolveRules(loaded, rules, relative));
  settings.usage = resolveUsage(loaded, relative);
  settings.wrappers = wrappersOf(loaded);
  const discounts = discountsOf(config.pricing?.discounts, loaded.originOf);
  settings.discounts = discounts.percent;
  settings.discountSources = discounts.sources;
  settings.policy = policyFor(loaded, teamFor(loaded, filePath)?.team ?? null);
  if (config.severity) {
    settings.severityByCost = { warningAboveMonthlyUsd: config.severity.warning_above_monthly_usd, errorAboveMonthlyUsd: config.severity.error_above_monthly_usd };
  }
  settings.requireReason = config.suppressions?.require_reason ?? false;
  settings.unusedSuppressions = config.suppressions?.unused ?? 'warning';
  settings.maxPriceAgeDays = config.pricing?.max_age_days ?? DEFAULT_MAX_PRICE_AGE_DAYS;
  return settings;
}
