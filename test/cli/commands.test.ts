import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempProject } from '../support/cli';
import { rules } from '../../rules';

describe('costlint rules, init and help', () => {
  it('lists every rule with its default severity', () => {
    const run = runCli(['rules'], process.cwd());
    assert.equal(run.code, 0);
    for (const rule of rules) assert.match(run.stdout, new RegExp(`^${rule.id} +${rule.meta.defaultSeverity} `, 'm'));
    const json = JSON.parse(runCli(['rules', '--format', 'json'], process.cwd()).stdout);
    assert.deepEqual(json.map((r: { id: string }) => r.id), rules.map((r) => r.id));
  });

  it('writes a starter config that the CLI then accepts, and never overwrites one', () => {
    const dir = tempProject({});
    assert.equal(runCli(['init'], dir).code, 0);
    assert.ok(fs.existsSync(path.join(dir, '.costlint.yaml')));
    assert.equal(runCli(['check'], dir).code, 0);
    const again = runCli(['init'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
  });

  it('prints help, and exits 2 with no command', () => {
    assert.match(runCli(['--help'], process.cwd()).stdout, /costlint check \[paths\.\.\.\]/);
    assert.equal(runCli([], process.cwd()).code, 2);
    assert.match(runCli(['check', '--help'], process.cwd()).stdout, /--max-warnings/);
  });
});
