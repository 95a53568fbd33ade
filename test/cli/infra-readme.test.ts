import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliAsync, tempProject } from '../support/cli';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
/** One README section, up to the next `## ` heading. */
const sectionOf = (heading: string) => {
  const start = README.indexOf(`${heading}\n`);
  const end = README.indexOf('\n## ', start + heading.length);
  return README.slice(start, end === -1 ? undefined : end + 1);
};
const SECTION = sectionOf('## Infrastructure');
/** The section's fenced blocks of one language (`''` for plain output), in order. */
const blocks = (lang: string) => [...SECTION.matchAll(/```(\w*)\n([\s\S]*?)```/g)].filter((m) => m[1] === lang).map((m) => m[2]);

/** The README's Terraform and Kubernetes files, each named by its first-line comment. */
function readmeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const code of [...blocks('hcl'), ...blocks('yaml')]) files[/^# (\S+)/.exec(code)![1]] = code;
  return files;
}

describe('the README infrastructure example, as a new user runs it', function () {
  // Each case runs the built CLI; a loaded CI machine needs the room.
  this.timeout(120_000);

  it('shows the files it lints', () => {
    assert.deepEqual(Object.keys(readmeFiles()).sort(), ['infra/gpu.tf', 'k8s/chat.yaml']);
  });

  it('check prints what the README shows: each new infrastructure rule on the node group and the Deployment', async () => {
    const dir = tempProject(readmeFiles());
    const run = await runCliAsync(['check'], dir);
    assert.equal(run.code, 0, run.stderr);
    const [shown] = blocks('');
    assert.equal(run.stdout, shown, 'the README shows what check prints');
    for (const rule of ['expensive-gpu-for-inference', 'on-demand-gpu-training', 'gpu-without-autoscaling', 'missing-cost-tags']) assert.match(run.stdout, new RegExp(` ${rule} `));
  });

  it('estimate prints what the README shows, and its JSON has the same figures', async () => {
    const dir = tempProject(readmeFiles());
    const run = await runCliAsync(['estimate'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, blocks('')[1], 'the README shows what estimate prints');

    const json = await runCliAsync(['estimate', '--format', 'json'], dir);
    const { items } = JSON.parse(json.stdout) as { items: { name: string; monthly: number; purchase: string; gpu: { model: string; count: number } }[] };
    const byName = new Map(items.map((i) => [i.name, i]));
    // p4d.24xlarge at $21.96/h × 2 nodes × 730 h; one H100 at $6.88/GPU-hour × 2 replicas × 730 h.
    assert.equal(Math.round(byName.get('aws_eks_node_group.finetune')!.monthly), Math.round(21.96 * 2 * 730));
    assert.deepEqual(byName.get('Deployment/chat')!.gpu, { model: 'H100', count: 1 });
    assert.equal(byName.get('Deployment/chat')!.purchase, 'unknown');
    assert.equal(Math.round(byName.get('Deployment/chat')!.monthly), Math.round(6.88 * 2 * 730));
  });
});
