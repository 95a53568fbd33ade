import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, dataLayer, parseLayer, type ConfigLayer } from './parse';
import { PRESETS, PRESET_PREFIX } from './presets';

/** Extensions `extends` may load: data formats only, never code. */
const DATA_FILE = /\.(ya?ml|json)$/i;
const CODE_FILE = /\.(c|m)?(j|t)sx?$/i;
/** Files a config package may hold, when its package.json names none (`"costlint": "file.yaml"`). */
const PACKAGE_FILES = ['costlint.yaml', 'costlint.yml', '.costlint.yaml', 'costlint.json'];

/**
 * The layers of a config file, bases first and the file itself last: each `extends` entry (a
 * built-in preset, a relative file, or an npm package in the repo's node_modules) is loaded with
 * its own `extends` before the file that names it. A cycle is an error at the entry that closes it.
 */
export function loadLayers(file: string): ConfigLayer[] {
  return chain(path.resolve(file), []);
}

function chain(file: string, stack: readonly string[]): ConfigLayer[] {
  const layer = readLayer(file);
  const layers: ConfigLayer[] = [];
  const entries = layer.config.extends === undefined ? [] : ([] as string[]).concat(layer.config.extends);
  entries.forEach((entry, i) => {
    const line = layer.lineOf(Array.isArray(layer.config.extends) ? ['extends', i] : ['extends']) ?? 1;
    const fail = (reason: string): never => {
      throw new ConfigError(file, line, reason);
    };
    if (entry.startsWith(PRESET_PREFIX)) {
      const preset = PRESETS[entry];
      if (!preset) fail(`extends: unknown preset "${entry}" (one of: ${Object.keys(PRESETS).join(', ')})`);
      layers.push(dataLayer(entry, preset));
      return;
    }
    const target = isPath(entry) ? path.resolve(path.dirname(file), entry) : resolvePackage(entry, path.dirname(file), fail);
    if (CODE_FILE.test(target)) fail(`extends: "${entry}" is code; extends loads data only (.yaml, .yml or .json)`);
    if (!DATA_FILE.test(target)) fail(`extends: "${entry}" is not a .yaml, .yml or .json file`);
    if (target === file || stack.includes(target)) {
      const cycle = [...stack, file, target].slice([...stack, file].indexOf(target));
      fail(`extends cycle: ${cycle.map((f) => path.basename(f)).join(' → ')}`);
    }
    if (!fs.existsSync(target)) fail(`extends: ${path.relative(path.dirname(file), target) || target} does not exist`);
    layers.push(...chain(target, [...stack, file]));
  });
  layers.push(layer);
  return layers;
}

function readLayer(file: string): ConfigLayer {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, 1, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (/\.json$/i.test(file)) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new ConfigError(file, jsonErrorLine(text, error as Error), `not valid JSON: ${(error as Error).message}`);
    }
  }
  // YAML is a superset of JSON: one parser gives lines for both.
  return parseLayer(file, text);
}

const isPath = (entry: string) => entry.startsWith('./') || entry.startsWith('../') || path.isAbsolute(entry) || (!entry.startsWith('@') && DATA_FILE.test(entry) && !entry.includes('/'));

/**
 * An npm package's config, found like Node finds packages (node_modules folders from the config's
 * folder up): `@acme/costlint-config` reads the file its package.json names under `costlint`, or
 * `costlint.yaml`; `@acme/costlint-config/strict.yaml` reads that file. Nothing is executed.
 */
function resolvePackage(entry: string, from: string, fail: (reason: string) => never): string {
  const parts = entry.split('/');
  const nameLength = entry.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  if (!name || (entry.startsWith('@') && parts.length < 2)) fail(`extends: "${entry}" is not a file path, a package name or a costlint: preset`);
  for (let dir = from; ; dir = path.dirname(dir)) {
    const root = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(root, 'package.json')) || fs.existsSync(root)) return packageFile(root, entry, subpath, fail);
    if (path.dirname(dir) === dir) break;
  }
  return fail(`extends: package "${name}" is not installed (no node_modules/${name} above this config; run npm install)`);
}

function packageFile(root: string, entry: string, subpath: string, fail: (reason: string) => never): string {
  const inside = (relative: string) => {
    const full = path.resolve(root, relative);
    if (full !== root && !full.startsWith(root + path.sep)) fail(`extends: "${entry}" points outside its package`);
    return full;
  };
  if (subpath) return inside(subpath);
  let named: unknown;
  try {
    named = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { costlint?: unknown }).costlint;
  } catch {
    named = undefined;
  }
  if (typeof named === 'string') return inside(named);
  const found = PACKAGE_FILES.map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  return found ?? fail(`extends: package "${entry}" has no costlint.yaml (or a "costlint" file named in its package.json)`);
}

function jsonErrorLine(text: string, error: Error): number {
  const at = /position (\d+)/.exec(error.message);
  return at ? text.slice(0, Number(at[1])).split('\n').length : 1;
}
