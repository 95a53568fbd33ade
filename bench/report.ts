import type { BenchResults } from './run';

/** The plain-text table `npm run bench` prints. */
export function formatResults(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`costlint bench — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}`);
  lines.push(`load average at start ${m.loadAverage.start.join(' ')}, at end ${m.loadAverage.end.join(' ')} (other work on the machine skews absolute times; ratios are from one run)`);
  lines.push(`corpus (${r.corpus.kind}): ${r.corpus.files.js} TS/JS + ${r.corpus.files.py} Python + ${r.corpus.files.infra} Terraform/K8s files, ${r.corpus.lines} lines, ${r.corpus.megabytes} MB`);
  lines.push('');
  lines.push(table(
    ['full scan of the TS/JS files', 'files', 'median ms', 'its time ÷ costlint'],
    [
      ['costlint check', String(r.scan.costlint.files ?? ''), ms(r.scan.costlint.ms), '1'],
      ...r.scan.tools.map((t) => (t.timing ? [t.name, String(t.timing.files ?? ''), ms(t.timing.ms), `${t.ratio}`] : [t.name, '', `skipped: ${t.skipped}`, ''])),
      ['costlint check, all files (+ Python, Terraform, K8s)', String(r.scan.costlintAllFiles.files ?? ''), ms(r.scan.costlintAllFiles.ms), ''],
    ],
  ));
  lines.push('');
  lines.push(table(
    ['measure', 'value'],
    [
      [`per-edit analysis, ${r.perEdit.lines}-line TS file (${r.perEdit.iterations} edits)`, `p50 ${r.perEdit.analysis.p50} ms, p95 ${r.perEdit.analysis.p95} ms`],
      ['  the same, CPU time', `p50 ${r.perEdit.analysisCpu.p50} ms, p95 ${r.perEdit.analysisCpu.p95} ms`],
      ['  typescript-estree parse alone (with comments), same texts', `p50 ${r.perEdit.parseOnly.p50} ms, p95 ${r.perEdit.parseOnly.p95} ms`],
      ['server cold start to first diagnostics', 'skipped' in r.coldStart && r.coldStart.skipped ? `skipped: ${r.coldStart.skipped}` : `${(r.coldStart as { ms: number }).ms} ms`],
      ...('skipped' in r.coldStart && r.coldStart.skipped ? [] : [['  the first start after an install or upgrade (no code cache yet)', `${(r.coldStart as { firstStartMs: number }).firstStartMs} ms`]]),
      ['peak RSS, whole corpus, 1 thread', `${r.rssMiB.oneThread} MiB`],
      ['peak RSS, whole corpus, default threads', `${r.rssMiB.defaultThreads} MiB`],
      ...r.growth.map((g) => [`${g.times}× corpus (${g.files} files, 1 thread)`, `${ms(g.ms)} ms, ${Math.round(g.filesPerSecond)} files/s, ${g.timeRatio}× the 1× time`]),
      [`workers on 2× corpus (${r.workers.files} files)`, `1 thread ${ms(r.workers.oneMs)} ms, 2 threads ${ms(r.workers.twoMs)} ms: ${r.workers.speedup}×`],
    ],
  ));
  lines.push('');
  lines.push(table(['target', 'wanted', 'measured', 'met'], r.targets.map((t) => [t.name, t.target, t.measured, t.met ? 'yes' : 'no'])));
  return `${lines.join('\n')}\n`;
}

function ms(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
