import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadLayers } from './extends';
import { mergeLayers, type ConfigOrigin } from './merge';
import { ConfigError, type ConfigLayer, type KeyPath } from './parse';
import type { ConfigFile } from './schema';

export { ConfigError, type ConfigProblem } from './parse';
export { settingsFor, resolveRules, resolveUsage } from './resolve';

export const CONFIG_FILE_NAMES = ['.costlint.yaml', '.costlint.yml'];

export interface LoadedConfig {
  /** The config file, or null when none was found (defaults apply). */
  file: string | null;
  /** Folder globs in the config are relative to. */
  root: string;
  /** The merged config: presets and `extends` first, this file last. */
  config: ConfigFile;
  /** Files and presets merged into `config`, bases first (for explanations). */
  layers: readonly ConfigLayer[];
  /** The file and 1-based line that set a key path of the merged config, for provenance and errors. */
  originOf(keyPath: KeyPath): ConfigOrigin | undefined;
  /** 1-based line of a key path (in whichever file set it). */
  lineOf(keyPath: KeyPath): number | undefined;
}

/** The nearest `.costlint.yaml` at or above `start`. */
export function findConfigFile(start: string): string | null {
  let dir = path.resolve(start);
  for (;;) {
    const file = configFileIn(dir);
    if (file) return file;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** `dir`'s own `.costlint.yaml` (or `.yml`), if it has one. */
export function configFileIn(dir: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function fromLayers(file: string | null, root: string, layers: ConfigLayer[]): LoadedConfig {
  const merged = mergeLayers(layers);
  return {
    file,
    root,
    config: merged.config,
    layers,
    originOf: merged.originOf,
    lineOf: (keyPath) => merged.originOf(keyPath)?.line,
  };
}

/** Loads a config file with everything it extends. Throws `ConfigError` with the file and line of the first problem. */
export function loadConfigFile(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) throw new ConfigError(absolute, 1, 'cannot read: no such file');
  return fromLayers(absolute, path.dirname(absolute), loadLayers(absolute));
}

/** The config for a folder: its nearest `.costlint.yaml`, or defaults rooted there. */
export function loadConfigFor(start: string): LoadedConfig {
  const file = findConfigFile(start);
  if (file) return loadConfigFile(file);
  return defaultConfig(start);
}

/** No config: every default, rooted at a folder. */
export function defaultConfig(root: string): LoadedConfig {
  return fromLayers(null, path.resolve(root), []);
}
