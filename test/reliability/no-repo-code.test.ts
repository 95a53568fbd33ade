import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, runCliAsync, tempProject } from '../support/cli';
import { scriptedServer } from '../support/budgets';
import { ConfigError, loadConfigFor, settingsFor } from '../../server/config/load';
import { BudgetService, cliAccess } from '../../server/budgets';
import { rules } from '../../rules';
import { defaultCatalog } from '../../pricing/catalog';
import { ROOT, filesUnder, tally } from './support';

/**
 * A repo is untrusted input: its `.costlint.yaml` and what it extends are data, never code, and
 * cannot send the user's token to an origin the user did not allow. Each case plants code that
 * would leave a marker file if it ever ran, and checks the marker is absent.
 */

const TOKEN = 'ctk_live_REPO_0f1e2d3c4b5a';
const APP = `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });\n`;
/** JavaScript that leaves `ran.txt` beside itself when executed. */
const PLANTED = `require('fs').writeFileSync(require('path').join(__dirname, 'ran.txt'), 'ran');\nmodule.exports = { rules: {} };\n`;

function check(dir: string, env: NodeJS.ProcessEnv = {}) {
  tally.hostileCases++;
  return runCli(['check', '--format', 'json'], dir, env);
}

const ran = (dir: string) => filesUnder(dir, /^ran\.txt$/);

describe('reliability: no code from the repo runs', function () {
  this.timeout(120_000);

  const refused: [name: string, files: Record<string, string>, error: RegExp][] = [
    ['extends naming a .js file', { '.costlint.yaml': 'extends: ./costlint.config.js\n', 'costlint.config.js': PLANTED }, /is code; extends loads data only/],
    ['extends naming an .mjs file', { '.costlint.yaml': 'extends: ./costlint.config.mjs\n', 'costlint.config.mjs': PLANTED }, /is code; extends loads data only/],
    ['extends naming a .ts file', { '.costlint.yaml': 'extends: ./costlint.config.ts\n', 'costlint.config.ts': PLANTED }, /is code; extends loads data only/],
    ['a package whose package.json names code', { '.costlint.yaml': 'extends: evil-config\n', 'node_modules/evil-config/package.json': '{ "costlint": "index.cjs", "main": "index.cjs" }', 'node_modules/evil-config/index.cjs': PLANTED }, /is code; extends loads data only/],
    ['a package subpath escaping the package', { '.costlint.yaml': 'extends: evil-config/../../planted.yaml\n', 'node_modules/evil-config/package.json': '{}', 'planted.yaml': 'rules: {}\n' }, /points outside its package/],
    ['a YAML tag asking for a JavaScript function', { '.costlint.yaml': `rules: !!js/function "function () { ${PLANTED.replace(/\n/g, ' ').replace(/"/g, '\\"')} }"\n` }, /rules: Invalid input: expected record, received string/],
    ['a custom budget adapter module', { '.costlint.yaml': 'budgets:\n  adapter: ./adapter.js\n  url: https://costs.example.internal\n', 'adapter.js': PLANTED }, /budgets\.adapter/],
    ['a repo granting itself an origin', { '.costlint.yaml': 'budgets:\n  url: https://costs.example.internal\n  allowed_origins: [https://costs.example.internal]\n' }, /allowed_origins/],
    ['a repo setting the token', { '.costlint.yaml': `budgets:\n  url: https://costs.example.internal\n  token: ${TOKEN}\n` }, /token/],
  ];
  // Through the loader the CLI uses (in this process: planted code that ran would leave its marker here too).
  for (const [name, files, error] of refused) {
    it(`refuses ${name}: a config error with file and line, nothing run`, () => {
      const dir = tempProject({ ...files, 'src/ask.ts': APP });
      tally.hostileCases++;
      assert.throws(
        () => settingsFor(loadConfigFor(dir), rules, defaultCatalog(), path.join(dir, 'src/ask.ts')),
        (e: unknown) => e instanceof ConfigError && /\.costlint\.yaml:\d+: /.test(e.message) && error.test(e.message) && !e.message.includes(TOKEN),
      );
      assert.deepEqual(ran(dir), []);
    });
  }

  it('the CLI exits 2 on such a config and runs nothing', () => {
    const dir = tempProject({ '.costlint.yaml': 'extends: ./costlint.config.js\n', 'costlint.config.js': PLANTED, 'src/ask.ts': APP });
    const run = check(dir);
    assert.equal(run.code, 2, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /^costlint: config error: .*\.costlint\.yaml:1: extends: "\.\/costlint\.config\.js" is code/);
    assert.deepEqual(ran(dir), []);
  });

  it('a package with a data config and an index.js: the data is read, the script never runs', () => {
    const dir = tempProject({
      '.costlint.yaml': 'extends: acme-config\n',
      'node_modules/acme-config/package.json': '{ "main": "index.js", "scripts": { "postinstall": "node index.js" } }',
      'node_modules/acme-config/index.js': PLANTED,
      'node_modules/acme-config/costlint.yaml': 'rules:\n  missing-max-tokens: error\n',
      'src/ask.ts': APP,
    });
    const run = check(dir);
    const [file] = JSON.parse(run.stdout);
    assert.equal(file.messages.find((m: { ruleId: string }) => m.ruleId === 'missing-max-tokens')?.severity, 2, 'the package’s data applied');
    assert.deepEqual(ran(dir), []);
  });

  it('a .yaml that is a symlink to a script is parsed as data (and rejected), never run', () => {
    const dir = tempProject({ 'evil.js': PLANTED, 'src/ask.ts': APP, '.costlint.yaml': 'extends: ./base.yaml\n' });
    fs.symlinkSync('evil.js', path.join(dir, 'base.yaml'));
    const run = check(dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /base\.yaml:\d+: /);
    assert.deepEqual(ran(dir), []);
  });

  it('linted code is only read: a file that would write a marker when run is linted, not run', () => {
    const dir = tempProject({ 'src/ask.ts': `${PLANTED}${APP}`, 'src/setup.py': `open(__file__ + ".ran.txt", "w")\n`, 'infra/main.tf': 'resource "null_resource" "x" {\n  provisioner "local-exec" {\n    command = "touch ran.txt"\n  }\n}\n' });
    const run = check(dir);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.deepEqual(ran(dir), []);
    assert.deepEqual(filesUnder(dir, /\.ran\.txt$/), []);
  });

  describe('the token goes only where the user allowed', () => {
    let attacker: Awaited<ReturnType<typeof scriptedServer>>;
    before(async () => {
      attacker = await scriptedServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"schemaVersion":1,"budgets":[]}');
      });
    });
    after(() => attacker.close());

    const attackerUrls = (allowed: string): Record<string, string> => ({
      'a repo-chosen cost API': attacker.url,
      'userinfo that looks like the allowed origin': `http://${new URL(allowed).host}@${new URL(attacker.url).host}/`,
      'the allowed host on another port': `${new URL(allowed).protocol}//${new URL(allowed).hostname}:${new URL(attacker.url).port}/`,
      'a trailing-dot host': `http://127.0.0.1.:${new URL(attacker.url).port}/`,
    });

    it('a repo config naming another origin gets no request, though the user’s token is in the environment', async () => {
      const allowed = 'http://127.0.0.1:9';
      const env = { COSTLINT_TOKEN: TOKEN, COSTLINT_ALLOWED_ORIGINS: allowed };
      // The CLI, with a $schema and a budgets.url both on the attacker's server…
      const dir = tempProject({ '.costlint.yaml': `$schema: ${attacker.url}/schema.json\nteams:\n  search: ["src/**"]\nbudgets:\n  url: ${attacker.url}\n`, 'src/ask.ts': APP });
      tally.hostileCases++;
      const run = await runCliAsync(['check'], dir, { ...env, COSTLINT_CACHE_DIR: path.join(dir, '.cache') });
      assert.ok(run.code === 0 || run.code === 1, run.stderr);
      assert.match(run.stderr, /budget unknown \(origin http:\/\/127\.0\.0\.1:\d+ is not approved/);
      assert.equal((run.stdout + run.stderr).includes(TOKEN), false);
      // …and the budget service the CLI uses, with URLs dressed up as the allowed origin.
      const { access } = cliAccess(env, {});
      for (const [name, url] of Object.entries(attackerUrls(allowed))) {
        tally.hostileCases++;
        const loaded = { file: path.join(dir, '.costlint.yaml'), root: dir, config: { budgets: { url } }, originOf: () => undefined };
        const state = await new BudgetService({ cacheDir: null }).budgetFor('search', loaded, access);
        assert.equal(state.kind, 'unknown', name);
        assert.match(JSON.stringify(state), /is not approved/, name);
      }
      assert.deepEqual(attacker.requests, [], 'the attacker’s server was never contacted');
    });

    it('--offline makes no request even to an allowed origin', async () => {
      const dir = tempProject({ '.costlint.yaml': `teams:\n  search: ["src/**"]\nbudgets:\n  url: ${attacker.url}\n`, 'src/ask.ts': APP });
      tally.hostileCases++;
      const run = await runCliAsync(['check', '--offline'], dir, { COSTLINT_TOKEN: TOKEN, COSTLINT_ALLOWED_ORIGINS: attacker.origin, COSTLINT_CACHE_DIR: path.join(dir, '.cache') });
      assert.match(run.stderr, /budget unknown \(offline\)/);
      assert.deepEqual(attacker.requests, []);
    });
  });

  it('the engine has no way to run code: no eval, new Function, child processes (but git, safely) or computed require/import', () => {
    const sources = ['server', 'rules', 'pricing'].flatMap((dir) => filesUnder(path.join(ROOT, dir), /\.ts$/)).filter((f) => !f.includes(`${path.sep}lsp${path.sep}`));
    assert.ok(sources.length > 50);
    // `--base` runs git and tar by name; a repo's .git/config must not make git run a command.
    const mayRunGit = path.join('server', 'diff', 'git.ts');
    // The loaders run costlint's own bundle beside them (dist/cli-core.js) through vm, from the code cache.
    const mayRunBundle = path.join('server', 'code-cache.ts');
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const where = path.relative(ROOT, file);
      assert.doesNotMatch(text, where === mayRunBundle ? /\beval\s*\(|new\s+Function\s*\(/ : /\beval\s*\(|new\s+Function\s*\(|\bvm\.|node:vm/, where);
      for (const call of text.match(/(?<!function )requireWithCodeCache\([^;]*/g) ?? []) assert.match(call, /^requireWithCodeCache\(path\.join\(__dirname, '[\w-]+\.js'\), codeCacheDir\(\)\)$/, `${where}: ${call}`);
      if (where !== mayRunGit) assert.doesNotMatch(text, /child_process/, where);
      else {
        for (const call of text.match(/spawnSync\(\s*[^,]+/g) ?? []) assert.match(call, /spawnSync\(\s*'(git|tar)'/, `${where}: ${call}`);
        assert.match(text, /'core\.fsmonitor=false'/, `${where}: git runs with core.fsmonitor off`);
      }
      for (const call of text.match(/\b(?:require|import)\s*\(([^)]*)\)/g) ?? []) assert.match(call, /\(\s*'[^']+'\s*\)/, `${where}: ${call} loads a computed module`);
    }
  });
});
