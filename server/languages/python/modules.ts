import * as path from 'node:path';
import type { ProjectView } from '../extractor';
import { parserFor } from '../tree-sitter';
import { parsePython } from './ast';
import { Bindings } from './bindings';
import { Resolver, type Sym } from './resolve';

/** How far up from a file an absolute import (`from app.llm import client`) is looked for. */
const MAX_PARENTS = 4;
const MAX_NESTING = 2;

/**
 * The project's own modules, read through the project view: `from .clients import claude` finds
 * the client made once in `clients.py`. Only SDK handles cross files, stripped of the nodes of
 * the other file (ranges are per file); constants and prompts stay where they are used.
 */
export class Modules {
  private readonly parsed = new Map<string, Resolver | null>();
  private readonly resolved = new Map<string, Sym | undefined>();

  constructor(
    private readonly file: string,
    private readonly project: ProjectView,
    private readonly nesting = 0,
  ) {}

  /** What `qualified` (`.clients.claude`, `app.llm.client`) is, when a module of the project defines it. */
  resolve(qualified: string): Sym | undefined {
    if (!this.resolved.has(qualified)) this.resolved.set(qualified, this.lookup(qualified));
    return this.resolved.get(qualified);
  }

  private lookup(qualified: string): Sym | undefined {
    const level = /^\.*/.exec(qualified)![0].length;
    const parts = qualified.slice(level).split('.').filter(Boolean);
    for (let split = parts.length - 1; split >= 0; split--) {
      const name = parts[split];
      const resolver = this.module(level, parts.slice(0, split));
      if (!resolver) continue;
      const sym = resolver.moduleName(name);
      if (sym?.kind === 'handle' && split === parts.length - 1) return { ...sym, options: [], origin: undefined, retryOptions: [], template: undefined };
      if (sym?.kind === 'export' && split === parts.length - 1) return sym;
      return undefined;
    }
    return undefined;
  }

  private module(level: number, segments: string[]): Resolver | undefined {
    if (!segments.length && !level) return undefined;
    for (const candidate of this.candidates(level, segments)) {
      if (this.parsed.has(candidate)) {
        const known = this.parsed.get(candidate);
        if (known) return known;
        continue;
      }
      const text = this.project.readText(candidate);
      const resolver = text === undefined ? null : this.load(candidate, text);
      this.parsed.set(candidate, resolver);
      if (resolver) return resolver;
    }
    return undefined;
  }

  private candidates(level: number, segments: string[]): string[] {
    const files = (base: string) => (segments.length ? [path.join(base, ...segments) + '.py', path.join(base, ...segments, '__init__.py')] : [path.join(base, '__init__.py')]);
    let dir = path.dirname(this.file);
    if (level) {
      for (let i = 1; i < level; i++) dir = path.dirname(dir);
      return files(dir);
    }
    const out: string[] = [];
    for (let i = 0; i <= MAX_PARENTS; i++, dir = path.dirname(dir)) out.push(...files(dir));
    return out;
  }

  private load(file: string, text: string): Resolver | null {
    const parser = parserFor('python');
    if (!parser || this.nesting >= MAX_NESTING) return null;
    try {
      const parsed = parsePython(parser, text);
      if (!parsed) return null;
      const bindings = new Bindings(parsed.root, text);
      return new Resolver(bindings, text, new Modules(file, this.project, this.nesting + 1));
    } catch {
      return null;
    }
  }
}
