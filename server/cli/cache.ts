import * as path from 'node:path';
import { VERSION, type Cli } from './main';
import { DEFAULT_CACHE_DIR, LintCache } from '../cache';

export const CACHE_FLAGS = {
  cache: { type: 'boolean', default: false },
  'cache-location': { type: 'string' },
} as const;

export const CACHE_HELP = `      --cache               reuse results of unchanged files (content-hash cache)
      --cache-location <path>  the cache folder or .json file (default ${DEFAULT_CACHE_DIR.split(path.sep).join('/')})`;

/** The run's cache, when `--cache` (or `--cache-location`) asks for one. */
export function openCache(cli: Cli, values: { cache?: boolean; 'cache-location'?: string }): LintCache | undefined {
  if (!values.cache && !values['cache-location']) return undefined;
  return LintCache.open(path.resolve(cli.cwd, values['cache-location'] ?? DEFAULT_CACHE_DIR), VERSION);
}
