import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintSource, type FileReport } from './lint';
import { listFiles, readSourceFile, isSkipped, DEFAULT_MAX_FILE_BYTES, type SkippedFile } from './files';
import type { Rule } from './rule';
import { findConfigFile, loadConfigFile, loadConfigFor, settingsFor, type LoadedConfig } from '../config/load';
import type { LintSettings } from '../config/settings';
import { initExtractors } from '../languages';
import type { ProjectView } from '../languages/extractor';
import { defaultCatalog, type Catalog } from '../../pricing/catalog';
import { rules as allRules } from '../../rules';
import type { BudgetState } from '../budgets/state';
import { recordingProject, type LintCache } from '../cache';

export interface RunOptions {
  cwd: string;
  paths: readonly string[];
  /** An explicit config file (`--config`); otherwise the nearest `.costlint.yaml` above `cwd`. */
  configFile?: string;
  maxFileBytes?: number;
  today?: string;
  rules?: readonly Rule[];
  catalog?: Catalog;
  /** Called after each file, for progress output. */
  onFile?: (done: number, total: number) => void;
  /** Team budgets fetched by the caller (the engine does no network IO), for `over-budget`. */
  budgets?: ReadonlyMap<string, BudgetState>;
  /** `--require-reason`: a suppression without a reason is a finding, whatever the config says. */
  requireReason?: boolean;
  /** `--cache`: reuse reports of files whose inputs did not change. */
  cache?: LintCache;
}

export interface RunResult {
  reports: FileReport[];
  skipped: SkippedFile[];
  /** The config of `cwd` (or `--config`): where `ignores` and the run's own settings come from. */
  config: LoadedConfig;
}

/** Reads files from disk for extractors that look beyond one file (a Terraform module's siblings). */
export const diskProject: ProjectView = {
  listDir(dir) {
    try {
      return fs.readdirSync(dir).map((name) => path.join(dir, name));
    } catch {
      return [];
    }
  },
  readText(file) {
    const result = readSourceFile(file);
    return isSkipped(result) ? undefined : result.text;
  },
};

/** Each file gets the `.costlint.yaml` nearest to it (one lookup per folder, one load per file), unless `--config` names one. */
function nearestConfig(explicit: LoadedConfig | undefined): (dir: string) => LoadedConfig {
  const byDir = new Map<string, LoadedConfig>();
  const byFile = new Map<string, LoadedConfig>();
  return (dir) => {
    if (explicit) return explicit;
    let config = byDir.get(dir);
    if (!config) {
      const file = findConfigFile(dir);
      config = file ? (byFile.get(file) ?? loadConfigFile(file)) : loadConfigFor(dir);
      if (file) byFile.set(file, config);
      byDir.set(dir, config);
    }
    return config;
  };
}

/** Lints files and folders the way `costlint check` does: one config, every candidate file, in order. */
export async function lintPaths(options: RunOptions): Promise<RunResult> {
  const explicit = options.configFile ? loadConfigFile(path.resolve(options.cwd, options.configFile)) : undefined;
  const config = explicit ?? loadConfigFor(options.cwd);
  const configOf = nearestConfig(explicit);
  const rules = options.rules ?? allRules;
  const catalog = options.catalog ?? defaultCatalog();
  await initExtractors();
  const ignores = config.config.ignores ?? [];
  const { files, skipped } = listFiles(options.paths, { cwd: config.root, ignores });
  const reports: FileReport[] = [];
  // The run is one change: each file's cost adds to what earlier files of its team added.
  const pendingByTeam = new Map<string, number>();
  files.forEach((file, i) => {
    const source = readSourceFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (isSkipped(source)) skipped.push(source);
    else {
      const settings = settingsFor(configOf(path.dirname(file)), rules, catalog, file);
      if (options.requireReason) settings.requireReason = true;
      const team = settings.policy.team;
      const state = team ? options.budgets?.get(team) : undefined;
      if (team && state) settings.budget = { team, state, pendingMonthly: pendingByTeam.get(team) ?? 0 };
      const report = lintCached(file, source.text, settings, rules, options);
      if (team) pendingByTeam.set(team, (pendingByTeam.get(team) ?? 0) + report.estimates.reduce((sum, e) => sum + (e.monthly ?? 0), 0));
      reports.push(report);
    }
    options.onFile?.(i + 1, files.length);
  });
  options.cache?.save();
  return { reports, skipped, config };
}

/** Lints one file, or takes its report from the cache when nothing it depends on changed. */
function lintCached(file: string, text: string, settings: LintSettings, rules: readonly Rule[], options: RunOptions): FileReport {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!options.cache) return lintSource({ path: file, text }, settings, rules, { project: diskProject, today });
  const key = options.cache.keyOf(file, text, settings, { today, rules: rules.map((r) => r.id) });
  const cached = options.cache.lookup(file, key, text, diskProject);
  if (cached) return cached;
  const { project, deps } = recordingProject(diskProject);
  const report = lintSource({ path: file, text }, settings, rules, { project, today });
  options.cache.store(file, key, report, deps);
  return report;
}
