import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintPaths, type RunResult } from '../../server/engine/run';
import { initExtractors } from '../../server/languages';
import { CLI, runCli, tempProject } from '../support/cli';
import { ROOT, TODAY, assertOneClearError, assertRangesInside, lintText, tally } from './support';

/**
 * Files nobody cleaned for a linter: huge, binary, minified, absurdly nested, alias bombs,
 * symlink loops, unreadable, not UTF-8, CRLF and BOM. Each case goes through the engine API the
 * CLI uses (`lintPaths`) or the built CLI itself, and counts as one hostile case.
 */

const OPENAI_TS = (call = "client.chat.completions.create({ model: 'gpt-4o', messages })") =>
  `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function ask(messages: any[]) {\n  return ${call};\n}\n`;

async function lintProject(dir: string, options: { maxFileBytes?: number; paths?: string[] } = {}): Promise<RunResult> {
  tally.hostileCases++;
  return lintPaths({ cwd: dir, paths: options.paths ?? ['.'], maxFileBytes: options.maxFileBytes, today: TODAY });
}

function reportOf(result: RunResult, name: string) {
  const report = result.reports.find((r) => path.basename(r.path) === name);
  assert.ok(report, `${name} was linted; skipped: ${JSON.stringify(result.skipped)}`);
  return report;
}

function skipReason(result: RunResult, name: string): string {
  const skipped = result.skipped.find((s) => path.basename(s.path) === name);
  assert.ok(skipped, `${name} was skipped; reports: ${result.reports.map((r) => r.path).join(', ')}`);
  return skipped.reason;
}

/** As root: a copy of the built CLI `nobody` can read, when `nobody` can run node at all (else null). */
function runnableAsNobody(project: string): { cli: string } | null {
  fs.chmodSync(project, 0o755);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-dist-'));
  after(() => fs.rmSync(copy, { recursive: true, force: true }));
  // The bundle reads the catalog from ../pricing, as in the package.
  for (const part of ['dist', 'pricing']) fs.cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
  fs.chmodSync(copy, 0o755);
  const probe = spawnSync(process.execPath, ['-e', '0'], { uid: 65534, gid: 65534, cwd: copy });
  return probe.status === 0 ? { cli: path.join(copy, 'dist', path.basename(CLI)) } : null;
}

const ruleIds = (result: RunResult, name: string) => reportOf(result, name).findings.map((f) => f.ruleId);

describe('reliability: hostile input', function () {
  this.timeout(120_000);
  before(() => initExtractors());

  describe('size', () => {
    it('a 50 MB file is skipped with a note, and the rest of the run goes on', async () => {
      const dir = tempProject({ 'src/app.ts': OPENAI_TS() });
      const line = 'export const padding = "0123456789012345678901234567890123456789";\n';
      fs.writeFileSync(path.join(dir, 'src/huge.ts'), line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
      const result = await lintProject(dir);
      assert.match(skipReason(result, 'huge.ts'), /^skipped: 50\.0 MB is over the 2\.0 MB limit \(--max-file-size\)$/);
      assert.ok(ruleIds(result, 'app.ts').includes('missing-max-tokens'));
    });

    it('the size limit is configurable: a 150 KB file linted by default is skipped under --max-file-size 0.1', async () => {
      const filler = 'const a = [1, 2, 3];\n'.repeat(Math.ceil((150 * 1024) / 21));
      const dir = tempProject({ 'src/big.ts': OPENAI_TS() + filler });
      assert.ok(ruleIds(await lintProject(dir), 'big.ts').includes('missing-max-tokens'));
      const cli = runCli(['check', '--max-file-size', '0.1', '--format', 'json', '.'], dir);
      tally.hostileCases++;
      const [result] = JSON.parse(cli.stdout);
      assert.equal(path.basename(result.filePath), 'big.ts');
      assert.match(result.messages[0].message, /0\.1 MB is over the 0\.1 MB limit/);
    });
  });

  describe('not text', () => {
    it('a binary file with a source extension is skipped as binary', async () => {
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(OPENAI_TS())]);
      const dir = tempProject({ 'src/logo.ts': png, 'k8s/blob.yaml': Buffer.alloc(4096, 0) });
      const result = await lintProject(dir);
      assert.equal(skipReason(result, 'logo.ts'), 'skipped: binary file');
      assert.equal(skipReason(result, 'blob.yaml'), 'skipped: binary file');
    });

    it('random high bytes (no NUL) are linted as lossy text without a throw', async () => {
      const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => 0x80 + ((i * 7919) % 128)));
      const dir = tempProject({ 'src/noise.ts': Buffer.concat([Buffer.from(OPENAI_TS()), bytes]), 'noise.py': bytes, 'main.tf': bytes });
      const result = await lintProject(dir);
      assert.equal(result.reports.length + result.skipped.length, 3);
      for (const report of result.reports) assertRangesInside(report, report.lines.text);
      assertOneClearError(reportOf(result, 'noise.ts'), reportOf(result, 'noise.ts').lines.text);
    });

    it('a UTF-16 file is skipped saying so, not read as garbage', async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OPENAI_TS(), 'utf16le')]);
      const result = await lintProject(tempProject({ 'src/wide.ts': utf16 }));
      assert.equal(skipReason(result, 'wide.ts'), 'skipped: UTF-16 text (costlint reads UTF-8)');
    });

    it('a named pipe with a source name is skipped instead of blocking the run', async function () {
      const dir = tempProject({ 'src/app.ts': OPENAI_TS() });
      const made = spawnSync('mkfifo', [path.join(dir, 'src/pipe.ts')]);
      assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
      const result = await lintProject(dir);
      assert.equal(skipReason(result, 'pipe.ts'), 'skipped: not a regular file');
      assert.ok(ruleIds(result, 'app.ts').includes('missing-max-tokens'));
    });
  });

  describe('shape', () => {
    it('a minified one-line bundle is linted and its finding points at the exact column', async () => {
      const filler = Array.from({ length: 4_000 }, (_, i) => `function f${i}(a){return a*${i}+"${i}"}`).join(';');
      const call = 'o.chat.completions.create({model:"gpt-4o",messages:m})';
      const text = `var OpenAI=require("openai");var o=new OpenAI();${filler};async function q(m){return ${call}};${filler}`;
      assert.ok(text.length > 250_000 && !text.includes('\n'));
      const result = await lintProject(tempProject({ 'dist-bundle/app.min.js': text }));
      const finding = reportOf(result, 'app.min.js').findings.find((f) => f.ruleId === 'missing-max-tokens');
      assert.ok(finding, 'the call in the bundle is found');
      assert.equal(finding.loc.line, 1);
      assert.ok(text.slice(finding.range.start, finding.range.end).includes('o.chat.completions.create'), text.slice(finding.range.start, finding.range.end).slice(0, 80));
      assert.equal(finding.loc.column, finding.range.start + 1);
    });

    const N = 10_000;
    const deep: Record<string, [string, string, (facts: number) => void]> = {
      'TypeScript arrays': ['/p/src/a.ts', `${OPENAI_TS()}const x = ${'['.repeat(N)}${']'.repeat(N)};\n`, () => {}],
      'TypeScript calls': ['/p/src/a.ts', OPENAI_TS(`client.chat.completions.create({ model: 'gpt-4o', messages: ${'f('.repeat(N)}1${')'.repeat(N)} })`), () => {}],
      'TypeScript blocks': ['/p/src/a.ts', `${OPENAI_TS()}${'if (x) {'.repeat(N)}${'}'.repeat(N)}\n`, () => {}],
      'Python parentheses': ['/p/a.py', `from openai import OpenAI\nc = OpenAI()\nx = ${'('.repeat(N)}1${')'.repeat(N)}\nc.chat.completions.create(model="gpt-4o", messages=[])\n`, (facts) => assert.equal(facts, 1)],
      'Python lists in a call': ['/p/a.py', `from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model="gpt-4o", messages=${'['.repeat(N)}${']'.repeat(N)})\n`, (facts) => assert.equal(facts, 1)],
      'HCL objects': ['/p/main.tf', `resource "aws_instance" "x" {\n  instance_type = "p5.48xlarge"\n  tags = ${'{a = '.repeat(N)}1${'}'.repeat(N)}\n}\n`, () => {}],
      'HCL blocks': ['/p/main.tf', `resource "aws_instance" "x" {\n  instance_type = "p5.48xlarge"\n${'b {\n'.repeat(N)}${'}\n'.repeat(N)}}\n`, () => {}],
      'YAML flow sequences': ['/p/k8s/d.yaml', `apiVersion: apps/v1\nkind: Deployment\nspec:\n  x: ${'['.repeat(N)}${']'.repeat(N)}\n  template:\n    spec:\n      containers:\n      - resources: {limits: {nvidia.com/gpu: 1}}\n`, () => {}],
      'YAML compact block sequences': ['/p/k8s/d.yaml', `apiVersion: apps/v1\nkind: Deployment\nspec:\n  x:\n    ${'- '.repeat(N)}1\n`, () => {}],
      'CloudFormation JSON': ['/p/cfn/t.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"G": {"Type": "AWS::EC2::Instance", "Properties": {"InstanceType": "p4d.24xlarge", "X": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}}}}}`, () => {}],
    };
    for (const [name, [file, text, check]] of Object.entries(deep)) {
      it(`10,000-deep nesting: ${name} gives facts or one clear error, never a throw`, () => {
        tally.hostileCases++;
        const report = lintText(file, text);
        if (report.errors.length) {
          assertOneClearError(report, text);
          assert.doesNotMatch(report.errors[0].message, /Maximum call stack/, 'the overflow is named for the user');
        }
        assertRangesInside(report, text);
        check(report.facts.length);
      });
    }
  });

  describe('YAML alias bombs', () => {
    const bomb = (head: string, indent = '') =>
      `${head}${indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n` +
      Array.from({ length: 9 }, (_, i) => `${indent}a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]\n`).join('');
    const gpuDeployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ok\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          resources:\n            limits:\n              nvidia.com/gpu: 1\n';

    it('a billion-laughs Kubernetes document is rejected and the next document is still read', async () => {
      const text = `${bomb('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n', '  ')}---\n${gpuDeployment}`;
      const result = await lintProject(tempProject({ 'k8s/bomb.yaml': text }));
      const report = reportOf(result, 'bomb.yaml');
      assertOneClearError(report, report.lines.text);
      assert.match(report.errors[0].message, /alias bomb/);
      assert.equal(report.facts.length, 1, 'the GPU Deployment after the bomb is still a fact');
    });

    it('a billion-laughs CloudFormation template is rejected', async () => {
      const text = `AWSTemplateFormatVersion: "2010-09-09"\n${bomb('')}Resources:\n  Gpu:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: p4d.24xlarge\n`;
      const result = await lintProject(tempProject({ 'cfn/bomb.yaml': text }));
      const report = reportOf(result, 'bomb.yaml');
      assertOneClearError(report, report.lines.text);
      assert.match(report.errors[0].message, /alias bomb/);
    });
  });

  describe('the file system', () => {
    it('symlink loops, chains and dangling links are skipped and the run ends', async () => {
      const dir = tempProject({ 'src/app.ts': OPENAI_TS() });
      fs.symlinkSync('..', path.join(dir, 'src/parent'));
      fs.symlinkSync('.', path.join(dir, 'src/self'));
      fs.symlinkSync('b.ts', path.join(dir, 'src/a.ts'));
      fs.symlinkSync('a.ts', path.join(dir, 'src/b.ts'));
      fs.symlinkSync('missing.ts', path.join(dir, 'src/dangling.ts'));
      const result = await lintProject(dir);
      assert.equal(result.reports.length, 1, 'app.ts once, however many ways lead to it');
      assert.ok(ruleIds(result, 'app.ts').includes('missing-max-tokens'));
      assert.ok(result.skipped.some((s) => s.reason === 'symlink loop'));
      assert.equal(skipReason(result, 'a.ts'), 'cannot read: ELOOP');
      assert.equal(skipReason(result, 'dangling.ts'), 'cannot read: ENOENT');
    });

    it('unreadable files and folders are skipped with the reason (as a user without access, also when the suite runs as root)', function () {
      const dir = tempProject({ 'src/app.ts': OPENAI_TS(), 'src/secret.ts': OPENAI_TS(), 'locked/inner.ts': OPENAI_TS() });
      fs.chmodSync(path.join(dir, 'src/secret.ts'), 0o000);
      fs.chmodSync(path.join(dir, 'locked'), 0o000);
      // Root reads through chmod 000, so as root the CLI runs as `nobody`, for whom the bits hold:
      // from a world-readable copy of the bundle, since the checkout may sit in root's home.
      const nobody = process.getuid?.() === 0 ? runnableAsNobody(dir) : null;
      const run = spawnSync(process.execPath, [nobody?.cli ?? CLI, 'check', '--format', 'json', '.'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1' },
        timeout: 60_000,
        ...(nobody ? { uid: 65534, gid: 65534 } : {}),
      });
      tally.hostileCases++;
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      const results: { filePath: string; messages: { message: string; ruleId: string | null }[] }[] = JSON.parse(run.stdout);
      const byName = (name: string) => results.find((r) => path.basename(r.filePath) === name);
      assert.ok(byName('app.ts')?.messages.some((m) => m.ruleId === 'missing-max-tokens'), 'the readable file is still linted');
      if (process.getuid?.() === 0 && !nobody) {
        // Root whose node binary `nobody` cannot run: chmod 000 does not stop root, so the files are linted, not skipped.
        assert.ok(byName('secret.ts')?.messages.some((m) => m.ruleId === 'missing-max-tokens'), 'root reads a chmod 000 file');
        return;
      }
      assert.match(byName('secret.ts')?.messages[0].message ?? '', /cannot read: EACCES/);
      assert.match(byName('locked')?.messages[0].message ?? '', /cannot read folder: EACCES/);
    });
  });

  describe('encodings and line ends', () => {
    const latin1 = Buffer.concat([Buffer.from('// R'), Buffer.from([0xe9]), Buffer.from('sum'), Buffer.from([0xe9]), Buffer.from(' des tickets\n'), Buffer.from(OPENAI_TS())]);

    it('non-UTF-8 text is linted with exact positions, and --fix leaves its bytes alone', async () => {
      const dir = tempProject({ 'src/legacy.ts': latin1 });
      const finding = (await lintProject(dir)).reports[0].findings.find((f) => f.ruleId === 'missing-max-tokens');
      assert.ok(finding);
      assert.deepEqual([finding.loc.line, finding.loc.column], [5, 10], 'same place as in the UTF-8 file (one U+FFFD per bad byte)');
      const fixed = runCli(['check', '--fix', '.'], dir);
      tally.hostileCases++;
      assert.match(fixed.stderr, /fixes not applied to src\/legacy\.ts: not valid UTF-8/);
      assert.ok(fs.readFileSync(path.join(dir, 'src/legacy.ts')).equals(latin1), 'the file is byte for byte as it was');
    });

    /** One source per language, with the finding each must produce. */
    const sources: Record<string, string> = {
      'src/app.ts': OPENAI_TS(),
      'app.py': 'from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(messages):\n    # résumé ✓\n    return client.chat.completions.create(model="gpt-4o", messages=messages)\n',
      'infra/main.tf': 'resource "aws_instance" "gpu" {\n  # résumé ✓\n  instance_type = "p4d.24xlarge"\n}\n',
      'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: llm # résumé ✓\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: vllm\n          resources:\n            limits:\n              nvidia.com/gpu: 1\n',
    };
    const variants = {
      lf: (t: string) => t,
      crlf: (t: string) => t.replace(/\n/g, '\r\n'),
      'bom+lf': (t: string) => `\ufeff${t}`,
      'bom+crlf': (t: string) => `\ufeff${t.replace(/\n/g, '\r\n')}`,
    };
    const positions = (result: RunResult) =>
      result.reports.map((r) => ({ file: path.basename(r.path), findings: r.findings.map((f) => [f.ruleId, f.loc.line, f.loc.column, f.loc.endLine, f.loc.endColumn, r.lines.text.slice(f.range.start, f.range.end).replace(/\r/g, '')]) }));

    it('CRLF and BOM leave every range exactly where it is in the LF file', async () => {
      const expected = positions(await lintProject(tempProject(sources)));
      assert.ok(expected.every((r) => r.findings.length > 0), JSON.stringify(expected));
      for (const [name, variant] of Object.entries(variants)) {
        const files = Object.fromEntries(Object.entries(sources).map(([file, text]) => [file, variant(text)]));
        assert.deepEqual(positions(await lintProject(tempProject(files))), expected, name);
      }
    });

    it('--fix keeps CRLF and the BOM, changing only what the fix changes', () => {
      // One project, one folder per variant, one --fix run: each variant must end as the LF result in its own dress.
      const slug = (name: string) => name.replace('+', '-');
      const files: Record<string, string> = {};
      for (const [name, variant] of Object.entries(variants)) for (const [file, text] of Object.entries(sources)) files[`${slug(name)}/${file}`] = variant(text);
      const dir = tempProject(files);
      const run = runCli(['check', '--fix', '.'], dir);
      tally.hostileCases += Object.keys(variants).length;
      assert.equal(run.stderr.includes('fixes not applied'), false, run.stderr);
      const fixedLf = Object.fromEntries(Object.keys(sources).map((file) => [file, fs.readFileSync(path.join(dir, 'lf', file), 'utf8')]));
      assert.ok(Object.keys(sources).some((file) => fixedLf[file] !== sources[file]), 'some fix applied');
      for (const [name, variant] of Object.entries(variants)) {
        for (const file of Object.keys(sources)) {
          assert.equal(fs.readFileSync(path.join(dir, slug(name), file), 'utf8'), variant(fixedLf[file]), `${name} ${file}`);
        }
      }
    });
  });
});
