import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ConfigSchema, type ConfigFile } from './schema';

export type KeyPath = (string | number)[];

/** One problem in a config file, at a 1-based line: what the editor shows as a diagnostic. */
export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * A config problem with the place it was found: the CLI prints `file:line: reason` and exits 2.
 * `problems` lists every problem found in the same pass (the first is `file:line: reason`).
 */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    problems?: ConfigProblem[],
  ) {
    super(`${file}:${line}: ${reason}`);
    this.problems = problems?.length ? problems : [{ file, line, message: reason }];
  }

  static of(problems: ConfigProblem[]): ConfigError {
    const [first] = problems;
    return new ConfigError(first.file, first.line, first.message, problems);
  }
}

/** One parsed and validated config file (or built-in preset), before `extends` are merged. */
export interface ConfigLayer {
  /** Absolute path, or the preset's name (`costlint:strict`). */
  file: string;
  config: ConfigFile;
  /** 1-based line of a key path in this file (`['usage', 'monthly_calls']`), when it is there. */
  lineOf(keyPath: KeyPath): number | undefined;
}

/** Parses and validates a config text; every problem carries the line of the offending key. */
export function parseLayer(file: string, text: string): ConfigLayer {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw ConfigError.of(doc.errors.map((error) => ({ file, line: lineCounter.linePos(error.pos[0]).line, message: error.message.split('\n')[0] })));
  }
  const lineOf = (keyPath: KeyPath) => lineInDocument(doc, lineCounter, keyPath);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ConfigError(file, 1, (error as Error).message);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw ConfigError.of(parsed.error.issues.map((issue) => problemOf(file, issue, lineOf)).sort((a, b) => a.line - b.line));
  return { file, config: parsed.data, lineOf };
}

/** A layer for data that has no file of its own (a built-in preset): validated, without lines. */
export function dataLayer(name: string, data: unknown): ConfigLayer {
  return { file: name, config: ConfigSchema.parse(data), lineOf: () => undefined };
}

function lineInDocument(doc: Document, lineCounter: LineCounter, keyPath: KeyPath): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined = node && (node as YamlNode).range ? lineCounter.linePos((node as YamlNode).range![0]).line : undefined;
  for (const key of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const at = (pair.key as YamlNode | null)?.range;
      if (at) line = lineCounter.linePos(at[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = lineCounter.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

type Issue = z.core.$ZodIssue;

/** Turns a zod issue into `path: message` at the line of the key it is about. */
function problemOf(file: string, issue: Issue, lineOf: (keyPath: KeyPath) => number | undefined): ConfigProblem {
  const deepest = innermost(issue);
  let keyPath = deepest.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = deepest.message;
  if (deepest.code === 'unrecognized_keys') {
    const [key] = deepest.keys;
    keyPath = [...keyPath, key];
    message = secretKey(key)
      ? `"${key}" cannot be set here: tokens never go in a repo file (set COSTLINT_TOKEN, or the editor's secret storage)`
      : `unknown key "${key}"${suggestion(key, knownKeys(keyPath.slice(0, -1)))}`;
  } else if (deepest.code === 'invalid_value' && 'values' in deepest) {
    message = `must be one of ${deepest.values.map((v) => String(v)).join(', ')}`;
  }
  const where = keyPath.length ? `${keyPath.join('.')}: ` : '';
  return { file, line: lineOf(keyPath) ?? 1, message: `${where}${message}` };
}

/** For a union, the branch that got furthest (a nested key) explains the problem better than "invalid input". */
function innermost(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return issue;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) if (inner.path.length && (!best || inner.path.length > best.path.length)) best = inner;
  }
  return best ? innermost({ ...best, path: [...issue.path, ...best.path] } as Issue) : issue;
}

const secretKey = (key: string) => /^(token|api[_-]?key|secret|password|authorization|bearer)$/i.test(key);

/** Keys the schema allows at a path, for "did you mean" hints. */
function knownKeys(keyPath: KeyPath): string[] {
  let schema = unwrap(ConfigSchema);
  for (const key of keyPath) {
    if (typeof key === 'number') continue; // arrays are unwrapped to their items already
    if (schema.def.type === 'record') schema = unwrap(schema.valueType);
    else if (schema.shape && key in schema.shape) schema = unwrap(schema.shape[key]);
    else return [];
  }
  return schema.shape ? Object.keys(schema.shape) : [];
}

interface SchemaLike {
  def: { type: string };
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  unwrap?: () => unknown;
}

/** Through optional, default and array wrappers to the schema that has keys. */
function unwrap(schema: unknown): SchemaLike {
  let current = schema as SchemaLike;
  for (;;) {
    if (current.def.type === 'array' && current.element) current = current.element as SchemaLike;
    else if (current.def.type !== 'object' && current.def.type !== 'record' && current.unwrap) current = current.unwrap() as SchemaLike;
    else return current;
  }
}

function suggestion(key: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` (did you mean "${best}"?)` : candidates.length ? ` (allowed: ${candidates.join(', ')})` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
