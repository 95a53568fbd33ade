/**
 * `npm run bench`: costlint side by side with ESLint, oxlint, Biome and ripgrep on the same files,
 * plus per-edit latency, server cold start, RSS, growth with corpus size and worker speed-up.
 * Writes bench/results.json and prints a table. `--smoke` runs it all on a tiny corpus (for tests).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { realCorpus, scaledCorpus, smokeCorpus, type Corpus } from './corpus';
import { measurePerEditBundled, type PerEditResult } from './per-edit';
import { measureColdStart, SERVER, type ColdStart } from './lsp-start';
import { CLI, installNativeTools, round, timeBiome, timeCostlint, timeEslint, timeOxlint, timeRipgrep, type Timing, type ToolRow } from './tools';
import { formatResults } from './report';

/** What ripgrep looks for: the names an app uses to reach an LLM SDK. */
const SDK_NAMES = ['openai', '@anthropic-ai/sdk', '@google/genai', '@mistralai/mistralai', 'cohere-ai', '@langchain/', 'llamaindex', 'client-bedrock-runtime', "from 'ai'", 'from "ai"'];

export interface BenchResults {
  date: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string; platform: string; loadAverage: { start: number[]; end: number[] } };
  corpus: { kind: 'real' | 'smoke'; packages: string[]; files: { js: number; py: number; infra: number }; lines: number; megabytes: number };
  /** Same TS/JS files for every row; ratios are other tool's time ÷ costlint's time (>1: costlint is faster). */
  scan: { costlint: Timing; costlintAllFiles: Timing; tools: (ToolRow & { ratio?: number })[] };
  perEdit: PerEditResult;
  coldStart: (ColdStart & { skipped?: undefined }) | { skipped: string };
  rssMiB: { oneThread: number; defaultThreads: number };
  growth: { times: number; files: number; ms: number; filesPerSecond: number; timeRatio: number; rssMiB: number }[];
  workers: { oneMs: number; twoMs: number; speedup: number; files: number };
  targets: { name: string; target: string; measured: string; met: boolean }[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      reps: { type: 'string' },
      out: { type: 'string' },
      'edit-iterations': { type: 'string' },
    },
  });
  const smoke = values.smoke;
  const reps = Number(values.reps ?? (smoke ? 1 : 3));
  const out = path.resolve(values.out ?? path.join(__dirname, 'results.json'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "node esbuild.mjs" first`);
  const loadStart = os.loadavg().map(round);

  const work = path.join(os.tmpdir(), `costlint-bench-${smoke ? `smoke-${process.pid}` : 'work'}`);
  const corpus = smoke ? smokeCorpus(work, path.join(__dirname, '..', 'examples')) : workingCopy(realCorpus(log), work);
  if (!smoke) installNativeTools(log);
  log(`corpus: ${corpus.counts.js} TS/JS, ${corpus.counts.py} Python, ${corpus.counts.infra} infra files (${corpus.counts.lines} lines)`);

  log('scan: costlint');
  const costlint = timeCostlint(corpus.jsDir, reps);
  const costlintAllFiles = timeCostlint(corpus.root, reps);
  log('scan: eslint, oxlint, biome, ripgrep');
  const tools = [timeEslint(corpus.jsDir, reps), timeOxlint(corpus.jsDir, reps), timeBiome(corpus.jsDir, reps), timeRipgrep(corpus.jsDir, reps, SDK_NAMES)].map((row) => ({
    ...row,
    ratio: row.timing ? Number((row.timing.ms / costlint.ms).toPrecision(3)) : undefined,
  }));

  log('per-edit analysis of a 2,000-line TS file');
  const perEdit = measurePerEditBundled(Number(values['edit-iterations'] ?? (smoke ? 20 : 300)));

  log('server cold start');
  const coldStart = fs.existsSync(SERVER) ? await measureColdStart() : { skipped: `${path.relative(process.cwd(), SERVER)} not built (the language server is not in this checkout)` };

  log('growth: 1x, 2x, 10x (one thread)');
  const growth: BenchResults['growth'] = [];
  for (const times of smoke ? [1, 2] : [1, 2, 10]) {
    const timing = timeCostlint(scaledCorpus(corpus, times), times === 1 ? reps : 1, 1);
    const files = timing.files ?? 0;
    growth.push({ times, files, ms: timing.ms, filesPerSecond: round(files / (timing.ms / 1000)), timeRatio: 0, rssMiB: timing.rssMiB ?? 0 });
  }
  for (const g of growth) g.timeRatio = round(g.ms / growth[0].ms);

  log('workers: 1 vs 2 threads');
  const workerCorpus = scaledCorpus(corpus, 2);
  const one = timeCostlint(workerCorpus, reps, 1);
  const two = timeCostlint(workerCorpus, reps, 2);
  const workers = { oneMs: one.ms, twoMs: two.ms, speedup: round(one.ms / two.ms), files: one.files ?? 0 };

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), model: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}`, loadAverage: { start: loadStart, end: os.loadavg().map(round) } },
    corpus: { kind: smoke ? 'smoke' : 'real', packages: corpus.packages, files: { js: corpus.counts.js, py: corpus.counts.py, infra: corpus.counts.infra }, lines: corpus.counts.lines, megabytes: round(corpus.counts.bytes / 2 ** 20) },
    scan: { costlint, costlintAllFiles, tools },
    perEdit,
    coldStart,
    rssMiB: { oneThread: growth[0].rssMiB, defaultThreads: costlintAllFiles.rssMiB ?? 0 },
    growth,
    workers,
    targets: [],
  };
  results.targets = targets(results);
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(formatResults(results));
  process.stdout.write(`\nwritten to ${path.relative(process.cwd(), out) || out}\n`);
  if (smoke) for (const dir of [work, `${work}-x2`]) fs.rmSync(dir, { recursive: true, force: true });
}

/** The issue's targets, each with what this run measured. */
function targets(r: BenchResults): BenchResults['targets'] {
  const ratio = (name: string) => r.scan.tools.find((t) => t.name.startsWith(name))?.ratio;
  const rows: BenchResults['targets'] = [];
  const add = (name: string, target: string, value: number | undefined, met: (v: number) => boolean, unit = '') => {
    if (value !== undefined) rows.push({ name, target, measured: `${value}${unit}`, met: met(value) });
  };
  add('faster than ESLint (no rules)', '≥ 10×', ratio('eslint'), (v) => v >= 10, '×');
  add('faster than Biome', '> 1×', ratio('biome'), (v) => v > 1, '×');
  add('vs oxlint', 'within 10× (ratio ≥ 0.1)', ratio('oxlint'), (v) => v >= 0.1, '×');
  add('vs ripgrep floor', 'within 20× (ratio ≥ 0.05)', ratio('ripgrep'), (v) => v >= 0.05, '×');
  add('per-edit p95, 2,000-line TS file', '≤ 15 ms', r.perEdit.analysis.p95, (v) => v <= 15, ' ms');
  if (!('skipped' in r.coldStart && r.coldStart.skipped)) add('server cold start to first diagnostics', '≤ 400 ms', (r.coldStart as ColdStart).ms, (v) => v <= 400, ' ms');
  add('peak RSS, whole corpus (1 thread)', '≤ 200 MiB', r.rssMiB.oneThread, (v) => v <= 200, ' MiB');
  const last = r.growth[r.growth.length - 1];
  add(`growth: ${last.times}× the files`, `≤ ${last.times === 10 ? 11 : last.times * 1.1}× the time`, last.timeRatio, (v) => v <= last.times * 1.1, '×');
  add('2 workers vs 1', '≥ 1.6×', r.workers.speedup, (v) => v >= 1.6, '×');
  return rows;
}

/** Linters skip anything under node_modules, so the cached corpus is copied (once per change) to a work folder. */
function workingCopy(cached: Corpus, work: string): Corpus {
  const stamp = path.join(cached.root, '.complete');
  const copyStamp = path.join(work, '.complete');
  if (!fs.existsSync(copyStamp) || fs.readFileSync(copyStamp, 'utf8') !== fs.readFileSync(stamp, 'utf8')) {
    fs.rmSync(work, { recursive: true, force: true });
    for (const dir of fs.readdirSync(path.dirname(work))) if (dir.startsWith(`${path.basename(work)}-x`)) fs.rmSync(path.join(path.dirname(work), dir), { recursive: true, force: true });
    fs.cpSync(cached.root, work, { recursive: true });
  }
  return { ...cached, root: work, jsDir: path.join(work, 'js') };
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
