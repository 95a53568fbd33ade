import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReport } from '../engine/lint';
import { LineIndex } from '../engine/source-file';
import type { LintSettings } from '../config/settings';
import type { ProjectView } from '../languages/extractor';
import type { Catalog } from '../../pricing/catalog';

/** Where `--cache` keeps its file when `--cache-location` does not say. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'costlint');
const CACHE_FILE = 'lint-cache.json';
const FORMAT = 1;

/** Other files a file's analysis read (a Terraform module's siblings): folder listings and file hashes. */
interface Dependencies {
  dirs: Record<string, string>;
  files: Record<string, string | null>;
}

interface Entry {
  key: string;
  deps: Dependencies;
  report: Omit<FileReport, 'lines'>;
}

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A content-hash cache of file reports (`--cache`). An entry is used only when the file's text,
 * its settings (config, with every provenance line), the price catalog, the tool build, the day
 * (expiring suppressions, stale prices), its budget, and every other file it read are unchanged.
 */
export class LintCache {
  hits = 0;
  misses = 0;
  private readonly entries: Record<string, Entry>;
  private readonly catalogHashes = new WeakMap<Catalog, string>();
  private dirty = false;

  private constructor(
    readonly file: string,
    entries: Record<string, Entry>,
    private readonly toolHash: string,
  ) {
    this.entries = entries;
  }

  /** Opens the cache at `location` (a folder, or a `.json` file); an unreadable or foreign file starts empty. */
  static open(location: string, toolVersion: string): LintCache {
    const file = location.endsWith('.json') ? location : path.join(location, CACHE_FILE);
    const toolHash = sha(`${toolVersion}\0${bundleHash()}`);
    let entries: Record<string, Entry> = {};
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (data?.format === FORMAT && data.tool === toolHash && data.entries && typeof data.entries === 'object') entries = data.entries;
    } catch {
      // No cache yet, or one from another build: start empty.
    }
    return new LintCache(file, entries, toolHash);
  }

  /** The key of a file's analysis: everything that can change its report except the files it reads. */
  keyOf(file: string, text: string, settings: LintSettings, extra: Record<string, unknown>): string {
    let catalog = this.catalogHashes.get(settings.catalog);
    if (!catalog) {
      catalog = sha(JSON.stringify(settings.catalog.data));
      this.catalogHashes.set(settings.catalog, catalog);
    }
    const settingsJson = JSON.stringify(settings, (k, v) => (k === 'catalog' ? undefined : v instanceof Map ? [...v.entries()] : v));
    return sha([this.toolHash, catalog, path.resolve(file), sha(text), settingsJson, JSON.stringify(extra)].join('\0'));
  }

  /** The cached report of `file` under `key`, when every file it read is unchanged. */
  lookup(file: string, key: string, text: string, project: ProjectView): FileReport | undefined {
    const entry = this.entries[path.resolve(file)];
    if (!entry || entry.key !== key || !depsUnchanged(entry.deps, project)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return { ...structuredClone(entry.report), lines: new LineIndex(text) };
  }

  store(file: string, key: string, report: FileReport, deps: Dependencies): void {
    const { lines: _lines, ...rest } = report;
    this.entries[path.resolve(file)] = { key, deps, report: JSON.parse(JSON.stringify(rest)) };
    this.dirty = true;
  }

  /** Writes the cache (whole, through a temporary file) when something changed. */
  save(): void {
    if (!this.dirty) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ format: FORMAT, tool: this.toolHash, entries: this.entries }));
    fs.renameSync(temp, this.file);
    this.dirty = false;
  }
}

/** A project view that records what an extractor read, so a cached report can be checked against it. */
export function recordingProject(base: ProjectView): { project: ProjectView; deps: Dependencies } {
  const deps: Dependencies = { dirs: {}, files: {} };
  return {
    deps,
    project: {
      listDir(dir) {
        const names = base.listDir(dir);
        deps.dirs[dir] = sha(JSON.stringify(names));
        return names;
      },
      readText(file) {
        const text = base.readText(file);
        deps.files[file] = text === undefined ? null : sha(text);
        return text;
      },
    },
  };
}

function depsUnchanged(deps: Dependencies, project: ProjectView): boolean {
  for (const [dir, hash] of Object.entries(deps.dirs)) if (sha(JSON.stringify(project.listDir(dir))) !== hash) return false;
  for (const [file, hash] of Object.entries(deps.files)) {
    const text = project.readText(file);
    if ((text === undefined ? null : sha(text)) !== hash) return false;
  }
  return true;
}

/** The running bundle's hash: a rebuilt costlint (new rules, new extractors) never reads an old cache. */
let bundle: string | undefined;
function bundleHash(): string {
  if (bundle === undefined) {
    try {
      // This file's own bundle (dist/cli-core.js), not the process's main script: that is the small loader.
      bundle = sha(fs.readFileSync(__filename, 'utf8'));
    } catch {
      bundle = '';
    }
  }
  return bundle;
}
