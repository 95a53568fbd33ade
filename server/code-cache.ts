import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * What became of the code cache on this start: `accepted` (V8 used it), `rejected` (V8 refused it:
 * another V8 or flags), `corrupt` (its checksum failed), `missing` (first start of this bundle),
 * `off` (no per-user cache folder).
 */
export type CodeCacheState = 'accepted' | 'rejected' | 'corrupt' | 'missing' | 'off';

export interface CachedModule {
  exports: unknown;
  state: CodeCacheState;
  /** The cache file of this bundle, Node and flags (null when `off`). */
  file: string | null;
  /**
   * Writes the code V8 has compiled so far: call it once the work the process starts for has run
   * (the server's first diagnostics, the CLI's first lint), so that code is in. Does nothing after
   * an accepted cache; never throws.
   */
  save(): void;
}

/**
 * `costlint/code-cache` in the per-user cache folder, or null when there is none. Only absolute
 * paths count: a relative one would land in whatever folder the process started in (a workspace).
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const absolute = (dir: string | undefined) => (dir && path.isAbsolute(dir) ? dir : undefined);
  const home = absolute(env.HOME) ?? absolute(env.USERPROFILE);
  const base =
    absolute(env.XDG_CACHE_HOME) ??
    (platform === 'win32' ? absolute(env.LOCALAPPDATA) : home && path.join(home, platform === 'darwin' ? 'Library/Caches' : '.cache'));
  return base ? path.join(base, 'costlint', 'code-cache') : null;
}

const DIGEST_BYTES = 32;
/** Caches of other installs and runtimes are removed when this old. */
const STALE_MS = 14 * 24 * 3600 * 1000;

/**
 * Runs a CommonJS bundle like `require` does, compiled from a V8 code cache when a valid one is
 * there: the compile of an 8 MB bundle and the first calls of its functions are most of a cold
 * start. The cache is keyed by the bundle (path, size, mtime) and the runtime with its flags; it
 * carries a checksum (V8 checks versions, not contents), and anything wrong with it means
 * compiling from source and writing a new one: a cache can slow a start, never fail one.
 */
export function requireWithCodeCache(bundle: string, cacheDir: string | null): CachedModule {
  const bytes = fs.readFileSync(bundle);
  // The build escapes non-ASCII characters, so the bundle decodes byte for byte (several times faster than UTF-8).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const names = cacheName(bundle);
  const file = cacheDir ? path.join(cacheDir, names.name) : null;
  const cachedData = file ? readCache(file) : undefined;
  // No import() callback: Node 20 loses it on a script deserialized from a cache, so the build
  // leaves no import() in the bundle (esbuild.mjs, builtinImportsAsRequire), and one that slipped
  // in fails on every start rather than only on cached ones.
  const script = new vm.Script(wrap(source), { filename: bundle, cachedData: cachedData || undefined });
  const state: CodeCacheState = !file ? 'off' : cachedData === undefined ? 'missing' : cachedData === null ? 'corrupt' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} as unknown, filename: bundle, id: bundle, loaded: false };
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  let saved = state === 'accepted' || !file;
  return {
    exports: module.exports,
    state,
    file,
    save() {
      if (saved || !file) return;
      saved = true;
      try {
        writeCache(file, names.install, script.createCachedData());
      } catch {
        // A read-only or full disk only costs the next start its cache.
      }
    },
  };
}

/** The function wrapper `require` puts around a CommonJS file. */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/**
 * `<bundle>-<install>-<build>.cache` (`cli-core-…`, `server-core-…`): the install is the bundle's
 * path and the runtime with its flags (Electron and Node can report one Node version with
 * different V8s); the build is the bundle's size and mtime. A new build replaces its install's old cache.
 */
function cacheName(bundle: string): { install: string; name: string } {
  const stat = fs.statSync(bundle);
  const hash = (parts: unknown[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
  const install = `${path.basename(bundle, '.js')}-${hash([path.resolve(bundle), process.execPath, process.version, process.versions.v8, process.arch, process.execArgv.join(' ')])}`;
  return { install, name: `${install}-${hash([stat.size, stat.mtimeMs])}.cache` };
}

/** The cached data; undefined when there is none, null when it is damaged. */
function readCache(file: string): Buffer | null | undefined {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (content.length <= DIGEST_BYTES) return null;
  const data = content.subarray(DIGEST_BYTES);
  return createHash('sha256').update(data).digest().equals(content.subarray(0, DIGEST_BYTES)) ? data : null;
}

/** Written beside and renamed into place, so a concurrent start reads the old file or the new one, never half of one. */
function writeCache(file: string, install: string, data: Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]), { mode: 0o600 });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const other = path.join(dir, name);
    if (other === file) continue;
    try {
      if (name.startsWith(`${install}-`) || now - fs.statSync(other).mtimeMs > STALE_MS) fs.rmSync(other, { force: true });
    } catch {
      // Another process may have removed it first.
    }
  }
}
