// What `npm run package` puts in the .vsix: the bundles, grammar wasm, catalog and schema only.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

describe('vsix contents (vsce ls)', function () {
  this.timeout(120_000);
  let files: string[];

  before(() => {
    const vsce = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    assert.equal(vsce.status, 0, vsce.stderr);
    files = vsce.stdout.split('\n').map((line) => line.trim()).filter(Boolean).sort();
  });

  it('holds the bundles, grammar wasm, catalog (YAML and prebuilt), schema, README and LICENSE', () => {
    for (const file of ['dist/client.js', 'dist/server.js', 'dist/server-core.js', 'dist/catalog.json', 'dist/wasm/web-tree-sitter.wasm', 'dist/wasm/tree-sitter-python.wasm', 'dist/wasm/tree-sitter-terraform.wasm', 'pricing/llm-models.yaml', 'pricing/gpu-instances.yaml', 'schemas/costlint.schema.json', 'README.md', 'LICENSE', 'package.json', 'docs/images/editor.png']) {
      assert.ok(files.includes(file), `${file} in ${files.join(', ')}`);
    }
  });

  it('leaves out sources, tests, source maps, the CLI bundle and node_modules', () => {
    const unwanted = files.filter((f) => f !== 'docs/images/editor.png' && /^(client|server|rules|test|examples|scripts|node_modules|docs)\/|\.ts$|\.map$|^dist\/cli\.js$/.test(f));
    assert.deepEqual(unwanted, []);
  });
});
