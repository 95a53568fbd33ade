// Bundles the CLI, the language server and (when present) the VS Code client.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entries = [
  // dist/cli.js and dist/server.js are small loaders that run the CLI and language server bundles from a V8 code cache.
  // Those core bundles are always minified: V8 keeps a script's source and its names in memory
  // (the CLI's peak RSS on the bench corpus: 205 MiB as written, 178 MiB minified).
  { in: 'server/cli/start.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/cli/main.ts', out: 'cli-core', banner: 'var nodeRequire = require;', rewrite: builtinImportsAsRequire, minify: true },
  { in: 'server/lsp/start.ts', out: 'server' },
  { in: 'server/lsp/main.ts', out: 'server-core', banner: 'var nodeRequire = require;', rewrite: builtinImportsAsRequire, minify: true },
  { in: 'client/extension.ts', out: 'client', external: ['vscode'] },
].filter((e) => fs.existsSync(e.in));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The tree-sitter runtime finds its own wasm beside the bundle; see server/languages/tree-sitter.ts.
  external: [],
  // web-tree-sitter's ESM build reads `import.meta.url`, which a CommonJS bundle lacks: point it at the bundle file.
  define: { 'import.meta.url': 'importMetaUrl' },
};

const IMPORT_META_SHIM = "var importMetaUrl = require('url').pathToFileURL(__filename).href;";

/**
 * Each of typescript-estree's CommonJS files takes `__importStar(require("typescript"))`: a copy of
 * TypeScript's ~2,500 exports as getters, one per file (about twenty), ~60 ms and much garbage on
 * every start. They only read `ts.X`, so TypeScript's own exports object serves them all.
 */
const typescriptWithoutCopies = {
  name: 'typescript-without-copies',
  setup(build) {
    build.onLoad({ filter: /[\\/]@typescript-eslint[\\/]typescript-estree[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replaceAll('__importStar(require("typescript"))', 'require("typescript")'), loader: 'js' };
    });
  },
};

/**
 * `import('fs/promises')` of a Node built-in rewritten as `require` (through `nodeRequire`, which no
 * function shadows: web-tree-sitter declares its own `var require`). dist/cli.js and dist/server.js
 * run their core bundles as a vm.Script from a V8 code cache, and a script deserialized from a cache has
 * no import() callback in Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
 */
function builtinImportsAsRequire(text) {
  const builtins = new Set(builtinModules);
  return text.replace(/(?<![.\w$])import\((["'])((?:node:)?([\w/]+))\1\)/g, (call, quote, name, bare) => (builtins.has(bare) ? `Promise.resolve(nodeRequire(${quote}${name}${quote}))` : call));
}

/**
 * V8 keeps a script with a single non-ASCII character as UTF-16: the 16 MB bundles would take
 * 32 MB of heap each. esbuild escapes strings and regular expressions but keeps comments as
 * written, so what is left is comment text: escaped the same way, on the same line.
 */
function keepAscii(text) {
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Rewrites a bundle once esbuild has written it (in watch mode too): one read, one write. */
function rewriteOutput(rewrites) {
  return {
    name: 'rewrite-output',
    setup(build) {
      build.onEnd(() => {
        const file = build.initialOptions.outfile;
        if (!fs.existsSync(file)) return;
        const text = fs.readFileSync(file, 'utf8');
        const rewritten = rewrites.reduce((current, rewrite) => rewrite(current), text);
        if (rewritten !== text) fs.writeFileSync(file, rewritten);
      });
    },
  };
}

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      ...common,
      plugins: [typescriptWithoutCopies, rewriteOutput([...(e.rewrite ? [e.rewrite] : []), keepAscii])],
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      minify: production || Boolean(e.minify),
      external: e.external ?? [],
      banner: { js: [e.banner, IMPORT_META_SHIM].filter(Boolean).join('\n') },
    }),
  ),
);

copyAssets();
await writeCatalog();
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}

/** Grammar wasm files the bundles load at run time. */
function copyAssets() {
  const assets = [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/wasm/web-tree-sitter.wasm'],
    ['node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm', 'dist/wasm/tree-sitter-python.wasm'],
    ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/wasm/tree-sitter-terraform.wasm'],
  ];
  fs.mkdirSync('dist/wasm', { recursive: true });
  for (const [from, to] of assets) if (fs.existsSync(from)) fs.copyFileSync(from, to);
}

/**
 * `dist/catalog.json`: the pricing YAML parsed and validated once here, so a start reads JSON.
 * The catalog code itself does the work (bundled in memory), and the file carries the hash of the
 * YAML it came from: edited YAML without a rebuild is read as YAML again.
 */
async function writeCatalog() {
  const { outputFiles } = await esbuild.build({ ...common, define: {}, entryPoints: ['pricing/catalog.ts'], write: false, sourcemap: false, minify: false, outfile: 'catalog.js' });
  const module = { exports: {} };
  const dir = path.resolve('pricing');
  new Function('module', 'exports', 'require', '__dirname', '__filename', outputFiles[0].text)(module, module.exports, createRequire(path.join(dir, 'catalog.js')), dir, path.join(dir, 'catalog.js'));
  fs.writeFileSync('dist/catalog.json', JSON.stringify(module.exports.prebuildCatalog(dir)));
}
