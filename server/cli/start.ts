// `costlint …` (dist/cli.js): runs the CLI bundle (dist/cli-core.js) from the per-user V8 code
// cache, as dist/server.js does for the server; lint workers start from this file too. Only Node
// built-ins here, so this file costs nothing to load.
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { codeCacheDir, requireWithCodeCache } from '../code-cache';
import type * as Core from './main';

/** Commands that lint files: after one, the cache holds the code a scan runs (after `--version`, next to nothing). */
const LINTING = new Set(['check', 'estimate', 'comment']);

/**
 * A scan is short: V8's default tiering optimises functions that run for a moment only, and that
 * compiling keeps a second core busy. A larger budget before a function is optimised took a fifth
 * off the CPU time of a scan of the bench corpus, with the same or less wall time (Node 20). Set
 * before any code runs, for the whole process, workers included; the server keeps the default.
 */
if (isMainThread) v8.setFlagsFromString('--interrupt-budget=300000');

const core = requireWithCodeCache(path.join(__dirname, 'cli-core.js'), codeCacheDir());
// In a lint worker, loading the bundle is all: it then serves the files it is sent (server/engine/pool.ts).
if (isMainThread) {
  const argv = process.argv.slice(2);
  void (core.exports as typeof Core)
    .main(argv, {
      cwd: process.cwd(),
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      isTTY: Boolean(process.stdout.isTTY),
      env: process.env,
      workerScript: __filename,
    })
    .then((code) => {
      process.exitCode = code;
      if (LINTING.has(argv[0]) && code !== 2) core.save();
    });
}
