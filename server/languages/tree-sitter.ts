import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/** Grammar wasm files shipped by published npm packages (copied beside the bundles by esbuild.mjs). */
const GRAMMARS = {
  python: { file: 'tree-sitter-python.wasm', module: '@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', module: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' },
} as const;

export type GrammarName = keyof typeof GRAMMARS;

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();
const loaded = new Map<GrammarName, Language>();
const parsers = new Map<GrammarName, Parser>();

/** A wasm file beside the bundle (`dist/wasm/…`), else from node_modules when running from sources. */
function wasmPath(file: string, module: string): string {
  const bundled = path.join(__dirname, 'wasm', file);
  if (fs.existsSync(bundled)) return bundled;
  return require.resolve(module);
}

/** Loads the tree-sitter runtime and a grammar once per process. */
export function loadGrammar(name: GrammarName): Promise<Language> {
  runtime ??= Parser.init({
    locateFile: (file: string) => wasmPath(file, `web-tree-sitter/${file}`),
  });
  let language = languages.get(name);
  if (!language) {
    const { file, module } = GRAMMARS[name];
    language = runtime.then(() => Language.load(wasmPath(file, module)));
    languages.set(name, language);
    language.then((l) => loaded.set(name, l)).catch(() => languages.delete(name));
  }
  return language;
}

/** The parser of a loaded grammar; undefined until `loadGrammar` resolved (extractors report that, never throw). */
export function parserFor(name: GrammarName): Parser | undefined {
  let parser = parsers.get(name);
  if (!parser) {
    const language = loaded.get(name);
    if (!language) return undefined;
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(name, parser);
  }
  return parser;
}
