import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { formatters } from '../../server/formats';
import { tempProject } from '../support/cli';
import { tempRepo } from '../support/git';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

describe('ready to adopt: action.yml, the GitLab template, the pre-commit hook', function () {
  this.timeout(120_000);

  it('action.yml is a composite action that checks, uploads SARIF, writes the summary and comments', () => {
    const action = read('action.yml');
    assert.equal(action.runs.using, 'composite');
    const steps: Step[] = action.runs.steps;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.sarif_file, '${{ steps.check.outputs.sarif-file }}');
    assert.match(steps.find((s) => s.name === 'Pull request comment')?.run ?? '', /dist\/cli\.js" comment github --pr "\$PR" --repo "\$GITHUB_REPOSITORY"/);
  });

  it('the action’s check step runs as written: annotations on changed lines, SARIF, comment body, job summary, exit code', () => {
    const step = (read('action.yml').runs.steps as Step[]).find((s) => s.id === 'check');
    assert.ok(step?.run);
    const { dir: repo, git } = tempRepo({ 'src/app.ts': 'export const x = 1;\n' });
    git('checkout', '-qb', 'feature');
    fs.writeFileSync(path.join(repo, 'src/ask.ts'), `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });\n`);
    git('add', '-A');
    git('commit', '-qm', 'ask');
    const temp = tempProject({ 'output.txt': '', 'summary.md': '' });
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_ACTION_PATH: root,
        GITHUB_OUTPUT: path.join(temp, 'output.txt'),
        GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'),
        PATHS: '.',
        BASE: 'main',
        CHANGED_ONLY: 'true',
        FAIL_ON_INCREASE: '1',
        MAX_WARNINGS: '-1',
        EXTRA_ARGS: '',
        OUT: path.join(temp, 'costlint'),
      },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^::warning file=src\/ask\.ts,line=3,.*title=costlint frontier-model-default/m);
    assert.match(run.stderr, /over --fail-on-increase \$1\.00\/mo/);
    const outputs = fs.readFileSync(path.join(temp, 'output.txt'), 'utf8');
    assert.match(outputs, /^exit-code=1$/m);
    assert.match(outputs, new RegExp(`^sarif-file=${path.join(temp, 'costlint', 'costlint.sarif').replace(/[/.]/g, '\\$&')}$`, 'm'));
    assert.equal(JSON.parse(fs.readFileSync(path.join(temp, 'costlint', 'costlint.sarif'), 'utf8')).version, '2.1.0');
    assert.match(fs.readFileSync(path.join(temp, 'costlint', 'comment.md'), 'utf8'), /^### costlint: \+\$[\d.,]+\/mo 📈/m);
    assert.match(fs.readFileSync(path.join(temp, 'summary.md'), 'utf8'), /^\*\*Monthly cost:\*\* \$0\/mo → \$[\d.,]+\/mo/m);
  });

  it('the GitLab template and the pre-commit hook name real formats and flags', () => {
    const job = read('ci/gitlab-ci.yml').costlint;
    const script: string = job.script.join('\n');
    const formats = /--format "([^"]+)"/.exec(script)?.[1].split(',').map((f) => f.split(':')[0]);
    assert.deepEqual(formats, ['stylish', 'gitlab', 'markdown']);
    for (const f of formats ?? []) assert.ok(f in formatters, f);
    assert.equal(job.artifacts.reports.codequality, 'gl-code-quality-report.json');
    assert.match(script, /costlint comment gitlab --body-file costlint-comment\.md/);
    const [hook] = read('.pre-commit-hooks.yaml');
    assert.deepEqual([hook.id, hook.entry, hook.language], ['costlint', 'costlint check', 'node']);
  });
});
