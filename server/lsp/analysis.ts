import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSource, type FileReport } from '../engine/lint';
import { diskProject } from '../engine/run';
import { ConfigError, findConfigFile, loadConfigFile, defaultConfig, settingsFor, type LoadedConfig } from '../config/load';
import type { LintSettings } from '../config/settings';
import type { TeamBudget } from '../budgets/state';
import { extractors } from '../languages';
import type { DocumentMemory } from '../languages/extractor';
import { defaultCatalog } from '../../pricing/catalog';
import { rules } from '../../rules';

/** A path for extractors when a document has no file on disk: its extension tells the language. */
const EXTENSION_OF: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
  python: '.py',
  terraform: '.tf',
  yaml: '.yaml',
  json: '.json',
};

export function pathOfUri(uri: string, languageId: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  const name = uri.replace(/^[a-z]+:/i, '').replace(/[^\w.-]+/g, '_') || 'untitled';
  return path.join(path.sep, 'untitled', path.extname(name) ? name : name + (EXTENSION_OF[languageId] ?? ''));
}

export interface ConfigProblemReport {
  file: string;
  line: number;
  message: string;
}

/** Per-document overrides the editor adds on top of `.costlint.yaml` (settings, budgets). */
export interface EditorOverrides {
  /** `costlint.usage.monthlyCalls`: replaces the built-in default, never a value the config sets. */
  monthlyCalls: number | null;
  budget?: TeamBudget | null;
}

/**
 * Configs for the server: the nearest `.costlint.yaml` of each folder, loaded once and kept until
 * a config file (or a file it extends) changes. A config with errors is reported and the last good
 * one (or the defaults) stays in force, so one typo never blanks the editor.
 */
export class ConfigCache {
  private readonly byDir = new Map<string, LoadedConfig>();
  private readonly byFile = new Map<string, LoadedConfig>();
  private readonly lastGood = new Map<string, LoadedConfig>();
  /** Problems of config files that failed to load, by file. */
  readonly problems = new Map<string, ConfigProblemReport[]>();

  configFor(dir: string): LoadedConfig {
    let config = this.byDir.get(dir);
    if (config) return config;
    const file = findConfigFile(dir);
    if (!file) config = defaultConfig(dir);
    else {
      config = this.byFile.get(file);
      if (!config) {
        try {
          config = loadConfigFile(file);
          this.problems.delete(file);
          this.lastGood.set(file, config);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          this.problems.set(file, error.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })));
          config = this.lastGood.get(file) ?? defaultConfig(path.dirname(file));
        }
        this.byFile.set(file, config);
      }
    }
    this.byDir.set(dir, config);
    return config;
  }

  /** `settingsFor` with this cache's config; a config that fails to apply falls back to the defaults, its problem recorded. */
  settingsFor(file: string): LintSettings {
    const dir = path.dirname(file);
    const config = this.configFor(dir);
    try {
      return settingsFor(config, rules, defaultCatalog(), file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const p of error.problems) this.problems.set(p.file, [...(this.problems.get(p.file) ?? []).filter((q) => q.message !== p.message), { file: p.file, line: p.line, message: p.message }]);
      return settingsFor(defaultConfig(config.root), rules, defaultCatalog(), file);
    }
  }

  /** Every file a loaded config was read from (the config and what it extends). */
  watchedFiles(): Set<string> {
    const files = new Set<string>(this.problems.keys());
    for (const config of this.byFile.values()) {
      if (config.file) files.add(config.file);
      for (const layer of config.layers) if (path.isAbsolute(layer.file)) files.add(layer.file);
    }
    return files;
  }

  /** Whether a changed file is (or could become) a config: a config name, or a file a config extends. */
  affects(file: string): boolean {
    const base = path.basename(file);
    return base === '.costlint.yaml' || base === '.costlint.yml' || this.watchedFiles().has(path.resolve(file));
  }

  clear(): void {
    this.byDir.clear();
    this.byFile.clear();
    this.problems.clear();
  }
}

/**
 * The settings for one file: its config, plus what the editor overrides. A config that loads but
 * cannot apply (an unknown rule, bad options) is reported on its file and the defaults lint on.
 */
export function editorSettings(configs: ConfigCache, file: string, overrides: EditorOverrides): LintSettings {
  const settings = configs.settingsFor(file);
  if (overrides.monthlyCalls !== null && settings.usage.monthlyCalls.source.kind === 'default') {
    settings.usage.monthlyCalls = {
      value: overrides.monthlyCalls,
      source: { kind: 'config', detail: `editor setting costlint.usage.monthlyCalls: ${overrides.monthlyCalls.toLocaleString('en-US')} calls/month` },
    };
  }
  if (overrides.budget) settings.budget = overrides.budget;
  return settings;
}

/**
 * Lints an open document's text with the engine the CLI uses (same rules, config and project view).
 * With `memory`, the document's last parse is reused where the edit allows (the typing loop).
 */
export function analyse(file: string, text: string, settings: LintSettings, memory?: DocumentMemory): FileReport {
  return lintSource({ path: file, text }, settings, rules, { project: diskProject, memory });
}

/** A report whose file did not parse and yielded nothing: the last good one is kept instead. */
export function failedToParse(report: FileReport): boolean {
  return report.errors.length > 0 && report.facts.length === 0;
}

const initialised = new Map<string, Promise<void>>();

/** Loads only the parsers a file needs (a TypeScript file never waits for the Python grammar). */
export function initExtractorsFor(file: string): Promise<void> {
  return Promise.all(
    extractors
      .filter((e) => e.handlesPath(file))
      .map((e) => {
        let ready = initialised.get(e.id);
        if (!ready) initialised.set(e.id, (ready = Promise.resolve(e.init?.())));
        return ready;
      }),
  ).then(() => undefined);
}
