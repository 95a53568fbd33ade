import * as path from 'node:path';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { ModelRef } from '../../engine/facts';
import type { ProjectView } from '../extractor';
import { Bindings } from './bindings';
import { SDK_MODULES } from './sdks';
import { Resolver, type Sym } from './resolve';
import { Values } from './values';

/** How many files deep a chain of re-exports is followed (`index.ts` → `clients.ts` → …). */
const MAX_NESTING = 3;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** A project file's own import (`./llm`, `../lib/clients.js`) rather than a package. */
export const isRelative = (module: string): boolean => module.startsWith('./') || module.startsWith('../');

/**
 * The project's own modules, read through the project view: `import { client } from './llm'`
 * finds the client made once in `llm.ts`. Handles cross files stripped of the other file's nodes
 * (ranges are per file), carrying only what was read there: the model id and where it came from.
 */
export class Modules {
  /** By gate and module specifier: what `load` found. */
  private readonly parsed = new Map<string, Loaded | null>();

  constructor(
    private readonly file: string,
    private readonly project: ProjectView,
    private readonly nesting = 0,
  ) {}

  /** What the export `name` of `module` (relative to this file) stands for, as far as the SDKs are concerned. */
  resolve(module: string, name: string): Sym | undefined {
    const loaded = this.load(module, MAY_EXPORT_SDK_VALUES);
    if (!loaded) return undefined;
    const sym = loaded.resolver.exported(name);
    if (!sym) return undefined;
    if (sym.kind === 'handle') {
      const model = loaded.values.handleModel(sym);
      return { kind: 'handle', spec: sym.spec, path: sym.path, foreignModel: model.value === null && model.source === 'unknown' ? undefined : foreign(model) };
    }
    if (sym.kind === 'ai-model') return { kind: 'ai-model', provider: sym.provider, foreignModel: sym.idNode ? foreign(loaded.values.model(sym.idNode)) : sym.foreignModel };
    return sym;
  }

  /** A model id exported as a constant (`export const MODEL = process.env.X ?? 'gpt-5'`), read in its own file. */
  model(module: string, name: string, members: string[]): ModelRef | undefined {
    const loaded = this.load(module, MAY_EXPORT_CONSTANTS);
    if (!loaded) return undefined;
    const node = loaded.resolver.exportedValue(name, members);
    if (!node) {
      for (const next of loaded.resolver.reexportsOf(name)) {
        const model = loaded.modules.model(next.module, next.name, members);
        if (model) return model;
      }
      return undefined;
    }
    const model = loaded.values.model(node);
    return model.value === null ? undefined : foreign(model);
  }

  /** The first candidate file that exists; parsed only when its text passes `gate` (most project files cannot hold a client). */
  private load(module: string, gate: RegExp): Loaded | undefined {
    const key = `${gate.source}\u0000${module}`;
    if (!this.parsed.has(key)) this.parsed.set(key, this.nesting >= MAX_NESTING ? null : this.find(module, gate));
    return this.parsed.get(key) ?? undefined;
  }

  private find(module: string, gate: RegExp): Loaded | null {
    for (const candidate of candidates(path.resolve(path.dirname(this.file), module))) {
      const text = this.project.readText(candidate);
      if (text === undefined) continue;
      return gate.test(text) && text.length <= MAX_MODULE_SIZE ? loadModule(candidate, text, this.project, this.nesting + 1) : null;
    }
    return null;
  }
}

interface Loaded {
  modules: Modules;
  resolver: Resolver;
  values: Values;
}

/** `./llm` → llm.ts, llm.js, llm/index.ts…; ESM's `./llm.js` also names the `llm.ts` it compiles from. */
function candidates(base: string): string[] {
  const ext = path.extname(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const files = ext && EXTENSIONS.includes(ext) ? [base, ...EXTENSIONS.map((e) => stem + e)] : EXTENSIONS.map((e) => base + e);
  return [...new Set([...files, ...EXTENSIONS.map((e) => path.join(base, `index${e}`))])];
}

/** A file worth parsing for a client or model: it imports an SDK, or passes on another file's exports. */
const MAY_EXPORT_SDK_VALUES = new RegExp(`(?:\\bfrom|\\brequire\\s*\\(|\\bimport\\s*\\()\\s*['"](?:${SDK_MODULES.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})['"]|\\bexport\\b[^;]*\\bfrom\\b`);
/** A file that may export a model id: an exported string. */
const MAY_EXPORT_CONSTANTS = /\bexport\b[^;]*['"`]|\bexport\b[^;]*\bfrom\b/;
/** Larger files are generated or vendored code, not where a team keeps its client. */
const MAX_MODULE_SIZE = 256 * 1024;

/**
 * Parsed project files shared by every file of a run: a project's `llm.ts` is imported by many
 * files. Keyed by nesting too, so a chain of re-exports stays bounded; checked against the text.
 */
const cache = new Map<string, { text: string; loaded: Loaded | null }>();
/** Room for a large tree's shared modules: at 256 the bench corpus thrashed (17 s a scan; 3 s at 1,024). */
const CACHE_LIMIT = 1024;

function loadModule(file: string, text: string, project: ProjectView, nesting: number): Loaded | null {
  const key = `${nesting}:${file}`;
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit.loaded;
  const loaded = parseModule(file, text, project, nesting);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { text, loaded });
  return loaded;
}

function parseModule(file: string, text: string, project: ProjectView, nesting: number): Loaded | null {
  try {
    const ast = parse(text, { range: true, loc: false, jsx: /\.(tsx|jsx|js|mjs|cjs)$/i.test(file), filePath: file });
    const bindings = new Bindings();
    simpleTraverse(ast, { enter: (node) => bindings.collect(node) }, true);
    const modules = new Modules(file, project, nesting);
    const resolver = new Resolver(bindings, modules);
    return { modules, resolver, values: new Values(resolver, text) };
  } catch {
    return null;
  }
}

/** A model read in another file: its value and source, without the other file's anchor. */
function foreign(model: ModelRef): ModelRef {
  const { anchor: _anchor, ...rest } = model;
  return rest.source === 'literal' ? { ...rest, source: 'constant' } : rest;
}
