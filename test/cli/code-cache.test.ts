// dist/cli.js runs the CLI bundle from the per-user V8 code cache (server/code-cache.ts), as the
// server's loader does: written after a command that lints, used after, replaced when damaged.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, runCliAsync, tempProject } from '../support/cli';

const FILES = {
  'src/ask.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });\n`,
  'jobs/batch.py': `from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-5", messages=[])\n`,
};

describe('costlint through the code cache', function () {
  this.timeout(120_000);
  let xdg: string;
  beforeEach(() => {
    xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-xdg-'));
  });
  afterEach(() => fs.rmSync(xdg, { recursive: true, force: true }));

  const cacheDir = () => path.join(xdg, 'costlint', 'code-cache');
  const cacheFiles = () => (fs.existsSync(cacheDir()) ? fs.readdirSync(cacheDir()).filter((f) => f.endsWith('.cache')) : []);
  const check = (dir: string, ...args: string[]) => runCli(['check', '.', '--format', 'json', ...args], dir, { XDG_CACHE_HOME: xdg });

  it('writes the cache after a command that lints (not after --version), then runs from it with the same report', () => {
    const dir = tempProject(FILES);
    const version = runCli(['--version'], dir, { XDG_CACHE_HOME: xdg });
    assert.equal(version.code, 0, version.stderr);
    assert.deepEqual(cacheFiles(), []);

    const first = check(dir);
    assert.equal(first.code, 0, first.stderr);
    const rules = (JSON.parse(first.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId));
    assert.ok(rules.includes('frontier-model-default'), rules.join());
    assert.deepEqual(cacheFiles().map((f) => f.startsWith('cli-core-')), [true]);

    // Accepted: the same report, and the cache is left as it was (a missing or refused one is written again).
    const file = path.join(cacheDir(), cacheFiles()[0]);
    const written = fs.readFileSync(file);
    const second = check(dir);
    assert.equal(second.code, first.code, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.ok(fs.readFileSync(file).equals(written));
  });

  it('a damaged cache costs nothing but its use: the same report, and a sound cache written in its place', () => {
    const dir = tempProject(FILES);
    const first = check(dir);
    const file = path.join(cacheDir(), cacheFiles()[0]);
    const damaged = fs.readFileSync(file);
    for (let i = 64; i < damaged.length; i += 4096) damaged[i] ^= 0x5a;
    fs.writeFileSync(file, damaged);
    const again = check(dir);
    assert.equal(again.code, first.code, again.stderr);
    assert.equal(again.stdout, first.stdout);
    assert.equal(again.stderr, '');
    assert.equal(fs.readFileSync(file).length > 1000 && !fs.readFileSync(file).equals(damaged), true, 'rewritten');
    assert.equal(check(dir).stdout, first.stdout);
  });

  it('lint workers, started from the loader, give the same report with or without a cache', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`src/f${i}.ts`] = i % 3 ? `export const n${i} = ${i};\n` : FILES['src/ask.ts'].replace('ask', `ask${i}`);
    const dir = tempProject(files);
    const one = check(dir, '--threads', '1');
    const [two, twoCached] = [await runCliAsync(['check', '.', '--format', 'json', '--threads', '2'], dir, { XDG_CACHE_HOME: xdg }), await runCliAsync(['check', '.', '--format', 'json', '--threads', '2'], dir, { XDG_CACHE_HOME: xdg })];
    assert.equal(one.code, 0, one.stderr);
    for (const run of [two, twoCached]) {
      assert.equal(run.stderr, '');
      assert.equal(run.stdout, one.stdout);
    }
  });

  it('runs with no cache folder at all (no HOME, no XDG_CACHE_HOME)', () => {
    const dir = tempProject(FILES);
    const run = runCli(['check', '.', '--format', 'json'], dir, { HOME: '', XDG_CACHE_HOME: '' });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, check(dir).stdout);
  });
});
