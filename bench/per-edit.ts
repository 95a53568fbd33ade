import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { parse } from '@typescript-eslint/typescript-estree';
import { lintSource } from '../server/engine/lint';
import { defaultConfig } from '../server/config/load';
import { settingsFor } from '../server/config/load';
import { initExtractors } from '../server/languages';
import { DocumentMemory } from '../server/languages/extractor';
import { defaultCatalog } from '../pricing/catalog';
import { rules } from '../rules';
import { setTokenizerMode } from '../server/estimate/tokens';
import { generatedTypeScript } from './corpus';
import { percentile, round } from './tools';

export interface PerEditResult {
  lines: number;
  iterations: number;
  /** Whole-file analysis (extract, rules, estimates) after each edit, as the editor runs it: wall time. */
  analysis: { p50: number; p95: number };
  /** The same, CPU time of this process: less skewed by other work on a shared machine. */
  analysisCpu: { p50: number; p95: number };
  /** typescript-estree's parse alone on the same texts (ranges and comments, as costlint parsed before), for reference. */
  parseOnly: { p50: number; p95: number };
  facts: number;
}

/**
 * Times the editor's path on each keystroke: the text of a 2,000-line TS file changes by one
 * character (a digit typed into a string in the middle), and the file is analysed again.
 */
export async function measurePerEdit(iterations: number, lines = 2000): Promise<PerEditResult> {
  await initExtractors();
  // The editor never waits for a tokenizer on the typing path.
  setTokenizerMode('deferred');
  const base = generatedTypeScript(lines);
  const file = path.join(process.cwd(), 'per-edit.ts');
  const settings = settingsFor(defaultConfig(process.cwd()), rules, defaultCatalog(), file);
  // A digit typed into a number literal in the middle of the file.
  const marker = 'Math.round(sum * 100) / 100 + ';
  const anchor = base.indexOf(marker, base.length >> 1) + marker.length;
  const textAt = (i: number) => `${base.slice(0, anchor)}${1 + (i % 9)}${base.slice(anchor)}`;

  // The editor keeps the document's last parse, and re-parses only the statement an edit lies in.
  const memory = new DocumentMemory();
  const warmup = Math.min(20, iterations);
  let facts = 0;
  for (let i = 0; i < warmup; i++) facts = lintSource({ path: file, text: textAt(i) }, settings, rules, { memory }).facts.length;
  const analysis: number[] = [];
  const analysisCpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = textAt(warmup + i);
    const start = performance.now();
    const cpu = process.cpuUsage();
    lintSource({ path: file, text }, settings, rules, { memory });
    analysis.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    analysisCpu.push((used.user + used.system) / 1000);
  }
  // Apart from the loop above: a full parse's garbage would otherwise be collected during the analyses timed there.
  const parseOnly: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = textAt(warmup + i);
    const start = performance.now();
    parse(text, { range: true, loc: false, comment: true, filePath: file });
    parseOnly.push(performance.now() - start);
  }
  setTokenizerMode('lazy');
  return {
    lines: base.split('\n').length - 1,
    iterations,
    analysis: { p50: percentile(analysis, 50), p95: percentile(analysis, 95) },
    analysisCpu: { p50: percentile(analysisCpu, 50), p95: percentile(analysisCpu, 95) },
    parseOnly: { p50: percentile(parseOnly, 50), p95: percentile(parseOnly, 95) },
    facts: round(facts),
  };
}

/**
 * Runs `measurePerEdit` in a child process from an esbuild bundle, as the language server runs
 * the engine (sources under tsx pay for module interop on every AST type check).
 */
export function measurePerEditBundled(iterations: number): PerEditResult {
  const root = path.join(__dirname, '..');
  // Beside the other bundles, so the grammar wasm files in dist/wasm are found.
  const outfile = path.join(root, 'dist', 'bench-per-edit.js');
  buildSync({
    stdin: { contents: `require(${JSON.stringify(__filename)}).measurePerEdit(${iterations}).then((r) => process.stdout.write(JSON.stringify(r)));`, resolveDir: __dirname, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    external: ['esbuild'],
    logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "var importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  const run = spawnSync(process.execPath, [outfile], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`per-edit measurement failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as PerEditResult;
}
