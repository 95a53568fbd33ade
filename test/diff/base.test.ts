import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject } from '../support/cli';
import { fileMonthlyDelta } from '../../server/diff';
import { tempRepo } from '../support/git';

const ASK_BEFORE = `import OpenAI from 'openai';
const client = new OpenAI();
export const summarize = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', max_completion_tokens: 300, messages: [{ role: 'user', content: q }] });
export const legacy = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: 300, messages: [{ role: 'user', content: q }] });
`;
// A model swap (gpt-4o-mini → gpt-5) and a removed call (legacy).
const ASK_AFTER = `import OpenAI from 'openai';
const client = new OpenAI();
export const summarize = (q: string) => client.chat.completions.create({ model: 'gpt-5', max_completion_tokens: 300, messages: [{ role: 'user', content: q }] });
`;
// Unchanged, with a finding: not new in the change.
const KEEP = `import OpenAI from 'openai';
const client = new OpenAI();
export const keep = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }] });
`;
// An added on-demand H100 node group.
const GPU_TF = `resource "aws_eks_node_group" "gpu" {
  cluster_name    = "main"
  node_group_name = "gpu"
  node_role_arn   = "arn:aws:iam::1:role/nodes"
  subnet_ids      = ["subnet-1"]
  instance_types  = ["p5.48xlarge"]
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 2
  }
  tags = { team = "ml" }
}
`;

interface EstimateJson {
  totalMonthlyCost: number;
  items: { filePath: string; kind: string; name: string; model?: string; monthly: number }[];
}
interface DiffJson {
  totalMonthlyCost: { before: number; after: number; delta: number };
  mergeBase: string;
  items: { file: string; kind: string; name: string; change: string; beforeWhat: string | null; afterWhat: string | null; monthlyCost: { before: number; after: number; delta: number } }[];
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);

describe('--base: the cost of a change against the merge-base', function () {
  this.timeout(120_000);
  let repo: string;
  let git: (...args: string[]) => string;
  let baseEstimate: EstimateJson;
  let headEstimate: EstimateJson;

  before(() => {
    ({ dir: repo, git } = tempRepo({ 'src/ask.ts': ASK_BEFORE, 'src/keep.ts': KEEP, 'infra/main.tf': 'variable "region" { default = "us-east-1" }\n' }));
    baseEstimate = JSON.parse(runCli(['estimate', '--format', 'json'], repo).stdout);
    git('checkout', '-qb', 'feature');
    fs.writeFileSync(path.join(repo, 'src/ask.ts'), ASK_AFTER);
    fs.writeFileSync(path.join(repo, 'infra/gpu.tf'), GPU_TF);
    git('add', '-A');
    git('commit', '-qm', 'swap model, drop legacy, add GPU nodes');
    // A commit on main after the branch point: the merge-base, not main's tip, is the base.
    git('checkout', '-q', 'main');
    fs.writeFileSync(path.join(repo, 'src/later.ts'), ASK_BEFORE);
    git('add', '-A');
    git('commit', '-qm', 'later on main');
    git('checkout', '-q', 'feature');
    headEstimate = JSON.parse(runCli(['estimate', '--format', 'json'], repo).stdout);
  });

  it('estimate --base prints before, after and delta per call and resource, and in total, exactly', () => {
    const run = runCli(['estimate', '--base', 'main', '--format', 'json'], repo);
    assert.equal(run.code, 0, run.stderr);
    const diff: DiffJson = JSON.parse(run.stdout);
    assert.equal(diff.mergeBase, git('rev-parse', 'feature~1').trim());
    const monthly = (side: EstimateJson, test: (i: EstimateJson['items'][number]) => boolean) => side.items.find(test)?.monthly ?? NaN;
    const summarizeBefore = monthly(baseEstimate, (i) => i.model === 'gpt-4o-mini');
    const legacyBefore = monthly(baseEstimate, (i) => i.model === 'gpt-4o');
    const summarizeAfter = monthly(headEstimate, (i) => i.model === 'gpt-5');
    const gpuAfter = monthly(headEstimate, (i) => i.kind === 'compute');
    assert.ok(gpuAfter > 10_000, `an on-demand p5.48xlarge costs over $10k/mo, got ${gpuAfter}`);
    const byChange = Object.fromEntries(diff.items.map((i) => [i.change, i]));
    assert.deepEqual(diff.items.map((i) => [i.file, i.kind, i.change]), [
      ['infra/gpu.tf', 'compute', 'added'],
      ['src/ask.ts', 'llm-call', 'changed'],
      ['src/ask.ts', 'llm-call', 'removed'],
      ['src/keep.ts', 'llm-call', 'unchanged'],
    ]);
    assert.equal(byChange.changed.beforeWhat, 'openai gpt-4o-mini');
    assert.equal(byChange.changed.afterWhat, 'openai gpt-5');
    close(byChange.changed.monthlyCost.before, summarizeBefore);
    close(byChange.changed.monthlyCost.after, summarizeAfter);
    close(byChange.changed.monthlyCost.delta, summarizeAfter - summarizeBefore);
    assert.deepEqual(byChange.removed.monthlyCost, { before: legacyBefore, after: 0, delta: -legacyBefore });
    assert.deepEqual(byChange.added.monthlyCost, { before: 0, after: gpuAfter, delta: gpuAfter });
    close(diff.totalMonthlyCost.before, baseEstimate.totalMonthlyCost);
    close(diff.totalMonthlyCost.after, headEstimate.totalMonthlyCost);
    close(diff.totalMonthlyCost.delta, gpuAfter + summarizeAfter - summarizeBefore - legacyBefore);
  });

  it('prints the diff as a table, and never writes to the repository', () => {
    const head = git('rev-parse', 'HEAD');
    const run = runCli(['estimate', '--base', 'main'], repo);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Cost diff against main \(merge-base [0-9a-f]{12}\)$/m);
    assert.match(run.stdout, /^ {2}\+ 1 +aws_eks_node_group\.gpu 8× H100 on-demand +\$0\/mo → \$[\d,]+\/mo +\+\$[\d,]+\/mo$/m);
    assert.match(run.stdout, /^ {2}~ 3 +client\.chat\.completions\.create +openai gpt-4o-mini → openai gpt-5 /m);
    assert.match(run.stdout, /^ {2}- 4 +client\.chat\.completions\.create +openai gpt-4o /m);
    assert.match(run.stdout, /^Monthly cost: \$[\d.,]+\/mo → \$[\d.,]+\/mo \(\+\$[\d.,]+\/mo, \+\d+%\)$/m);
    assert.equal(git('status', '--porcelain'), '');
    assert.equal(git('rev-parse', 'HEAD'), head);
    assert.equal(git('stash', 'list'), '');
  });

  it('the PR comment body shows the delta table and only new findings', () => {
    const run = runCli(['check', '--base', 'main', '--format', 'markdown'], repo);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^### costlint: \+\$[\d,]+\/mo 📈 · \d+ new findings?$/m);
    assert.match(run.stdout, /^\*\*Monthly cost:\*\* \$[\d.,]+\/mo → \$[\d.,]+\/mo \(\*\*\+\$[\d,.]+\/mo\*\*, \+\d+%\) against `main` \([0-9a-f]{7}\)$/m);
    assert.match(run.stdout, /^\| ➕ \| `infra\/gpu\.tf:1` \| aws_eks_node_group\.gpu 8× H100 on-demand \| \$0\/mo \| \$[\d,]+\/mo \| \*\*\+\$[\d,]+\/mo\*\* \|$/m);
    assert.match(run.stdout, /^\| ✏️ \| `src\/ask\.ts:3` \| `client\.chat\.completions\.create` openai gpt-4o-mini → openai gpt-5 \|/m);
    assert.match(run.stdout, /^\| ➖ \| `src\/ask\.ts:4` \|/m);
    assert.match(run.stdout, /frontier-model-default.*`src\/ask\.ts:3`/);
    assert.doesNotMatch(run.stdout, /`src\/keep\.ts/);
    assert.match(runCli(['check', '--format', 'markdown'], repo).stdout, /`src\/keep\.ts:3`/);
  });

  it('fileMonthlyDelta: one file against the merge-base, with unsaved text', async () => {
    const file = path.join(repo, 'src/ask.ts');
    const diff: DiffJson = JSON.parse(runCli(['estimate', '--base', 'main', '--format', 'json'], repo).stdout);
    const askItems = diff.items.filter((i) => i.file === 'src/ask.ts');
    const delta = await fileMonthlyDelta(file, 'main');
    assert.ok(delta);
    close(delta.delta, askItems.reduce((n, i) => n + i.monthlyCost.delta, 0));
    const unchanged = await fileMonthlyDelta(file, 'main', { text: ASK_BEFORE });
    assert.deepEqual(unchanged && unchanged.delta, 0);
    assert.equal(await fileMonthlyDelta(file, 'no-such-ref'), null);
    assert.equal(await fileMonthlyDelta(path.join(tempProject({ 'a.ts': ASK_AFTER }), 'a.ts'), 'main'), null);
  });

  it('an unknown ref or a folder outside git is a usage error (exit 2)', () => {
    const unknown = runCli(['check', '--base', 'no-such-branch'], repo);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--base: unknown git ref "no-such-branch" \(in CI, fetch it first/);
    const outside = runCli(['estimate', '--base', 'main'], tempProject({ 'a.ts': ASK_AFTER }));
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /--base needs a git repository/);
    assert.equal(runCli(['check', '--changed-only'], repo).code, 2);
  });

  it('check --base --changed-only reports findings on changed lines only, and --fail-on-increase gates the delta', () => {
    fs.writeFileSync(path.join(repo, 'src/old.ts'), '');
    git('add', 'src/old.ts');
    git('commit', '-qm', 'empty file');
    // An old finding on an unchanged line of a committed file… (uncommitted edits count as the change)
    fs.writeFileSync(path.join(repo, 'src/old.ts'), `${ASK_AFTER}`);
    git('add', 'src/old.ts');
    git('commit', '-qm', 'old code');
    git('branch', '-f', 'base-here');
    fs.appendFileSync(path.join(repo, 'src/old.ts'), `export const added = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });\n`);
    const all = JSON.parse(runCli(['check', '--format', 'json', 'src/old.ts'], repo).stdout)[0].messages;
    const changed = JSON.parse(runCli(['check', '--base', 'base-here', '--changed-only', '--format', 'json', 'src/old.ts'], repo).stdout)[0].messages;
    assert.ok(all.some((m: { line: number }) => m.line === 3));
    assert.deepEqual(changed.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line]), [['missing-max-tokens', 4]]);

    const gate = runCli(['check', '--base', 'base-here', '--fail-on-increase', '0.5', 'src/old.ts'], repo);
    assert.equal(gate.code, 1, gate.stderr);
    assert.match(gate.stderr, /raises the monthly cost by \+\$[\d.]+\/mo .* over --fail-on-increase \$0\.50\/mo/);
    assert.equal(runCli(['check', '--base', 'base-here', '--fail-on-increase', '1000%', 'src/old.ts'], repo).code, 0);
    assert.equal(runCli(['check', '--base', 'base-here', '--fail-on-increase', '10%', 'src/old.ts'], repo).code, 1);
  });
});
