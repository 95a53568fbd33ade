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

  it('starts empty on a corrupt cache file instead of failing', () => {
    const dir = tempProject({ 'a.ts': ASK, 'node_modules/.cache/costlint/lint-cache.json': '{not json' });
    const run = runCli(['check', '--cache'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /missing-max-tokens/);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/.cache/costlint/lint-cache.json'), 'utf8')));
  });
});
