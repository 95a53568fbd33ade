import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintPaths } from '../../server/engine/run';
import { LintCache } from '../../server/cache';
import { runCli, tempProject } from '../support/cli';

const ASK = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });
`;
const NODES = `resource "aws_eks_node_group" "gpu" {
  cluster_name    = "main"
  node_group_name = "gpu"
  node_role_arn   = "arn:aws:iam::1:role/n"
  subnet_ids      = ["s"]
  instance_types  = [var.gpu_type]
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 1
  }
}
`;
const variables = (type: string) => `variable "gpu_type" {\n  default = "${type}"\n}\n`;

describe('--cache', function () {
  this.timeout(120_000);

  it('gives the same output as an uncached run, and writes node_modules/.cache/costlint by default', () => {
    const root = path.join(__dirname, '..', '..');
    const dir = tempProject({});
    const location = path.join(dir, 'cache');
    const plain = runCli(['check', 'examples/', '--format', 'json'], root).stdout;
    const first = runCli(['check', 'examples/', '--format', 'json', '--cache-location', location], root);
    const second = runCli(['check', 'examples/', '--format', 'json', '--cache-location', location], root);
    assert.equal(first.stdout, plain);
    assert.equal(second.stdout, plain);
    assert.ok(fs.existsSync(path.join(location, 'lint-cache.json')));
    assert.equal(runCli(['estimate', 'examples/', '--explain', '--cache-location', location], root).stdout, runCli(['estimate', 'examples/', '--explain'], root).stdout);

    const project = tempProject({ 'a.ts': ASK });
    assert.equal(runCli(['check', '--cache'], project).code, 0);
    assert.ok(fs.existsSync(path.join(project, 'node_modules', '.cache', 'costlint', 'lint-cache.json')));
  });

  it('reuses a file’s report until its text, its config or a file it read changes', async () => {
    const dir = tempProject({ 'src/ask.ts': ASK, 'infra/nodes.tf': NODES, 'infra/variables.tf': variables('p5.48xlarge') });
    const location = path.join(tempProject({}), 'cache');
    const run = async () => {
      const cache = LintCache.open(location, 'test');
      const result = await lintPaths({ cwd: dir, paths: ['.'], cache, today: '2026-11-01' });
      return { hits: cache.hits, misses: cache.misses, result };
    };
    const cold = await run();
    assert.deepEqual([cold.hits, cold.misses], [0, 3]);
    const warm = await run();
    assert.deepEqual([warm.hits, warm.misses], [3, 0]);
    assert.deepEqual(
      warm.result.reports.map((r) => r.findings.map((f) => [f.ruleId, f.loc.line, f.message])),
      cold.result.reports.map((r) => r.findings.map((f) => [f.ruleId, f.loc.line, f.message])),
    );

    fs.appendFileSync(path.join(dir, 'src/ask.ts'), '// touched\n');
    assert.deepEqual([(await run()).hits, (await run()).hits], [2, 3]);

    // A sibling the Terraform extractor read (the variable's default) changes the node group's cost.
    const before = warm.result.reports.find((r) => r.path.endsWith('nodes.tf'))?.estimates[0].monthly;
    fs.writeFileSync(path.join(dir, 'infra/variables.tf'), variables('g5.xlarge'));
    const afterSibling = await run();
    assert.equal(afterSibling.misses, 2, 'nodes.tf and variables.tf');
    assert.notEqual(afterSibling.result.reports.find((r) => r.path.endsWith('nodes.tf'))?.estimates[0].monthly, before);

    fs.writeFileSync(path.join(dir, '.costlint.yaml'), 'usage:\n  monthly_calls: 123456\n');
    const afterConfig = await run();
    assert.deepEqual([afterConfig.hits, afterConfig.misses], [0, 3]);
  });

  it('lints again every file whose client comes through a barrel when the file behind it changes', async () => {
    const use = (name: string) => `import { client } from './lib';\nexport const ${name} = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n`;
    const lookAlike = `export const client = { chat: { completions: { create: (x: unknown) => x } } };\n`;
    const dir = tempProject({ 'src/a.ts': use('a'), 'src/b.ts': use('b'), 'src/lib/index.ts': `export * from './llm';\n`, 'src/lib/llm.ts': lookAlike });
    const location = path.join(tempProject({}), 'cache');
    const run = async () => {
      const cache = LintCache.open(location, 'test');
      const result = await lintPaths({ cwd: dir, paths: ['src'], cache, today: '2026-11-01' });
      const facts = Object.fromEntries(result.reports.map((r) => [path.relative(dir, r.path).split(path.sep).join('/'), r.facts.length]));
      return { hits: cache.hits, facts };
    };
    assert.deepEqual((await run()).facts, { 'src/a.ts': 0, 'src/b.ts': 0, 'src/lib/index.ts': 0, 'src/lib/llm.ts': 0 });
    assert.equal((await run()).hits, 4);
    // b.ts asked after a.ts, of the same barrel: its cache entry must still name llm.ts.
    fs.writeFileSync(path.join(dir, 'src/lib/llm.ts'), `import OpenAI from 'openai';\nexport const client = new OpenAI();\n`);
    const changed = await run();
    assert.deepEqual(changed.facts, { 'src/a.ts': 1, 'src/b.ts': 1, 'src/lib/index.ts': 0, 'src/lib/llm.ts': 0 });
    assert.equal(changed.hits, 1, 'only the barrel is unchanged and read nothing else');
    // And without a cache, a second run in the same process reads the files as they are now.
    fs.writeFileSync(path.join(dir, 'src/lib/llm.ts'), lookAlike);
    const plain = await lintPaths({ cwd: dir, paths: ['src'], today: '2026-11-01' });
    assert.deepEqual(plain.reports.map((r) => r.facts.length), [0, 0, 0, 0]);
  });

  it('starts empty on a corrupt cache file instead of failing', () => {
    const dir = tempProject({ 'a.ts': ASK, 'node_modules/.cache/costlint/lint-cache.json': '{not json' });
    const run = runCli(['check', '--cache'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /missing-max-tokens/);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/.cache/costlint/lint-cache.json'), 'utf8')));
  });
});
