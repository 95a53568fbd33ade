import * as path from 'node:path';
import { UsageError, type Cli } from './main';
import { loadConfigFile, loadConfigFor, type LoadedConfig } from '../config/load';
import { teamNames } from '../config/teams';
import { BudgetService, cliAccess, describeBudget, type BudgetState } from '../budgets';

/** Flags shared by `check` and `estimate` for budgets. */
export const BUDGET_FLAGS = {
  offline: { type: 'boolean', default: false },
  'allow-origin': { type: 'string', multiple: true },
} as const;

export const BUDGET_HELP = `      --offline             no network: budgets come from the cache only
      --allow-origin <url>  allow sending COSTLINT_TOKEN to this cost API origin (repeatable;
                            also COSTLINT_ALLOWED_ORIGINS, comma-separated)
`;

/** The run's own config: `--config`, or the nearest one above the working folder. */
export function runConfig(cli: Cli, configFile: string | undefined): LoadedConfig {
  return configFile ? loadConfigFile(path.resolve(cli.cwd, configFile)) : loadConfigFor(cli.cwd);
}

/** Teams a run asks budgets for: named under `teams`, `budgets.teams` or `budgets.monthly_usd`. */
export function budgetTeams(config: LoadedConfig): string[] {
  const budgets = config.config.budgets;
  return [...new Set([...teamNames(config.config), ...Object.keys(budgets?.teams ?? {}), ...Object.keys(budgets?.monthly_usd ?? {})])];
}

/**
 * Budgets of the given teams, through the one budget module. Failures are states ("budget
 * unknown (…)"), noted on stderr, never a failed run; the token never appears in what is printed.
 */
export async function fetchBudgets(
  cli: Cli,
  config: LoadedConfig,
  teams: readonly string[],
  flags: { offline?: boolean; 'allow-origin'?: string[]; needsRule?: string },
): Promise<Map<string, BudgetState>> {
  if (!config.config.budgets || !teams.length) return new Map();
  if (flags.needsRule && ruleIsOff(config, flags.needsRule)) return new Map();
  const { access, invalid } = cliAccess(cli.env, { allowOrigin: flags['allow-origin'], offline: flags.offline });
  if (invalid.length) throw new UsageError(`not an http(s) origin: ${invalid.join(', ')}`);
  const service = new BudgetService({ cacheDir: cli.env.COSTLINT_CACHE_DIR || undefined });
  const states = await service.budgetsFor(teams, config, access);
  for (const state of states.values()) {
    if (state.kind === 'unknown') cli.stderr(`costlint: ${state.team}: ${describeBudget(state)}\n`);
    else if (state.stale) cli.stderr(`costlint: ${describeBudget(state)}\n`);
  }
  return states;
}

/** A rule turned off everywhere (top level, and no override turns it back on): no need to fetch for it. */
function ruleIsOff(config: LoadedConfig, id: string): boolean {
  const off = (setting: unknown) => setting === 'off' || (Array.isArray(setting) && setting[0] === 'off') || (typeof setting === 'object' && setting !== null && (setting as { severity?: string }).severity === 'off');
  return off(config.config.rules?.[id]) && !(config.config.overrides ?? []).some((o) => id in o.rules && !off(o.rules[id]));
}
