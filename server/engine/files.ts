import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isCandidatePath } from '../languages';

/** Folders never linted: dependencies, VCS data and build output. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.venv', 'venv', '__pycache__', '.terraform', '.tox', '.mypy_cache', '.e2e']);

/** costlint's own files: its config and baseline are YAML and JSON, but never infrastructure. */
const OWN_FILES = new Set(['.costlint.yaml', '.costlint.yml', '.costlint-baseline.json']);

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface FileText {
  path: string;
  text: string;
  /** The file started with a UTF-8 byte order mark (stripped from `text`, kept on write). */
  bom: boolean;
  /** Some bytes were not UTF-8 (read as U+FFFD): linted, but never rewritten by `--fix`. */
  lossy: boolean;
}

/**
 * Lists the files under `paths` that an extractor could handle, honouring each folder's
 * `.gitignore` and extra ignore globs. Paths named explicitly are always included.
 */
export function listFiles(paths: readonly string[], options: { cwd: string; ignores?: readonly string[] }): { files: string[]; skipped: SkippedFile[] } {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const extra = options.ignores?.length ? ignore().add([...options.ignores]) : null;
  const seen = new Set<string>();

  const walk = (dir: string, rules: { base: string; ig: Ignore }[], visitedReal: Set<string>) => {
    let real: string;
    try {
      // The native call is one syscall; the JS one lstats every folder on the way down, for each folder walked.
      real = fs.realpathSync.native(dir);
    } catch {
      return;
    }
    if (visitedReal.has(real)) {
      skipped.push({ path: dir, reason: 'symlink loop' });
      return;
    }
    const nextVisited = new Set(visitedReal).add(real);
    const gitignore = path.join(dir, '.gitignore');
    const scoped = fs.existsSync(gitignore) ? [...rules, { base: dir, ig: ignore().add(safeRead(gitignore)) }] : rules;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: dir, reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      if (isIgnored(full, isDir, scoped, extra, options.cwd)) continue;
      if (isDir) walk(full, scoped, nextVisited);
      else if (isCandidatePath(full) && !OWN_FILES.has(entry.name) && !seen.has(full)) {
        seen.add(full);
        files.push(full);
      }
    }
  };

  for (const input of paths) {
    const full = path.resolve(options.cwd, input);
    if (!fs.existsSync(full)) {
      skipped.push({ path: input, reason: 'no such file or folder' });
      continue;
    }
    if (isDirectory(full)) walk(full, [], new Set());
    else if (!seen.has(full)) {
      seen.add(full);
      files.push(full);
    }
  }
  return { files, skipped };
}

function isIgnored(full: string, isDir: boolean, rules: { base: string; ig: Ignore }[], extra: Ignore | null, cwd: string): boolean {
  const suffix = isDir ? '/' : '';
  for (const { base, ig } of rules) {
    const relative = path.relative(base, full).split(path.sep).join('/');
    if (relative && !relative.startsWith('..') && ig.ignores(relative + suffix)) return true;
  }
  if (!extra) return false;
  const fromCwd = path.relative(cwd, full).split(path.sep).join('/');
  return Boolean(fromCwd) && !fromCwd.startsWith('..') && extra.ignores(fromCwd + suffix);
}

function isDirectory(full: string): boolean {
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Reads a file as text, or says why it is skipped (too large, binary, unreadable, not a file). */
export function readSourceFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): FileText | SkippedFile {
  let stat: fs.Stats | undefined;
  try {
    // No throw for a missing file: resolving an import tries a dozen names that are not there.
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    return { path: file, reason: `cannot read: ${errorCode(error)}` };
  }
  if (!stat) return { path: file, reason: 'cannot read: ENOENT' };
  // A named pipe or device would block the read forever or never end.
  if (!stat.isFile()) return { path: file, reason: 'skipped: not a regular file' };
  if (stat.size > maxBytes) return { path: file, reason: `skipped: ${(stat.size / 1024 / 1024).toFixed(1)} MB is over the ${(maxBytes / 1024 / 1024).toFixed(1)} MB limit (--max-file-size)` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { path: file, reason: `cannot read: ${errorCode(error)}` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { path: file, reason: 'skipped: UTF-16 text (costlint reads UTF-8)' };
  if (bytes.subarray(0, 8000).includes(0)) return { path: file, reason: 'skipped: binary file' };
  return { path: file, ...decode(bytes) };
}

/** UTF-8 text without its BOM; bytes that are not UTF-8 become U+FFFD (one per bad byte sequence) and mark the text lossy. */
function decode(bytes: Buffer): { text: string; bom: boolean; lossy: boolean } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), bom, lossy: false };
  } catch {
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(body), bom, lossy: true };
  }
}

/**
 * Writes fixed text over the file it was linted from, or says why not. Refuses when the file is
 * not UTF-8 (writing would replace its other bytes) or changed since it was read; keeps the BOM
 * and the file mode; replaces the file in one rename, so an interrupted write leaves it whole.
 */
export function writeFixedText(file: string, linted: string, fixed: string): string | null {
  let bytes: Buffer;
  let mode: number;
  try {
    bytes = fs.readFileSync(file);
    mode = fs.statSync(file).mode;
  } catch (error) {
    return `cannot read: ${errorCode(error)}`;
  }
  const current = decode(bytes);
  if (current.lossy) return 'not valid UTF-8, so a fix would change other bytes too';
  if (current.text !== linted) return 'changed on disk while it was linted';
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.costlint-${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, current.bom ? `\ufeff${fixed}` : fixed, { mode });
    fs.renameSync(temp, file);
    return null;
  } catch (error) {
    fs.rmSync(temp, { force: true });
    return `cannot write: ${errorCode(error)}`;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

export function isSkipped(result: FileText | SkippedFile): result is SkippedFile {
  return 'reason' in result;
}
