import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { ProjectView } from '../extractor';
import type { Scope } from './evaluate';
import { readHcl } from './read-tree';
import { HBlock, type HExpr, type HFile } from './syntax';

const CONFIG_FILE = /\.(tf|tofu)$/;
const VARS_FILE = /(^terraform\.tfvars|\.auto\.tfvars)$/;
const CACHE_LIMIT = 500;

/** Sibling files read for module context, kept while their text is unchanged. */
const cache = new Map<string, { text: string; file: HFile }>();

function readCached(parser: Parser, file: string, text: string): HFile {
  const hit = cache.get(file);
  if (hit && hit.text === text) return hit.file;
  const parsed = readHcl(parser, file, text).file;
  cache.delete(file);
  cache.set(file, { text, file: parsed });
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return parsed;
}

export interface Located<T> {
  value: T;
  file: string;
}

/**
 * A Terraform module: the `.tf` files of one folder. Variables take their `terraform.tfvars` /
 * `*.auto.tfvars` value, else their default; locals and resources are looked up across files.
 */
export class TerraformModule implements Scope {
  readonly files: HFile[];
  private readonly variables = new Map<string, Located<HBlock>>();
  private readonly assigned = new Map<string, { expr: HExpr; file: string; from: string }>();
  private readonly locals = new Map<string, { expr: HExpr; file: string }>();
  private readonly resourceBlocks = new Map<string, Located<HBlock>>();
  readonly providers: { name: string; alias?: string; block: HBlock; file: string }[] = [];

  constructor(current: HFile, siblings: readonly HFile[], varFiles: readonly HFile[] = []) {
    this.files = [current, ...siblings];
    for (const file of this.files) {
      for (const block of topBlocks(file)) {
        if (block.type === 'variable' && block.labels[0]) this.variables.set(block.labels[0], { value: block, file: file.path });
        else if (block.type === 'locals') {
          for (const entry of block.body) if (entry.kind === 'attribute') this.locals.set(entry.name, { expr: entry.value, file: file.path });
        } else if (block.type === 'resource' && block.labels.length >= 2) {
          this.resourceBlocks.set(`${block.labels[0]}.${block.labels[1]}`, { value: block, file: file.path });
        } else if (block.type === 'provider' && block.labels[0]) {
          const alias = HBlock.attribute(block, 'alias')?.value;
          this.providers.push({ name: block.labels[0], alias: alias?.kind === 'literal' ? String(alias.value) : undefined, block, file: file.path });
        }
      }
    }
    for (const file of varFiles) {
      for (const entry of file.body) {
        if (entry.kind === 'attribute') this.assigned.set(entry.name, { expr: entry.value, file: file.path, from: `var.${entry.name} from ${path.basename(file.path)}` });
      }
    }
  }

  /** Reads the other files of `current`'s folder through the project view. */
  static load(parser: Parser, current: HFile, project: ProjectView): TerraformModule {
    const dir = path.dirname(current.path);
    const siblings: HFile[] = [];
    const varFiles: HFile[] = [];
    const names = project.listDir(dir).filter((f) => f !== current.path).sort();
    for (const file of names) {
      const base = path.basename(file);
      const config = CONFIG_FILE.test(base);
      if (!config && !VARS_FILE.test(base)) continue;
      const text = project.readText(file);
      if (text === undefined) continue;
      (config ? siblings : varFiles).push(readCached(parser, file, text));
    }
    // terraform.tfvars first, then *.auto.tfvars in lexical order: later files win.
    varFiles.sort((a, b) => Number(!path.basename(a.path).startsWith('terraform.tfvars')) - Number(!path.basename(b.path).startsWith('terraform.tfvars')));
    return new TerraformModule(current, siblings, varFiles);
  }

  variable(name: string): { expr: HExpr; file: string; from: string } | undefined {
    const assigned = this.assigned.get(name);
    if (assigned) return assigned;
    const decl = this.variables.get(name);
    const fallback = decl && HBlock.attribute(decl.value, 'default');
    return fallback ? { expr: fallback.value, file: decl.file, from: `var.${name} (default)` } : undefined;
  }

  local(name: string): { expr: HExpr; file: string } | undefined {
    return this.locals.get(name);
  }

  resource(type: string, name: string): Located<HBlock> | undefined {
    return this.resourceBlocks.get(`${type}.${name}`);
  }

  resourcesOfType(type: string): Located<HBlock>[] {
    return [...this.resourceBlocks.values()].filter((r) => r.value.labels[0] === type);
  }

  /** The provider block a resource uses: its `provider = aws.alias`, else the unaliased one. */
  provider(name: string, alias?: string): Located<HBlock> | undefined {
    const found = this.providers.find((p) => p.name === name && p.alias === alias);
    return found && { value: found.block, file: found.file };
  }
}

/**
 * Top-level blocks of a file. In a broken file the parser may nest later blocks inside an
 * unclosed one, so `resource`, `module`, `variable`… blocks found deeper are read as top-level too.
 */
export function topBlocks(file: HFile): HBlock[] {
  const top = file.body.filter((e): e is HBlock => e.kind === 'block');
  const out: HBlock[] = [];
  const visit = (blocks: HBlock[], depth: number) => {
    for (const block of blocks) {
      if (depth === 0 || (TOP_LEVEL.has(block.type) && block.labels.length > 0) || block.type === 'locals') out.push(block);
      visit(block.body.filter((e): e is HBlock => e.kind === 'block'), depth + 1);
    }
  };
  visit(top, 0);
  return out;
}

const TOP_LEVEL = new Set(['resource', 'module', 'variable', 'provider', 'data', 'output']);
