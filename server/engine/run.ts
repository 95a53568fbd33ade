import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintSource, type FileReport } from './lint';
import { listFiles, readSourceFile, isSkipped, DEFAULT_MAX_FILE_BYTES, type SkippedFile } from './files';
import { LineIndex } from './source-file';
import { isPoolWorker, poolInput, runPool, servePool } from './pool';
import type { Rule } from './rule';
import { configFileIn, defaultConfig, loadConfigFile, loadConfigFor, settingsFor, type LoadedConfig } from '../config/load';
import type { LintSettings } from '../config/settings';
import { forgetProjectFiles, initExtractors } from '../languages';
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
  /** Worker threads (`--threads`); by default several for large scans, one otherwise. */
  threads?: number;
  /** The script worker threads start (the CLI passes its loader, dist/cli.js); default: this bundle. */
  workerScript?: string;
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

/**
 * Each file gets the `.costlint.yaml` nearest to it (each folder looked in once, each file loaded
 * once), unless `--config` names one.
 */
function nearestConfig(explicit: LoadedConfig | undefined): (dir: string) => LoadedConfig {
  const byDir = new Map<string, LoadedConfig>();
  const byFile = new Map<string, LoadedConfig>();
  const fileAbove = new Map<string, string | null>();
  const nearestFile = (dir: string): string | null => {
    let file = fileAbove.get(dir);
    if (file === undefined) {
      const parent = path.dirname(dir);
      file = configFileIn(dir) ?? (parent === dir ? null : nearestFile(parent));
      fileAbove.set(dir, file);
    }
    return file;
  };
  return (dir) => {
    if (explicit) return explicit;
    let config = byDir.get(dir);
    if (!config) {
      const file = nearestFile(path.resolve(dir));
      config = file ? (byFile.get(file) ?? loadConfigFile(file)) : defaultConfig(dir);
      if (file) byFile.set(file, config);
      byDir.set(dir, config);
    }
    return config;
  };
}

/** Lints files and folders the way `costlint check` does: one config, every candidate file, in order. */
export async function lintPaths(options: RunOptions): Promise<RunResult> {
  // A run reads the files as they are now, not as an earlier run in this process found them.
  forgetProjectFiles();
  const explicit = options.configFile ? loadConfigFile(path.resolve(options.cwd, options.configFile)) : undefined;
  const config = explicit ?? loadConfigFor(options.cwd);
  const ignores = config.config.ignores ?? [];
  const { files, skipped } = listFiles(options.paths, { cwd: config.root, ignores });
  const threads = threadsFor(options, files.length);
  if (threads > 1) {
    await initExtractors(files);
    const lint = fileLinter(options, explicit);
    const input: WorkerInput = { cwd: options.cwd, configFile: options.configFile, maxFileBytes: options.maxFileBytes, today: options.today, requireReason: options.requireReason };
    const results = await runPool<WorkerInput, WorkerResult>(options.workerScript ?? __filename, files, input, threads, (file) => asWorkerResult(lint(file)), (done) => options.onFile?.(done, files.length));
    const reports: FileReport[] = [];
    for (const result of results) {
      if ('skipped' in result) skipped.push(result.skipped);
      else reports.push({ ...result.report, lines: result.lines ?? (result.text ? new LineIndex(result.text) : NO_TEXT) });
    }
    return { reports, skipped, config };
  }
  await initExtractors(files);
  const lint = fileLinter(options, explicit);
  const reports: FileReport[] = [];
  // The run is one change: each file's cost adds to what earlier files of its team added.
  const pendingByTeam = new Map<string, number>();
  files.forEach((file, i) => {
    const result = lint(file, pendingByTeam);
    if ('reason' in result) skipped.push(result);
    else {
      const team = result.team;
      if (team) pendingByTeam.set(team, (pendingByTeam.get(team) ?? 0) + result.estimates.reduce((sum, e) => sum + (e.monthly ?? 0), 0));
      reports.push(placesNothing(result) ? { ...result, lines: NO_TEXT } : result);
    }
    options.onFile?.(i + 1, files.length);
  });
  options.cache?.save();
  return { reports, skipped, config };
}

/** Lints one file, or takes its report from the cache when nothing it depends on changed. */
function lintCached(file: string, text: string, settings: LintSettings, rules: readonly Rule[], options: Omit<RunOptions, 'paths'>): FileReport {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!options.cache) return lintSource({ path: file, text }, settings, rules, { project: diskProject, today });
  const key = options.cache.keyOf(file, text, settings, { today, rules: rules.map((r) => r.id) });
  const cached = options.cache.lookup(file, key, text, diskProject);
  if (cached) return cached;
  const { project, deps } = recordingProject(diskProject);
  // Answers kept from other files' lints would spare this one the reads its cache entry must list.
  forgetProjectFiles();
  const report = lintSource({ path: file, text }, settings, rules, { project, today });
  options.cache.store(file, key, report, deps);
  return report;
}

/** One file: read, resolve its settings, lint. */
function fileLinter(options: Omit<RunOptions, 'paths'>, explicit: LoadedConfig | undefined) {
  const configOf = nearestConfig(explicit);
  const rules = options.rules ?? allRules;
  const catalog = options.catalog ?? defaultCatalog();
  return (file: string, pendingByTeam?: ReadonlyMap<string, number>): FileReport | SkippedFile => {
    const source = readSourceFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (isSkipped(source)) return source;
    const settings = settingsFor(configOf(path.dirname(file)), rules, catalog, file);
    if (options.requireReason) settings.requireReason = true;
    const team = settings.policy.team;
    const state = team ? options.budgets?.get(team) : undefined;
    if (team && state) settings.budget = { team, state, pendingMonthly: pendingByTeam?.get(team) ?? 0 };
    return lintCached(file, source.text, settings, rules, options);
  };
}

/** Scans this large are split across worker threads when `threads` is not given… */
export const AUTO_THREADS_MIN_FILES = 400;
/**
 * …on machines with this many cores: each worker loads the bundle and warms up on its own, and
 * V8's background threads (garbage collection, compilation) already use part of a second core,
 * so on two cores a second thread gains next to nothing (twice the bench corpus: 1.70 s on one
 * thread, 1.66 s on two).
 */
export const AUTO_THREADS_MIN_CORES = 4;

/**
 * Worker threads pay off for large scans only, and only from the bundle (a worker loads the
 * bundle again). Budgets make files depend on earlier files of their team, and custom rules,
 * catalogs and the `--cache` store cannot cross a thread: those runs stay on one thread.
 */
function threadsFor(options: RunOptions, files: number): number {
  if (!__filename.endsWith('.js') || options.rules || options.catalog || options.budgets?.size || options.cache) return 1;
  const cores = os.availableParallelism();
  const wanted = options.threads ?? (files >= AUTO_THREADS_MIN_FILES && cores >= AUTO_THREADS_MIN_CORES ? Math.min(cores, 4) : 1);
  return Math.max(1, Math.min(wanted, Math.ceil(files / 50)));
}

interface WorkerInput {
  cwd: string;
  configFile?: string;
  maxFileBytes?: number;
  today?: string;
  requireReason?: boolean;
}

/** A report crosses the thread boundary as plain data; its line index is rebuilt from the text (kept as is when linted on the main thread). */
type WorkerResult = { skipped: SkippedFile } | { report: Omit<FileReport, 'lines'>; text: string; lines?: LineIndex };

function asWorkerResult(result: FileReport | SkippedFile, keepLines = true): WorkerResult {
  if ('reason' in result) return { skipped: result };
  const { lines, ...report } = result;
  return { report, text: placesNothing(result) ? '' : lines.text, lines: keepLines ? lines : undefined };
}

/**
 * A report with nothing to place in its file (no finding, fact or error) needs no text: a scan
 * would otherwise hold every file it read until the end.
 */
function placesNothing(report: FileReport): boolean {
  return !report.findings.length && !report.suppressed.length && !report.facts.length && !report.errors.length && !report.unusedSuppressions.length;
}
const NO_TEXT = new LineIndex('');

if (isPoolWorker()) {
  const input = poolInput<WorkerInput>();
  const explicit = input.configFile ? loadConfigFile(path.resolve(input.cwd, input.configFile)) : undefined;
  const lint = fileLinter(input, explicit);
  servePool<WorkerResult>(initExtractors, (file) => asWorkerResult(lint(file), false));
}
