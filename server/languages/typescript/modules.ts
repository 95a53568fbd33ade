import * as path from 'node:path';
import type { ModelRef } from '../../engine/facts';
import type { ProjectView } from '../extractor';
import { Bindings } from './bindings';
import { parseOptionsFor, parser } from './parser';
import { SDK_IMPORT } from './sdks';
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
  /** By module specifier: the file it names and its text (null: no such file). */
  private readonly sources = new Map<string, Source | null>();

  constructor(
    private readonly file: string,
    private readonly project: ProjectView,
    private readonly nesting = 0,
  ) {}

  /** What the export `name` of `module` (relative to this file) stands for, as far as the SDKs are concerned. */
  resolve(module: string, name: string): Sym | undefined {
    return this.answer(module, MAY_EXPORT_SDK_VALUES, name, `sym\u0000${name}`, (loaded) => {
      const sym = loaded.resolver.exported(name);
      if (!sym) return undefined;
      if (sym.kind === 'handle') {
        const model = loaded.values.handleModel(sym);
        return { kind: 'handle', spec: sym.spec, path: sym.path, foreignModel: model.value === null && model.source === 'unknown' ? undefined : foreign(model) };
      }
      if (sym.kind === 'ai-model') return { kind: 'ai-model', provider: sym.provider, foreignModel: sym.idNode ? foreign(loaded.values.model(sym.idNode)) : sym.foreignModel };
      return sym;
    });
  }

  /** A model id exported as a constant (`export const MODEL = process.env.X ?? 'gpt-5'`), read in its own file. */
  model(module: string, name: string, members: string[]): ModelRef | undefined {
    return this.answer(module, MAY_EXPORT_CONSTANTS, name, `model\u0000${name}\u0000${members.join('.')}`, (loaded) => {
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
    });
  }

  /**
   * An answer about `module`'s export `name`, read from its parsed tree once per text and kept
   * (answers carry no nodes, so they outlive the tree). Most project files cannot hold a client:
   * a file is parsed only when its text passes `gate` and could export `name` at all.
   */
  private answer<T>(module: string, gate: RegExp, name: string, question: string, read: (loaded: Loaded) => T | undefined): T | undefined {
    const source = this.readable(module, gate, name);
    if (!source) return undefined;
    const entry = sharedEntry(`${this.nesting + 1}:${source.file}`, source.text);
    if (!entry.answers.has(question)) {
      const loaded = parsedTree(entry, () => parseModule(source.file, source.text, this.project, this.nesting + 1));
      entry.answers.set(question, loaded ? read(loaded) : undefined);
    }
    return entry.answers.get(question) as T | undefined;
  }

  /**
   * Whether `resolve` could find a client or model behind `module`'s export `name` (any export
   * when undefined, as for a namespace), without a parse: the text tests it makes before parsing,
   * and for a file that imports no SDK (it only passes on other files' exports), the same question
   * of each project file it names, one level deeper, as its parse would ask (each level is one
   * deeper, so a cycle ends at MAX_NESTING). Kept with the file's answers.
   */
  mayHoldSdkValue(module: string, name?: string): boolean {
    const source = this.readable(module, MAY_EXPORT_SDK_VALUES, name);
    if (!source) return false;
    if (passes(source, SDK_IMPORT)) return true;
    const entry = sharedEntry(`${this.nesting + 1}:${source.file}`, source.text);
    if (!entry.answers.has(MAY_HOLD)) {
      const next = new Modules(source.file, this.project, this.nesting + 1);
      entry.answers.set(MAY_HOLD, [...source.text.matchAll(PROJECT_MODULE)].some((m) => next.mayHoldSdkValue(m[1])));
    }
    return entry.answers.get(MAY_HOLD) as boolean;
  }

  /** `module`'s file, when it is worth parsing for `name`: it exists, is not too large, could export the name and passes `gate`. */
  private readable(module: string, gate: RegExp, name: string | undefined): Source | undefined {
    if (this.nesting >= MAX_NESTING) return undefined;
    const source = this.source(module);
    if (!source || source.text.length > MAX_MODULE_SIZE || (name !== undefined && !mayExport(source, name)) || !passes(source, gate)) return undefined;
    return source;
  }

  /** The first candidate file of `module` that exists. */
  private source(module: string): Source | null {
    let source = this.sources.get(module);
    if (source === undefined) {
      source = null;
      for (const file of candidates(path.resolve(path.dirname(this.file), module))) {
        const text = this.project.readText(file);
        if (text !== undefined) {
          source = sourceOf(file, text);
          break;
        }
      }
      this.sources.set(module, source);
    }
    return source;
  }
}

interface Source {
  file: string;
  text: string;
  /** Passes on all of another file's exports (`export * from`). */
  exportsAll: boolean;
  /** The gates' verdicts on this text. */
  verdicts: Map<RegExp, boolean>;
}

/**
 * Each project file's text as last read, with the gates' verdicts on it: a module that makes the
 * client is imported by many files, and each of them asks of it (large files make the regexes dear).
 */
const sourcesByFile = new Map<string, Source>();
/** Characters of text kept, oldest dropped first; a text too large to follow is not kept. */
const SOURCE_CHARS = 32 * 1024 * 1024;
let sourceChars = 0;

function sourceOf(file: string, text: string): Source {
  const known = sourcesByFile.get(file);
  if (known?.text === text) return known;
  const source: Source = { file, text, exportsAll: /\bexport\s*\*/.test(text), verdicts: new Map() };
  if (known) {
    sourcesByFile.delete(file);
    sourceChars -= known.text.length;
  }
  if (text.length > MAX_MODULE_SIZE) return source;
  sourcesByFile.set(file, source);
  sourceChars += text.length;
  for (const [oldest, old] of sourcesByFile) {
    if (sourceChars <= SOURCE_CHARS) break;
    sourcesByFile.delete(oldest);
    sourceChars -= old.text.length;
  }
  return source;
}

function passes(source: Source, gate: RegExp): boolean {
  let verdict = source.verdicts.get(gate);
  if (verdict === undefined) source.verdicts.set(gate, (verdict = gate.test(source.text)));
  return verdict;
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

/** Passes on another file's exports: `export * from './x'`, `export { client as llm } from './x'` (not `export type`). */
const REEXPORT = String.raw`\bexport\s*(?:\*|\{[^}]*\})\s*(?:as\s+[\w$]+\s*)?from\s*['"]`;
/** A file worth parsing for a client or model: it imports an SDK, or passes on another file's exports. */
const MAY_EXPORT_SDK_VALUES = new RegExp(`${SDK_IMPORT.source}|${REEXPORT}`, 'm');
/** Each project file a file names (`from './x'`, `require('./x')`, `import('./x')`): what its parse may follow. */
const PROJECT_MODULE = /(?:\bfrom|\brequire\s*\(|\bimport\s*\(?)\s*['"](\.\.?\/[^'"\n]*)['"]/g;
/** A file that may export a model id: an exported string. */
const MAY_EXPORT_CONSTANTS = new RegExp(String.raw`\bexport\b[^;]*['"\x60]|${REEXPORT}`);
/** The question `mayHoldSdkValue` keeps an answer to (`resolve`'s questions start with `sym`, `model`). */
const MAY_HOLD = 'may-hold-sdk-value';
/** Larger files are generated or vendored code, not where a team keeps its client. */
const MAX_MODULE_SIZE = 256 * 1024;

/**
 * A file can export `name` only if it says the name, or passes on all of another file's exports
 * (`export * from`); a default export can hide behind any expression. Index files that re-export
 * hundreds of modules with `export *` would otherwise have every one of them parsed.
 */
function mayExport(source: Source, name: string): boolean {
  return name === 'default' || source.exportsAll || source.text.includes(name);
}

/**
 * What is known of each project file, shared by every file of a run (a project's `llm.ts` is
 * imported by many files): the answers read from it, and its parsed tree while it is among the
 * most recently used. Keyed by nesting too, so a chain of re-exports stays bounded; checked
 * against the text, so an edited file is read again.
 */
interface Entry {
  text: string;
  answers: Map<string, unknown>;
  /** undefined: not parsed (or dropped); null: does not parse. */
  tree?: Loaded | null;
}
const entries = new Map<string, Entry>();
/** Answers are small; a tree is large (RSS), and re-parsed only when a new question comes. */
const ENTRY_LIMIT = 8192;
const TREE_LIMIT = 48;
const withTree = new Set<Entry>();

/** Drops every kept answer, tree and text (files changed on disk: an answer may rest on any of them). */
export function forgetModules(): void {
  entries.clear();
  withTree.clear();
  sourcesByFile.clear();
  sourceChars = 0;
}

function sharedEntry(key: string, text: string): Entry {
  let entry = entries.get(key);
  if (entry?.text !== text) {
    if (entry) withTree.delete(entry);
    entry = { text, answers: new Map() };
    if (entries.size >= ENTRY_LIMIT) {
      const oldest = entries.keys().next().value!;
      withTree.delete(entries.get(oldest)!);
      entries.delete(oldest);
    }
    entries.set(key, entry);
  }
  return entry;
}

function parsedTree(entry: Entry, parse: () => Loaded | null): Loaded | null {
  if (entry.tree === undefined) entry.tree = parse();
  withTree.delete(entry);
  withTree.add(entry);
  if (withTree.size > TREE_LIMIT) {
    const oldest = withTree.values().next().value!;
    oldest.tree = undefined;
    withTree.delete(oldest);
  }
  return entry.tree;
}

function parseModule(file: string, text: string, project: ProjectView, nesting: number): Loaded | null {
  try {
    const ast = parser().parse(text, parseOptionsFor(file, false));
    const bindings = new Bindings();
    parser().simpleTraverse(ast, { enter: (node) => bindings.collect(node) }, true);
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
