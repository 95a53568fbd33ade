import * as path from 'node:path';
import { parse, UsageError, type Cli } from './main';
import { lintPaths, type RunOptions } from '../engine/run';
import { writeFixedText } from '../engine/files';
import type { FileReport } from '../engine/lint';
import { applyFixes, safeFixes } from '../engine/fix';
import { progress } from './progress';
import { parseOutputs, writeOutputs, writeSummary } from './outputs';
import { exitCode, parseIncreaseLimit } from './gates';
import { analyseBase, GitError, keepChangedLines, type BaseAnalysis } from '../diff';
import { repoRoot } from '../diff/git';
import { openCache, CACHE_FLAGS, CACHE_HELP } from './cache';
import { BUDGET_FLAGS, BUDGET_HELP, budgetTeams, fetchBudgets, runConfig } from './budgets';
import { applyBaseline, buildBaseline, readBaseline, writeBaseline, BASELINE_FILE } from '../engine/baseline';

const HELP = `Usage: costlint check [paths...] [options]

Options:
  -f, --format <list>       stylish (default), json, sarif, github, gitlab, rdjsonl or markdown;
                            several at once with files: --format github,sarif:costlint.sarif
  -o, --output-file <path>  write the report to a file
      --summary-file <path> append a markdown summary (e.g. "$GITHUB_STEP_SUMMARY")
      --base <git-ref>      also price the merge-base with this ref: the cost diff of the change
      --changed-only        with --base: only findings on lines changed since the merge-base
      --fail-on-increase <n|n%>  with --base: exit 1 when the monthly cost grows by more
  -c, --config <path>       use this .costlint.yaml instead of the nearest one
      --fix                 apply safe fixes (never model swaps or other behaviour changes)
      --max-warnings <n>    exit 1 when there are more than n warnings
      --quiet               report errors only (warnings and info are not shown)
      --max-file-size <mb>  skip files larger than this (default 2)
${CACHE_HELP}
      --threads <n>         worker threads (default: up to 4 for 400 files or more on 4+ cores, else 1)
      --color / --no-color  force colours on or off
      --require-reason      a costlint-disable comment without "-- reason" is a finding
      --write-baseline      record the current findings in .costlint-baseline.json and exit 0
      --baseline            report only findings that are not in the baseline
      --baseline-file <path>  the baseline to write or read (default .costlint-baseline.json)
${BUDGET_HELP}`;

export async function runCheck(args: string[], cli: Cli): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    'output-file': { type: 'string', short: 'o' },
    'summary-file': { type: 'string' },
    base: { type: 'string' },
    'changed-only': { type: 'boolean', default: false },
    'fail-on-increase': { type: 'string' },
    config: { type: 'string', short: 'c' },
    fix: { type: 'boolean', default: false },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'max-file-size': { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    'require-reason': { type: 'boolean', default: false },
    'write-baseline': { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    'baseline-file': { type: 'string' },
    ...CACHE_FLAGS,
    threads: { type: 'string' },
    ...BUDGET_FLAGS,
  });
  if (values.help) {
    cli.stdout(HELP);
    return 0;
  }
  const outputs = parseOutputs(values.format ?? 'stylish', values['output-file']);
  if (values['changed-only'] && !values.base) throw new UsageError('--changed-only needs --base <git-ref>');
  if (values['fail-on-increase'] !== undefined && !values.base) throw new UsageError('--fail-on-increase needs --base <git-ref>');
  const increase = values['fail-on-increase'] !== undefined ? parseIncreaseLimit(values['fail-on-increase']) : undefined;
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError('--max-warnings takes a whole number');
  if (values['write-baseline'] && values.baseline) throw new UsageError('--write-baseline and --baseline do not go together');
  const config = runConfig(cli, values.config);
  const budgets = await fetchBudgets(cli, config, budgetTeams(config), { ...values, needsRule: 'over-budget' });
  const options: RunOptions = {
    cwd: cli.cwd,
    paths: positionals.length ? positionals : ['.'],
    configFile: values.config,
    maxFileBytes: values['max-file-size'] ? megabytes(values['max-file-size']) : undefined,
    onFile: progress(cli),
    budgets,
    requireReason: values['require-reason'],
    cache: openCache(cli, values),
    threads: values.threads === undefined ? undefined : threadCount(values.threads),
    workerScript: cli.workerScript,
  };

  let result = await lintPaths(options);
  if (values.fix) {
    result = await fixAndRelint(result, options, cli);
  }
  const baselineFile = path.resolve(cli.cwd, values['baseline-file'] ?? BASELINE_FILE);
  if (values['write-baseline']) {
    const baseline = buildBaseline(result.reports, path.dirname(baselineFile));
    writeBaseline(baselineFile, baseline);
    const count = baseline.findings.reduce((n, e) => n + e.count, 0);
    cli.stdout(`Wrote ${count} finding${count === 1 ? '' : 's'} to ${path.relative(cli.cwd, baselineFile) || baselineFile}; "costlint check --baseline" now reports only new ones.\n`);
    return 0;
  }
  if (values.baseline) {
    const matched = applyBaseline(result.reports, readBaseline(baselineFile), path.dirname(baselineFile));
    if (matched) cli.stderr(`costlint: ${matched} finding${matched === 1 ? '' : 's'} in the baseline not shown.\n`);
  }
  let base: BaseAnalysis | undefined;
  if (values.base) {
    base = await baseAnalysis(() => analyseBase({ cwd: cli.cwd, paths: options.paths, baseRef: values.base as string, configFile: values.config, maxFileBytes: options.maxFileBytes, head: result }));
    if (values['changed-only']) keepChangedLines(result.reports, base);
  }
  if (values.quiet) {
    for (const report of result.reports) report.findings = report.findings.filter((f) => f.severity === 'error');
  }
  const color = values['no-color'] ? false : (values.color ?? (cli.isTTY && !cli.env.NO_COLOR && !values['output-file']));
  const input = { reports: result.reports, skipped: result.skipped, cwd: cli.cwd, color, root: base?.root ?? repoRoot(cli.cwd) ?? cli.cwd, diff: base?.diff, budgets };
  writeOutputs(cli, outputs, input);
  if (values['summary-file']) writeSummary(cli, values['summary-file'], input);
  return exitCode(cli, result.reports, { maxWarnings, increase, total: base?.diff.totalMonthlyCost });
}

/** Git problems with `--base` (unknown ref, shallow clone) are usage errors: exit 2 with the reason. */
export async function baseAnalysis<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`--base: ${error.message}`);
    throw error;
  }
}

function threadCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--threads takes a whole number from 1 to 64');
  return n;
}

function megabytes(value: string): number {
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new UsageError('--max-file-size takes a size in MB');
  return Math.round(mb * 1024 * 1024);
}

/** Applies safe fixes file by file, up to 10 passes each (fixes that overlapped wait a pass), then lints again. */
async function fixAndRelint(result: Awaited<ReturnType<typeof lintPaths>>, options: RunOptions, cli: Cli) {
  let changed = false;
  for (const first of result.reports) {
    let report: FileReport | undefined = first;
    for (let pass = 0; pass < 10 && report; pass++) {
      const next = applyFixes(report.lines.text, safeFixes(report.findings));
      if (!next.applied || next.text === report.lines.text) break;
      const refused = writeFixedText(report.path, report.lines.text, next.text);
      if (refused) {
        cli.stderr(`costlint: fixes not applied to ${path.relative(cli.cwd, report.path) || report.path}: ${refused}.\n`);
        break;
      }
      changed = true;
      report = (await lintPaths({ ...options, paths: [report.path], onFile: undefined })).reports[0];
    }
  }
  return changed ? lintPaths(options) : result;
}
