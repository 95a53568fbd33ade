import * as path from 'node:path';
import type { Rule } from '../engine/rule';
import type { Catalog } from '../../pricing/catalog';
import { defaultConfig, findConfigFile, loadConfigFile, type LoadedConfig } from './load';
import { ConfigError, type ConfigProblem } from './parse';
import { pricingProblems } from './pricing';
import { ruleProblems } from './resolve';

/** A config file's problems as the editor shows them: per file, 1-based lines. */
export interface FileProblems {
  file: string;
  problems: { line: number; message: string }[];
}

/**
 * Every problem of a config and the files it extends: YAML syntax, schema, extends, unknown rules,
 * rule options, pricing rows. Empty when the config is fine. Never throws.
 */
export function configProblems(configFile: string, rules: readonly Rule[], catalog: Catalog): FileProblems[] {
  return group(collect(configFile, rules, catalog).problems);
}

/**
 * The config for a folder, or, when it is broken, the defaults (rooted at the broken file's folder)
 * and its problems: the editor keeps linting with defaults and shows the problems on the config file.
 */
export function loadConfigOrDefaults(start: string, rules: readonly Rule[], catalog: Catalog, explicitFile?: string): { loaded: LoadedConfig; problems: FileProblems[] } {
  const file = explicitFile ?? findConfigFile(start);
  if (!file) return { loaded: defaultConfig(start), problems: [] };
  const { loaded, problems } = collect(file, rules, catalog);
  return problems.length ? { loaded: defaultConfig(path.dirname(path.resolve(file))), problems: group(problems) } : { loaded: loaded!, problems: [] };
}

function collect(configFile: string, rules: readonly Rule[], catalog: Catalog): { loaded?: LoadedConfig; problems: ConfigProblem[] } {
  let loaded: LoadedConfig;
  try {
    loaded = loadConfigFile(configFile);
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    return { problems: [{ file: path.resolve(configFile), line: 1, message: (error as Error).message }] };
  }
  return { loaded, problems: [...ruleProblems(loaded, rules), ...pricingProblems(loaded, catalog)] };
}

function group(problems: readonly ConfigProblem[]): FileProblems[] {
  const byFile = new Map<string, FileProblems>();
  for (const problem of problems) {
    const entry = byFile.get(problem.file) ?? { file: problem.file, problems: [] };
    entry.problems.push({ line: problem.line, message: problem.message });
    byFile.set(problem.file, entry);
  }
  return [...byFile.values()];
}
