import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { SourceFile } from '../../../server/engine/source-file';
import { DocumentMemory, type ExtractOptions, type ExtractResult } from '../../../server/languages/extractor';
import { extractTypeScript } from '../../../server/languages/typescript';
import type { Node } from '../../../server/languages/typescript/ast';
import { Collection } from '../../../server/languages/typescript/collect';
import { parseCounts, parseWithMemory } from '../../../server/languages/typescript/incremental';
import type { ParseOptions } from '../../../server/languages/typescript/parser';
import { generatedTypeScript } from '../../../bench/corpus';

/**
 * The editor's incremental re-parse must give exactly what a full parse gives: the same facts,
 * comments and errors from the extractor, and underneath the same tree and the same collected
 * names, calls and object literals. Random edit sequences on real files check it; targeted
 * cases check which path an edit takes.
 */

const ROOT = path.join(__dirname, '..', '..', '..');
const SEED = 20261123;
const NO_PROJECT = { listDir: () => [], readText: () => undefined };

const realFiles: { path: string; text: string }[] = [
  ...fs.readdirSync(path.join(ROOT, 'examples/support-app/src')).map((f) => path.join(ROOT, 'examples/support-app/src', f)),
  path.join(ROOT, 'test/fixtures/real/openai-readme-chat.ts'),
  path.join(ROOT, 'test/fixtures/real/ai-sdk-provider-options.ts'),
  // Classes, generics, overloads and regular expressions: more syntax than the examples hold.
  path.join(ROOT, 'server/languages/typescript/bindings.ts'),
  path.join(ROOT, 'server/languages/typescript/index.ts'),
]
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8') }))
  .concat([{ path: path.join(ROOT, 'generated.ts'), text: generatedTypeScript(240) }]);
// The same code without semicolons (a common style): statements end at `}` or at a line end.
realFiles.push(...realFiles.filter((f) => /(answer|digest|generated)\.ts$/.test(f.path)).map((f) => ({ path: f.path.replace(/\.ts$/, '-asi.ts'), text: f.text.replace(/;$/gm, '') })));

/** Snippets that change how the text around them lexes or parses. */
const SNIPPETS = ["'", '"', '`', '${', '}', '{', '(', ')', '[', ']', '/*', '*/', '//', '\n', ';', ',', '\\', '=>', '<', '>', '@dec ', 'async ', 'await ', 'function ', 'export ', 'return ', 'class X {', 'x', '42', ' ', '// costlint-disable-next-line\n', ` openai.chat.completions.create({ model: 'gpt-4o', messages: [] }); `];

interface Edit {
  /** Where, as a fraction of the text's length (files differ in length). */
  at: number;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000),
  remove: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) }),
  // Typing mostly keeps the text parsing (a name, a number, a space); the rest is meant to break it.
  insert: fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9 ]{1,3}$/) }, { weight: 2, arbitrary: fc.constantFrom(...SNIPPETS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }),
});

function apply(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

function options(memory?: DocumentMemory): ExtractOptions {
  return { wrappers: [], project: NO_PROJECT, memory };
}

/** What the extractor returns, as data (edits are functions: compared through the tree and collection below). */
function plain(result: ExtractResult): unknown {
  return JSON.parse(JSON.stringify({ facts: result.facts, comments: result.comments, errors: result.errors, notes: result.notes }));
}

const at = (n: Node | undefined) => (n ? `${n.type}@${n.range[0]}:${n.range[1]}` : null);

/** A collection as data: every map in insertion order, nodes by type and range. */
function collected(c: Collection): unknown {
  const b = c.bindings;
  const nodes = (m: Map<string, Node>) => [...m].map(([k, v]) => [k, at(v)]);
  return {
    imports: [...b.imports],
    values: nodes(b.values),
    members: nodes(b.members),
    functions: nodes(b.functions),
    typedParams: [...b.typedParams],
    params: [...b.params].map(([k, list]) => [k, list.map((p) => [at(p.fn), p.index, at(p.fallback)])]),
    exportAliases: [...b.exportAliases],
    reexports: [...b.reexports],
    defaultExport: at(b.defaultExport),
    exportedNames: [...b.exportedNames],
    callSites: [...b.callSites].map(([k, list]) => [k, list.map(at)]),
    objects: c.objects.map(at),
    calls: c.calls.map(at),
    quotes: c.quotes,
  };
}

/**
 * The tree as data, with each node's parent (by type and range) in place of the pointer. Without
 * `loc`: nodes have none (`loc: false`), and the incremental path drops the comments' own.
 */
function tree(ast: Node): string {
  return JSON.stringify(ast, (key, value: unknown) => (key === 'parent' ? (value ? at(value as Node) : undefined) : key === 'loc' ? undefined : value));
}

function parseOptions(file: { path: string; text: string }): ParseOptions {
  return { range: true, loc: false, comment: file.text.includes('costlint'), jsDocParsingMode: 'none', jsx: false, filePath: file.path };
}

function fullParse(file: { path: string; text: string }): { ast: string; collection: unknown } | 'error' {
  try {
    const ast = parse(file.text, parseOptions(file));
    const collection = new Collection();
    simpleTraverse(ast, { enter: (node) => collection.add(node) }, true);
    return { ast: tree(ast), collection: collected(collection) };
  } catch {
    return 'error';
  }
}

function withMemory(file: { path: string; text: string }, memory: DocumentMemory): { ast: string; collection: unknown } | 'error' {
  try {
    const { ast, collection } = parseWithMemory(file.text, parseOptions(file), memory, parse, simpleTraverse);
    return { ast: tree(ast), collection: collected(collection) };
  } catch {
    return 'error';
  }
}

/** Runs `step` and returns how many spliced and full parses it took. */
function counted(step: () => void): { spliced: number; full: number } {
  const before = { ...parseCounts };
  step();
  return { spliced: parseCounts.spliced - before.spliced, full: parseCounts.full - before.full };
}

/**
 * Random edit sequences on real files: after each edit, `incremental` (given the document's
 * memory) must equal `full`. Returns how many edits took the splice.
 */
function checkSequences<R>(seed: number, numRuns: number, incremental: (source: SourceFile, memory: DocumentMemory) => R, full: (source: SourceFile) => R): number {
  let spliced = 0;
  fc.assert(
    fc.property(fc.constantFrom(...realFiles), fc.array(edit, { minLength: 1, maxLength: 8 }), (file, edits) => {
      const memory = new DocumentMemory();
      let text = file.text;
      incremental({ path: file.path, text }, memory);
      for (const e of edits) {
        text = apply(text, e);
        const source = { path: file.path, text };
        let result: R | undefined;
        spliced += counted(() => (result = incremental(source, memory))).spliced;
        assert.deepEqual(result, full(source), `after ${JSON.stringify(e)}`);
      }
    }),
    { seed, numRuns },
  );
  return spliced;
}

describe('typescript extractor: incremental re-parse', () => {
  it('every edit of a random sequence gives what a full parse gives (extractor results)', function () {
    this.timeout(120_000);
    const spliced = checkSequences(
      SEED,
      120,
      (source, memory) => plain(extractTypeScript(source, options(memory))),
      (source) => plain(extractTypeScript(source, options())),
    );
    // Most random edits land inside a function: the property must have exercised the splice.
    assert.ok(spliced > 50, `only ${spliced} edits were spliced`);
  });

  it('every edit of a random sequence gives the full parse tree, parent pointers and collection', function () {
    this.timeout(120_000);
    const spliced = checkSequences(SEED + 1, 200, withMemory, fullParse);
    assert.ok(spliced > 75, `only ${spliced} edits were spliced`);
  });

  describe('which path an edit takes', () => {
    const file = { path: '/project/src/app.ts', text: generatedTypeScript(120) };
    const marker = 'Math.round(sum * 100) / 100 + ';
    const inside = file.text.indexOf(marker) + marker.length;

    function step(memory: DocumentMemory, text: string): { counts: { spliced: number; full: number }; result: ExtractResult } {
      let result: ExtractResult | undefined;
      const counts = counted(() => (result = extractTypeScript({ path: file.path, text }, options(memory))));
      assert.deepEqual(plain(result!), plain(extractTypeScript({ path: file.path, text }, options())));
      return { counts, result: result! };
    }

    it('an edit inside a function re-parses that function alone', () => {
      const memory = new DocumentMemory();
      assert.deepEqual(step(memory, file.text).counts, { spliced: 0, full: 1 });
      const edited = `${file.text.slice(0, inside)}7${file.text.slice(inside)}`;
      const { counts, result } = step(memory, edited);
      assert.deepEqual(counts, { spliced: 1, full: 0 });
      assert.ok(result.facts.length > 0);
      // A second edit after the first, and one that adds a call: still spliced, facts follow.
      const call = ` await openai.chat.completions.create({ model: 'gpt-4o', messages: [] });`;
      const body = edited.indexOf('const results', inside);
      const more = step(memory, `${edited.slice(0, body)}${call}${edited.slice(body)}`);
      assert.deepEqual(more.counts, { spliced: 1, full: 0 });
      assert.equal(more.result.facts.length, result.facts.length + 1);
    });

    it('an edit that opens an unterminated template or comment falls back to a full parse', () => {
      for (const opener of ['`', '/*']) {
        const memory = new DocumentMemory();
        step(memory, file.text);
        const { counts, result } = step(memory, `${file.text.slice(0, inside)}${opener}${file.text.slice(inside)}`);
        assert.deepEqual(counts, { spliced: 0, full: 1 }, opener);
        assert.equal(result.errors.length, 1, opener);
      }
    });

    it('a comment opened in one function and closed in a later one falls back, and the file parses', () => {
      const code = `function a() {\n  const x = 1;\n}\nfunction b() {\n  const y = 2; // */\n}\n`;
      const memory = new DocumentMemory();
      step(memory, code);
      const at = code.indexOf('1;') + 2;
      const { counts, result } = step(memory, `${code.slice(0, at)}/*${code.slice(at)}`);
      assert.deepEqual(counts, { spliced: 0, full: 1 });
      assert.deepEqual(result.errors, []);
    });

    it('an edit at a statement boundary or on a first token falls back', () => {
      const memory = new DocumentMemory();
      step(memory, file.text);
      const boundary = file.text.indexOf('\nexport', inside) + 1;
      for (const text of [
        `${file.text.slice(0, boundary)}\n${file.text.slice(boundary)}`,
        `${file.text.slice(0, boundary)}x${file.text.slice(boundary)}`,
        `${file.text.slice(0, boundary + 1)}${file.text.slice(boundary + 2)}`,
      ]) {
        assert.deepEqual(step(memory, text).counts, { spliced: 0, full: 1 });
        step(memory, file.text);
      }
    });

    it('without semicolons: an edit in a function assigned to a name is spliced, unless the next line could continue it', () => {
      const code = `import OpenAI from 'openai'\nconst client = new OpenAI()\nexport const ask = async (q: string) => {\n  return client.responses.create({ model: 'gpt-4o', input: q })\n}\nexport const other = 1\n`;
      const memory = new DocumentMemory();
      step(memory, code);
      assert.deepEqual(step(memory, code.replace("'gpt-4o'", "'gpt-4o-mini'")).counts, { spliced: 1, full: 0 });
      // `(…)` on the next line: it starts with a parenthesis, which could call what the edit makes.
      const guarded = code.replace('export const other = 1', '(globalThis as { x?: number }).x = 1');
      assert.deepEqual(step(memory, guarded).result.errors, []);
      assert.deepEqual(step(memory, guarded.replace("'gpt-4o'", "'gpt-4o-mini'")).counts, { spliced: 0, full: 1 });
    });

    it('without semicolons: a statement followed on the same line falls back (a semicolon is inserted only at a line break)', () => {
      const code = `if (ready) { go() } go()\n`;
      const memory = new DocumentMemory();
      step(memory, code);
      // \`if (ready) x = {} go()\` does not parse: the snippet alone would.
      const { counts, result } = step(memory, code.replace('{ go() }', 'x = { go: 1 }'));
      assert.deepEqual(counts, { spliced: 0, full: 1 });
      assert.equal(result.errors.length, 1);
    });

    it('a statement is re-parsed as what the file is: `await (x)` at the top of a module is an await', () => {
      const tree = (text: string, memory: DocumentMemory) => {
        let parsed: ReturnType<typeof withMemory> | undefined;
        const counts = counted(() => (parsed = withMemory({ path: file.path, text }, memory)));
        assert.deepEqual(parsed, fullParse({ path: file.path, text }));
        return counts;
      };
      const module = `import { x } from './x';\nconst y = await (x);\nfunction f() {\n  return 1;\n}\n`;
      const memory = new DocumentMemory();
      tree(module, memory);
      assert.deepEqual(tree(module.replace('await (x)', 'await (x ?? 2)'), memory), { spliced: 1, full: 0 });
      // `import.meta` typed into a script makes the whole file a module: parsed again as one.
      const script = `const y = await (x);\nfunction f() {\n  return 1;\n}\n`;
      tree(script, memory);
      assert.deepEqual(tree(script.replace('return 1', 'return import.meta.url'), memory), { spliced: 0, full: 1 });
      assert.deepEqual(tree(script.replace('return 1', 'return 2'), memory), { spliced: 0, full: 1 });
    });

    it('an edit in a decorated class (the decorator outside its statement range) falls back', () => {
      const code = `import OpenAI from 'openai';\nconst client = new OpenAI();\n@sealed export class Agent {\n  run() { return client.chat.completions.create({ model: 'gpt-4o', messages: [] }); }\n}\n`;
      const memory = new DocumentMemory();
      step(memory, code);
      const edited = code.replace("'gpt-4o'", "'gpt-4o-mini'");
      assert.deepEqual(step(memory, edited).counts, { spliced: 0, full: 1 });
    });

    it('a parse error keeps the last good parse: the repairing edit is spliced against it', () => {
      const memory = new DocumentMemory();
      step(memory, file.text);
      const broken = step(memory, `${file.text.slice(0, inside)}'${file.text.slice(inside)}`);
      assert.equal(broken.result.errors.length, 1);
      assert.deepEqual(step(memory, `${file.text.slice(0, inside)}'9' + ${file.text.slice(inside)}`).counts, { spliced: 1, full: 0 });
    });

    it('memory holds a bounded number of documents', () => {
      const memory = new DocumentMemory(2);
      for (const name of ['a', 'b', 'c']) memory.set(name, name);
      assert.deepEqual(['a', 'b', 'c'].map((n) => memory.get(n)), [undefined, 'b', 'c']);
      memory.forget('b');
      assert.equal(memory.get('b'), undefined);
    });
  });
});
