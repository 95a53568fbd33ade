import type { ConfigFile, RuleSetting, SeveritySetting } from './schema';
import type { ConfigLayer, KeyPath } from './parse';

/** Where a merged value came from: the layer's file and the line of its key. */
export interface ConfigOrigin {
  file: string;
  line?: number;
}

export interface MergedConfig {
  config: ConfigFile;
  /** The file and line that set a key path of the merged config (`['usage', 'files', 2, 'monthly_calls']`). */
  originOf(keyPath: KeyPath): ConfigOrigin | undefined;
}

/** Lists that accumulate across `extends` (base entries first); every other list is replaced. */
const CONCAT = new Set(['overrides', 'ignores', 'usage.files', 'pricing.models', 'pricing.instances', 'pricing.gpus', 'wrappers']);
/** Maps whose entries are replaced whole by a later layer (a team is one decision, not a merge). */
const REPLACE_ENTRIES = new Set(['teams']);

/**
 * Merges layers in order (bases first, the repo's own file last): later layers win key by key,
 * the lists in `CONCAT` accumulate, and a rule's severity and options merge separately so a
 * file can raise a preset's severity and keep its options (ESLint's rule).
 */
export function mergeLayers(layers: readonly ConfigLayer[]): MergedConfig {
  const origins = new Map<string, { layer: number; path: KeyPath }>();
  const record = (target: KeyPath, layer: number, source: KeyPath, value: unknown) => {
    origins.set(key(target), { layer, path: source });
    if (Array.isArray(value)) value.forEach((item, i) => record([...target, i], layer, [...source, i], item));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) record([...target, k], layer, [...source, k], v);
  };

  const merged: Record<string, unknown> = {};
  layers.forEach((layer, index) => {
    const { extends: _, ...config } = layer.config;
    mergeInto(merged, config as Record<string, unknown>, [], index, record);
  });
  return {
    config: merged as ConfigFile,
    originOf(keyPath) {
      for (let n = keyPath.length; n >= 0; n--) {
        const hit = origins.get(key(keyPath.slice(0, n)));
        if (!hit) continue;
        const layer = layers[hit.layer];
        const local = [...hit.path, ...keyPath.slice(n)];
        return { file: layer.file, line: layer.lineOf(local) };
      }
      return undefined;
    },
  };
}

type Recorder = (target: KeyPath, layer: number, source: KeyPath, value: unknown) => void;

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, at: KeyPath, layer: number, record: Recorder): void {
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const keyPath = [...at, name];
    const dotted = keyPath.join('.');
    const current = target[name];
    if (dotted === 'rules' || (at[0] === 'overrides' && name === 'rules' && at.length === 2)) {
      target[name] = mergeRules((current as Record<string, RuleSetting>) ?? {}, value as Record<string, RuleSetting>, keyPath, layer, record);
    } else if (CONCAT.has(dotted) && Array.isArray(value)) {
      const base = Array.isArray(current) ? current : [];
      value.forEach((item, i) => record([...keyPath, base.length + i], layer, [...keyPath, i], item));
      target[name] = [...base, ...value];
    } else if (isObject(value) && isObject(current) && !REPLACE_ENTRIES.has(at.join('.'))) {
      const copy = { ...current };
      mergeInto(copy, value, keyPath, layer, record);
      target[name] = copy;
    } else {
      target[name] = value;
      record(keyPath, layer, keyPath, value);
    }
  }
}

/** A later setting's severity replaces the earlier one; its options are laid over the earlier ones. */
function mergeRules(base: Record<string, RuleSetting>, next: Record<string, RuleSetting>, at: KeyPath, layer: number, record: Recorder) {
  const out: Record<string, RuleSetting> = { ...base };
  for (const [id, setting] of Object.entries(next)) {
    const before = base[id];
    const severity = severityOf(setting) ?? (before === undefined ? undefined : severityOf(before));
    const options = { ...(before === undefined ? {} : optionsOf(before)), ...optionsOf(setting) };
    out[id] = { ...(severity ? { severity } : {}), ...(Object.keys(options).length ? { options } : {}) };
    record([...at, id], layer, [...at, id], setting);
  }
  return out;
}

export function severityOf(setting: RuleSetting): SeveritySetting | undefined {
  if (typeof setting === 'string') return setting;
  if (Array.isArray(setting)) return setting[0];
  return setting.severity;
}

export function optionsOf(setting: RuleSetting): Record<string, unknown> {
  if (typeof setting === 'string') return {};
  if (Array.isArray(setting)) return setting[1];
  return setting.options ?? {};
}

const key = (keyPath: KeyPath) => JSON.stringify(keyPath);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
