import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
const BIN = path.join(ROOT, 'node_modules', '.bin');
/**
 * oxlint and Biome ship one binary package per platform, which a lock file written here cannot
 * list for every platform; so they are not devDependencies: the full bench installs them once
 * into its cache (like the corpus), and a smoke run skips their rows.
 */
const NATIVE_TOOLS = ['oxlint@1.94.0', '@biomejs/biome@2.6.8'];
const TOOLS_DIR = path.join(ROOT, 'node_modules', '.cache', 'costlint-bench', 'tools');

/** Installs the native linters into the bench cache when missing (needs the npm registry once). */
export function installNativeTools(log: (line: string) => void): void {
  if (NATIVE_TOOLS.every((spec) => fs.existsSync(toolBin(spec.startsWith('@biomejs') ? 'biome' : 'oxlint')))) return;
  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  if (!fs.existsSync(path.join(TOOLS_DIR, 'package.json'))) fs.writeFileSync(path.join(TOOLS_DIR, 'package.json'), '{"private":true}\n');
  log(`installing ${NATIVE_TOOLS.join(', ')} into ${path.relative(ROOT, TOOLS_DIR)}`);
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...NATIVE_TOOLS], { cwd: TOOLS_DIR, encoding: 'utf8' });
  if (npm.status !== 0) log(`could not install them (${(npm.stderr || npm.stdout).trim().split('\n').pop()}): their rows are skipped`);
}

/** A tool's binary: the project's own, else the one the bench installed. */
function toolBin(name: string): string {
  const own = path.join(BIN, name);
  return fs.existsSync(own) ? own : path.join(TOOLS_DIR, 'node_modules', '.bin', name);
}
const RSS_PROBE = path.join(__dirname, 'rss-probe.cjs');

export interface Timing {
  /** Median wall time over the runs, in ms. */
  ms: number;
  runs: number[];
  /** What the tool said it covered, when it says (files linted). */
  files?: number;
  /** Peak RSS of the process, MiB (costlint only, through the probe). */
  rssMiB?: number;
  exitCode: number | null;
}

export interface ToolRow {
  name: string;
  /** Why the row was not measured, when it was not. */
  skipped?: string;
  timing?: Timing;
}

/** Runs a command `reps` times and keeps the median wall time; the exit code must be one the tool uses for "linted". */
export function time(command: string, args: string[], options: { cwd?: string; reps: number; okCodes?: number[]; env?: NodeJS.ProcessEnv; files?: (stdout: string, stderr: string) => number | undefined }): Timing {
  const runs: number[] = [];
  let last: ReturnType<typeof spawnSync> | undefined;
  for (let i = 0; i < options.reps; i++) {
    const start = process.hrtime.bigint();
    last = spawnSync(command, args, { cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...options.env } });
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (last.error) throw last.error;
    if (!(options.okCodes ?? [0]).includes(last.status ?? -1)) {
      throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${last.status}: ${String(last.stderr).slice(0, 2000)}`);
    }
  }
  const stdout = String(last?.stdout ?? '');
  const stderr = String(last?.stderr ?? '');
  return { ms: median(runs), runs: runs.map(round), files: options.files?.(stdout, stderr), exitCode: last?.status ?? null };
}

/** `costlint check` as a user runs it: the built CLI, a fresh process, findings as JSON to a file. */
export function timeCostlint(dir: string, reps: number, threads?: number): Timing {
  const out = path.join(os.tmpdir(), `costlint-bench-${process.pid}.json`);
  const rssFile = path.join(os.tmpdir(), `costlint-bench-rss-${process.pid}`);
  const args = ['--require', RSS_PROBE, CLI, 'check', dir, '--format', 'json', '--output-file', out, ...(threads ? ['--threads', String(threads)] : [])];
  const timing = time(process.execPath, args, { reps, okCodes: [0, 1], env: { COSTLINT_BENCH_RSS_FILE: rssFile } });
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as unknown[];
  timing.files = report.length;
  timing.rssMiB = round(Number(fs.readFileSync(rssFile, 'utf8')) / 1024);
  fs.rmSync(out, { force: true });
  fs.rmSync(rssFile, { force: true });
  return timing;
}

/** ESLint with @typescript-eslint/parser and no rules: the cost of parsing every file, what custom rules would build on. */
export function timeEslint(dir: string, reps: number): ToolRow {
  const bin = path.join(BIN, 'eslint');
  if (!fs.existsSync(bin)) return { name: 'eslint', skipped: 'eslint is not installed (npm ci)' };
  // ESLint lints only below its base path, the working folder when --config is given.
  const args = ['--config', path.join(__dirname, 'eslint.config.mjs'), '--format', 'json', '--no-warn-ignored', path.basename(dir)];
  const timing = time(bin, args, { cwd: path.dirname(dir), reps, okCodes: [0, 1], files: (stdout) => (JSON.parse(stdout) as unknown[]).length });
  return { name: 'eslint (typescript-eslint parser, no rules)', timing };
}

/** oxlint with its default rules (it has no "parse only" mode). */
export function timeOxlint(dir: string, reps: number): ToolRow {
  const bin = toolBin('oxlint');
  if (!fs.existsSync(bin)) return { name: 'oxlint', skipped: 'oxlint is not installed (the full bench installs it)' };
  const timing = time(bin, ['--no-ignore', '--threads', '2', dir], { reps, okCodes: [0, 1], files: (stdout) => firstNumber(stdout, /on (\d+) files?/) });
  return { name: 'oxlint (default rules, 2 threads)', timing };
}

/** Biome's linter with its recommended rules, over the same files. */
export function timeBiome(dir: string, reps: number): ToolRow {
  const bin = toolBin('biome');
  if (!fs.existsSync(bin)) return { name: 'biome', skipped: 'biome is not installed (the full bench installs it)' };
  const args = ['lint', '--config-path', path.join(__dirname, 'biome.json'), '--max-diagnostics=0', '--diagnostic-level=error', dir];
  const timing = time(bin, args, { reps, okCodes: [0, 1], files: (stdout, stderr) => firstNumber(stdout + stderr, /Checked (\d+) files?/) });
  return { name: 'biome lint (recommended rules)', timing };
}

/** ripgrep listing the files that name an SDK: the floor for "find the candidate files". */
export function timeRipgrep(dir: string, reps: number, patterns: readonly string[]): ToolRow {
  const which = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return { name: 'ripgrep', skipped: 'rg not found (apt-get install -y ripgrep)' };
  const args = ['--no-ignore', '--hidden', '--files-with-matches', ...patterns.flatMap((p) => ['-e', p]), dir];
  const timing = time('rg', args, { reps, okCodes: [0, 1] });
  return { name: 'ripgrep (files naming an SDK)', timing };
}

/** Counts files the way the costlint corpus walk would see them (for rows whose tool does not say). */
export function countFiles(dir: string, pattern: RegExp): number {
  let n = 0;
  const visit = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (pattern.test(entry.name)) n++;
    }
  };
  visit(dir);
  return n;
}

function firstNumber(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
