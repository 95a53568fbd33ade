import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResults } from '../../bench/run';

const ROOT = path.join(__dirname, '..', '..');

/** The bench on its tiny corpus (the bundled examples plus generated files): the report's shape, never its timings. */
describe('npm run bench (smoke run on a tiny corpus)', function () {
  this.timeout(600_000);
  let results: BenchResults;
  let stdout: string;

  before(() => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-bench-test-')), 'results.json');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'run.ts'), '--smoke', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 540_000 });
    assert.equal(run.status, 0, run.stderr);
    stdout = run.stdout;
    results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('times costlint and every other tool on the same TS/JS files', () => {
    assert.equal(results.corpus.kind, 'smoke');
    assert.ok(results.corpus.files.js > 0 && results.corpus.files.py > 0 && results.corpus.files.infra > 0);
    assert.equal(results.scan.costlint.files, results.corpus.files.js, 'costlint reports every TS/JS file');
    assert.equal(results.scan.costlintAllFiles.files, results.corpus.files.js + results.corpus.files.py + results.corpus.files.infra);
    assert.deepEqual(
      results.scan.tools.map((t) => t.name.split(' ')[0]),
      ['eslint', 'oxlint', 'biome', 'ripgrep'],
    );
    for (const tool of results.scan.tools) {
      if (tool.skipped) continue;
      assert.ok(tool.timing!.ms > 0 && tool.ratio! > 0, tool.name);
      if (tool.timing!.files !== undefined) assert.equal(tool.timing!.files, results.corpus.files.js, `${tool.name} saw the same files`);
    }
    assert.ok(results.scan.tools.some((t) => t.name.startsWith('eslint') && !t.skipped), 'ESLint is a devDependency and always runs');
  });

  it('measures per-edit latency, RSS, growth and workers', () => {
    assert.ok(results.perEdit.lines >= 2000 && results.perEdit.iterations === 20);
    assert.ok(results.perEdit.facts > 0, 'the 2,000-line file has LLM calls');
    assert.ok(results.perEdit.analysis.p50 > 0 && results.perEdit.analysis.p95 >= results.perEdit.analysis.p50);
    assert.ok(results.rssMiB.oneThread > 0 && results.rssMiB.defaultThreads > 0);
    assert.deepEqual(results.growth.map((g) => g.times), [1, 2]);
    assert.equal(results.growth[1].files, 2 * results.growth[0].files);
    assert.ok(results.workers.oneMs > 0 && results.workers.twoMs > 0);
    if ('skipped' in results.coldStart && results.coldStart.skipped) assert.match(results.coldStart.skipped, /server\.js/);
    else assert.ok((results.coldStart as { ms: number }).ms > 0 && (results.coldStart as { firstStartMs: number }).firstStartMs > 0);
  });

  it('prints the table with each target and whether it was met', () => {
    assert.match(stdout, /load average at start/);
    assert.match(stdout, /^costlint check +\d+ +[\d,]+ +1$/m);
    for (const target of results.targets) {
      assert.match(target.measured, /^[\d.]+/);
      assert.ok(stdout.includes(target.name), target.name);
    }
    assert.ok(results.targets.some((t) => t.name.startsWith('faster than ESLint')));
  });
});
