import * as assert from 'node:assert/strict';
import { runCliAsync, tempProject } from '../support/cli';

/** 120 files, a fifth with LLM calls, a few broken or Python or Terraform: enough for several batches per thread. */
function largeProject(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    const dir = `src/part${i % 7}`;
    if (i % 5 === 0) {
      files[`${dir}/call${i}.ts`] = `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const run${i} = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });\n`;
    } else if (i % 17 === 0) {
      files[`${dir}/broken${i}.ts`] = `import OpenAI from 'openai';\nconst x = ;\n`;
    } else if (i % 13 === 0) {
      files[`${dir}/job${i}.py`] = `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-5", messages=[])\n`;
    } else if (i % 11 === 0) {
      files[`infra/pool${i}.tf`] = `resource "aws_instance" "gpu${i}" {\n  instance_type = "p4d.24xlarge"\n}\n`;
    } else {
      files[`${dir}/util${i}.ts`] = `export function add${i}(a: number, b: number) {\n  return a + b + ${i};\n}\n`;
    }
  }
  return files;
}

describe('costlint check --threads', function () {
  this.timeout(120_000);

  it('gives the same report, in the same file order, on 1, 2 and 3 threads', async () => {
    const dir = tempProject(largeProject());
    const [one, two, three] = await Promise.all([1, 2, 3].map((n) => runCliAsync(['check', '.', '--format', 'json', '--threads', String(n)], dir)));
    const files = (run: { stdout: string }) => (JSON.parse(run.stdout) as { filePath: string; messages: unknown[] }[]).map((f) => f.filePath);
    assert.equal(one.code, 1, one.stderr);
    const report = JSON.parse(one.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
    assert.equal(report.length, 120);
    assert.ok(report.filter((f) => f.messages.some((m) => m.ruleId === 'missing-max-tokens')).length >= 24, 'every file with a call has its finding');
    assert.ok(report.some((f) => f.messages.some((m) => m.ruleId === null)), 'the broken file reports its parse error');
    assert.deepEqual(files(one), [...files(one)].sort((a, b) => a.localeCompare(b)), 'files in path order');
    for (const run of [two, three]) {
      assert.equal(run.code, one.code, run.stderr);
      assert.equal(run.stdout, one.stdout);
    }
  });

  it('exits 2 on a thread count that is not a whole number from 1 to 64', async () => {
    const dir = tempProject({ 'a.ts': 'export const a = 1;\n' });
    for (const value of ['0', 'two', '1.5', '65']) {
      const run = await runCliAsync(['check', '.', '--threads', value], dir);
      assert.equal(run.code, 2, value);
      assert.match(run.stderr, /--threads takes a whole number from 1 to 64/);
    }
  });
});
