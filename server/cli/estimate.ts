import * as path from 'node:path';
import { parse, UsageError, type Cli } from './main';
import { lintPaths } from '../engine/run';
import { estimateItems, estimateTable } from '../formats/estimate';
import { teamEstimates, teamTable } from '../formats/estimate-teams';
import { policyFor } from '../config/teams';
import type { LoadedConfig } from '../config/load';
import { progress } from './progress';
import { BUDGET_FLAGS, BUDGET_HELP, fetchBudgets } from './budgets';
import { analyseBase } from '../diff';
import { costDiffTable, diffJson } from '../formats/cost-diff';
import { baseAnalysis } from './check';
import { openCache, CACHE_FLAGS, CACHE_HELP } from './cache';

const HELP = `Usage: costlint estimate [paths...] [options]

Lists every LLM call and compute resource found, with or without a finding, priced per month,
then each team's share beside its budget (config teams and budgets).

Options:
  -f, --format <name>   table (default) or json
  -c, --config <path>   use this .costlint.yaml instead of the nearest one
      --explain         show where every number came from
${CACHE_HELP}
      --base <git-ref>  the cost diff against the merge-base with this ref: before, after and
                        delta per month for each call and resource, and in total
${BUDGET_HELP}`;

export async function runEstimate(args: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'table' },
    config: { type: 'string', short: 'c' },
    explain: { type: 'boolean', default: false },
    base: { type: 'string' },
    ...CACHE_FLAGS,
    ...BUDGET_FLAGS,
  });
  if (values.help) {
    cli.stdout(HELP);
    return 0;
  }
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`unknown format "${values.format}" (table or json)`);
  const paths = positionals.length ? positionals : ['.'];
  const result = await lintPaths({ cwd: cli.cwd, paths, configFile: values.config, onFile: progress(cli), cache: openCache(cli, values), workerScript: cli.workerScript });
  if (values.base) {
    const { diff } = await baseAnalysis(() => analyseBase({ cwd: cli.cwd, paths, baseRef: values.base as string, configFile: values.config, head: result }));
    cli.stdout(values.format === 'json' ? `${JSON.stringify(diffJson(diff), null, 2)}\n` : costDiffTable(diff));
    return 0;
  }
  const items = estimateItems(result.reports);
  const teams = [...new Set(items.map((i) => i.team).filter((t): t is string => t !== null))];
  const budgets = await fetchBudgets(cli, result.config, teams, values);
  const byTeam = teamEstimates(items, budgets, (team) => policyFor(result.config, team).units ?? []);
  if (values.format === 'json') {
    const known = items.filter((i) => i.monthly !== null);
    const output = {
      currency: 'USD',
      totalMonthlyCost: known.reduce((sum, i) => sum + (i.monthly ?? 0), 0),
      unpriced: items.length - known.length,
      items,
      teams: byTeam,
      skipped: result.skipped.map((s) => ({ filePath: path.isAbsolute(s.path) ? s.path : path.resolve(cli.cwd, s.path), reason: s.reason })),
    };
    cli.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    const table = (values.explain ? configLine(result.config, cli.cwd) : '') + estimateTable(items, { explain: values.explain, cwd: cli.cwd });
    const teamsTable = teamTable(byTeam, { explain: values.explain });
    cli.stdout(teamsTable ? `${table}\n${teamsTable}` : table);
  }
  return 0;
}

/** `Config: .costlint.yaml (extends costlint:recommended, base.yaml)`: where the settings came from. */
function configLine(config: LoadedConfig, cwd: string): string {
  if (!config.file) return 'Config: none found (built-in defaults)\n\n';
  const name = (file: string) => (file.startsWith('costlint:') ? file : path.relative(cwd, file) || path.basename(file));
  const bases = config.layers.slice(0, -1).map((layer) => name(layer.file));
  return `Config: ${name(config.file)}${bases.length ? ` (extends ${bases.join(', ')})` : ''}\n\n`;
}
