import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runCheck } from './check';
import { runEstimate } from './estimate';
import { runRules } from './rules';
import { runInit } from './init';
import { runComment } from './comment';
import { ConfigError } from '../config/load';
import { CatalogError } from '../../pricing/catalog';

/** A mistake in how the CLI was called: exit code 2 with the reason. */
export class UsageError extends Error {}

export interface Cli {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** The script lint worker threads start (dist/cli.js, so they load from the code cache too); default: this bundle. */
  workerScript?: string;
}

const HELP = `costlint — what your LLM calls and GPU infrastructure cost, found in the code.

Usage:
  costlint check [paths...]      lint files for cost findings (default: .)
  costlint estimate [paths...]   list every call and resource with its monthly cost
  costlint rules                 list the rules
  costlint init                  write a starter .costlint.yaml
  costlint comment github|gitlab post or update the cost report on a pull/merge request

Run "costlint <command> --help" for a command's options.
Exit codes: 0 clean, 1 error-level findings (or --max-warnings exceeded), 2 usage or config error.
`;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function main(argv: string[], cli: Cli): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, cli);
      case 'estimate':
        return await runEstimate(rest, cli);
      case 'rules':
        return runRules(rest, cli);
      case 'init':
        return runInit(rest, cli);
      case 'comment':
        return await runComment(rest, cli);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        cli.stdout(HELP);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        cli.stdout(`${VERSION}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}" (try: check, estimate, rules, init, comment)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      cli.stderr(`costlint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof CatalogError) {
      cli.stderr(`costlint: config error: ${error.message}\n`);
      return 2;
    }
    cli.stderr(`costlint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

declare const COSTLINT_VERSION: string | undefined;
export const VERSION = typeof COSTLINT_VERSION === 'string' ? COSTLINT_VERSION : 'dev';
