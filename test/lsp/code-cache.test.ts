// The V8 code cache dist/server.js compiles the server bundle from: unit tests on a small module,
// then the real server over stdio, twice, with a corrupt cache in between.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeCacheDir } from '../../server/code-cache';
import { CODE_CACHE_LOG } from '../../server/lsp/server';
import { LspClient } from '../support/lsp';

const SAMPLE = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });
`;

const ROOT = path.join(__dirname, '..', '..');

/** Python goes through web-tree-sitter, which loads Node built-ins with import(). */
const PYTHON = `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-5", messages=[])
`;

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cache')) : []);

/** A cache file with a valid checksum over `data`, as the loader writes them. */
const withChecksum = (data: Buffer) => Buffer.concat([createHash('sha256').update(data).digest(), data]);

describe('code cache: per-user folder', () => {
  it('follows XDG_CACHE_HOME, then the platform folder under HOME or LOCALAPPDATA', () => {
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, 'linux'), path.join('/x/cache', 'costlint', 'code-cache'));
    assert.equal(codeCacheDir({ HOME: '/home/u' }, 'linux'), path.join('/home/u', '.cache', 'costlint', 'code-cache'));
    assert.equal(codeCacheDir({ HOME: '/Users/u' }, 'darwin'), path.join('/Users/u', 'Library/Caches', 'costlint', 'code-cache'));
  });

  it('never uses a relative folder (it would resolve inside the workspace the server runs in)', () => {
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '.cache', HOME: '/home/u' }, 'linux'), path.join('/home/u', '.cache', 'costlint', 'code-cache'));
    assert.equal(codeCacheDir({ HOME: 'relative' }, 'linux'), null);
    assert.equal(codeCacheDir({}, 'linux'), null);
  });
});

describe('code cache: requireWithCodeCache', function () {
  this.timeout(120_000);
  let dir: string;
  let bundle: string;
  let cache: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-code-cache-'));
    bundle = path.join(dir, 'bundle.js');
    cache = path.join(dir, 'cache');
    fs.writeFileSync(bundle, `const path = require('node:path');\nexports.where = () => path.basename(__filename) + ' in ' + path.basename(__dirname);\nexports.twice = (n) => n * 2;\n`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * Loads the bundle in a new process, as each server start does (V8 reuses a script compiled
   * earlier in the same process without looking at the cache), and saves the cache when asked.
   */
  const load = (options: { save?: boolean; cacheDir?: string | null } = {}) => {
    const runner = path.join(dir, 'runner.js');
    fs.writeFileSync(
      runner,
      `const { requireWithCodeCache } = require(${JSON.stringify(path.join(ROOT, 'server/code-cache.ts'))});
      const [bundle, cacheDir, save] = JSON.parse(process.argv[2]);
      const loaded = requireWithCodeCache(bundle, cacheDir);
      const result = loaded.exports.where() + ' ' + loaded.exports.twice(21);
      if (save) loaded.save();
      console.log(JSON.stringify({ state: loaded.state, file: loaded.file, result }));`,
    );
    const args = JSON.stringify([bundle, options.cacheDir === undefined ? cache : options.cacheDir, Boolean(options.save)]);
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', runner, args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    const loaded = JSON.parse(child.stdout) as { state: string; file: string | null; result: string };
    assert.equal(loaded.result, `bundle.js in ${path.basename(dir)} 42`);
    return loaded;
  };

  it('runs the module like require, writes the cache on save, and is compiled from it next time', () => {
    const first = load();
    assert.equal(first.state, 'missing');
    assert.deepEqual(cacheFiles(cache), []);
    assert.equal(load({ save: true }).state, 'missing');
    assert.equal(cacheFiles(cache).length, 1);
    const second = load({ save: true });
    assert.equal(second.state, 'accepted');
    assert.equal(second.file, first.file);
  });

  it('refuses a damaged cache before V8 sees it, and a cache V8 rejects; both are written anew', () => {
    const file = load({ save: true }).file!;
    const damaged = fs.readFileSync(file);
    damaged[damaged.length - 10] ^= 0xff;
    fs.writeFileSync(file, damaged);
    assert.equal(load({ save: true }).state, 'corrupt');
    assert.equal(load().state, 'accepted');

    fs.writeFileSync(file, withChecksum(Buffer.from('not a V8 code cache at all, but checksummed')));
    assert.equal(load({ save: true }).state, 'rejected');
    assert.equal(load().state, 'accepted');

    fs.writeFileSync(file, 'short');
    assert.equal(load().state, 'corrupt');
  });

  it('starts without a cache folder, and a cache that cannot be written never throws', () => {
    assert.equal(load({ cacheDir: null }).state, 'off');
    fs.writeFileSync(cache, 'a file where the folder should be');
    assert.equal(load({ save: true }).state, 'missing');
  });

  it('keys the cache by the bundle: a changed bundle does not use the old cache, and its own replaces it', () => {
    const old = load({ save: true }).file;
    fs.appendFileSync(bundle, 'exports.more = 1;\n');
    const rebuilt = load({ save: true });
    assert.equal(rebuilt.state, 'missing');
    assert.notEqual(rebuilt.file, old);
    assert.deepEqual(cacheFiles(cache), [path.basename(rebuilt.file!)]);
    assert.equal(load().state, 'accepted');
  });
});

describe('code cache: the real server over stdio', function () {
  this.timeout(120_000);
  let root: string;
  let xdg: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-lsp-cache-'));
    xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-xdg-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(xdg, { recursive: true, force: true });
  });

  const cacheDir = () => path.join(xdg, 'costlint', 'code-cache');

  /** Starts the server, opens a TypeScript and a Python file with LLM calls, and returns the cache state it logged and the diagnostics. */
  async function run(): Promise<{ state: string; codes: unknown[] }> {
    const { client } = await LspClient.start(root, { env: { XDG_CACHE_HOME: xdg } });
    try {
      const codes: unknown[] = [];
      for (const [name, text, languageId] of [['ask.ts', SAMPLE, 'typescript'], ['ask.py', PYTHON, 'python']]) {
        const file = path.join(root, name);
        fs.writeFileSync(file, text);
        const uri = client.open(file, text, languageId);
        const diagnostics = await client.nextDiagnostics(uri, 0, (d) => d.length > 0);
        codes.push(...diagnostics.map((d) => `${name}: ${d.code}`));
      }
      const log = await client.waitFor('the code cache log line', () => client.logs.find((l) => l.startsWith(CODE_CACHE_LOG)));
      assert.equal(await client.stop(), 0);
      return { state: log.slice(CODE_CACHE_LOG.length).trim(), codes: codes.sort() };
    } finally {
      if (client.exitCode === null) client.process.kill();
    }
  }

  it('writes the cache on the first start and compiles from it on the second, with the same diagnostics', async () => {
    const first = await run();
    assert.equal(first.state, 'missing');
    assert.ok(first.codes.includes('ask.ts: frontier-model-default') && first.codes.includes('ask.py: frontier-model-default'), JSON.stringify(first.codes));
    assert.equal(cacheFiles(cacheDir()).length, 1);
    const second = await run();
    assert.equal(second.state, 'accepted');
    assert.deepEqual(second.codes, first.codes);
  });

  it('answers with a corrupt cache file, or one V8 rejects, and replaces it', async () => {
    const first = await run();
    const file = path.join(cacheDir(), cacheFiles(cacheDir())[0]);
    const damaged = fs.readFileSync(file);
    for (let i = 64; i < damaged.length; i += 4096) damaged[i] ^= 0x5a;
    fs.writeFileSync(file, damaged);
    const corrupt = await run();
    assert.equal(corrupt.state, 'corrupt');
    assert.deepEqual(corrupt.codes, first.codes);
    fs.writeFileSync(file, withChecksum(Buffer.from('checksummed, but not what V8 wrote')));
    const rejected = await run();
    assert.equal(rejected.state, 'rejected');
    assert.deepEqual(rejected.codes, first.codes);
    assert.equal((await run()).state, 'accepted');
  });
});

for (const bundle of ['cli-core', 'server-core']) {
  describe(`core bundle (dist/${bundle}.js) as the build leaves it`, () => {
    const text = fs.readFileSync(path.join(ROOT, 'dist', `${bundle}.js`), 'latin1');

    it('is ASCII, so the loader reads it byte for byte and V8 holds it as one-byte text', () => {
      assert.equal(/[^\x00-\x7f]/.exec(text), null);
    });

    it('calls import() on no Node built-in (a script from a code cache has no import() callback)', () => {
      assert.deepEqual(text.match(/(?<![.\w$])import\((["'])(node:)?(fs\/promises|module|fs|path|url)\1\)/g), null);
      assert.ok(text.includes('Promise.resolve(nodeRequire("module"))'));
    });

    it('is minified: V8 holds a script\'s source for as long as it runs', () => {
      assert.ok(text.split('\n').length < 2000, `${text.split('\n').length} lines`);
    });

    it('hands typescript-estree TypeScript itself, not a copy of its exports per file (the sources the map shows are what was bundled)', () => {
      const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', `${bundle}.js.map`), 'utf8')) as { sources: string[]; sourcesContent: string[] };
      const estree = map.sources.flatMap((source, i) => (/typescript-estree[\\/]dist[\\/].*\.js$/.test(source) ? [map.sourcesContent[i]] : []));
      assert.ok(estree.filter((content) => content.includes('require("typescript")')).length >= 10);
      assert.deepEqual(estree.filter((content) => content.includes('__importStar(require("typescript"))')), []);
    });
  });
}
