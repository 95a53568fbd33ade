import type { TSESTree } from '@typescript-eslint/types';
import type * as Estree from '@typescript-eslint/typescript-estree';
import type { DocumentMemory } from '../extractor';
import { T, type Node } from './ast';
import { Collection } from './collect';
import type { ParseOptions } from './parser';

/**
 * Incremental re-parse for the editor's typing loop. Parsing a 2,000-line file and walking its
 * tree costs tens of milliseconds per keystroke, yet an edit almost always stays inside one
 * top-level statement (a function body). So, per document, the last parsed text is kept with its
 * tree and, per top-level statement, its nodes; the next text re-parses only the statement the
 * edit lies in, splices it into the tree and shifts what follows. Whenever the edit could change
 * how the text around that statement parses, the whole text is parsed as before: the result must
 * always equal a full parse's.
 */

type Parse = (text: string, options: ParseOptions) => TSESTree.Program;

interface Statement {
  /** Every node of the statement's subtree, in document order (their ranges shift together). */
  nodes: Node[];
  /** The nodes `Collection.add` records, in document order. */
  wanted: Node[];
}

interface Kept {
  text: string;
  options: ParseOptions;
  ast: TSESTree.Program;
  statements: Statement[];
}

export interface Parsed {
  ast: TSESTree.Program;
  collection: Collection;
}

/** How often each path was taken (tests assert which one an edit took). */
export const parseCounts = { spliced: 0, full: 0 };

/**
 * The tree and collection of `text`, re-using the document's last parse when the edit allows it.
 * Throws what `parse` throws when the text does not parse; the last good parse is then kept, so
 * the edit that repairs the text is measured against it.
 */
export function parseWithMemory(text: string, options: ParseOptions, memory: DocumentMemory, parse: Parse, traverse: typeof Estree.simpleTraverse): Parsed {
  const last = memory.get(options.filePath) as Kept | undefined;
  let kept = last && sameOptions(last.options, options) ? splice(last, text, options, parse, traverse) : undefined;
  if (kept) parseCounts.spliced++;
  else {
    parseCounts.full++;
    const ast = parse(text, options);
    withoutLines(ast.comments);
    kept = { text, options, ast, statements: ast.body.map((s) => walk(s, ast, traverse)) };
  }
  memory.set(options.filePath, kept);
  // The collection is rebuilt from every statement's nodes in order: bindings depend on it (the first assignment wins).
  const collection = new Collection();
  for (const statement of kept.statements) for (const node of statement.wanted) collection.add(node);
  return { ast: kept.ast, collection };
}

function sameOptions(a: ParseOptions, b: ParseOptions): boolean {
  return a.comment === b.comment && a.jsx === b.jsx && a.filePath === b.filePath;
}

/**
 * Parent pointers and the statement's nodes, as `simpleTraverse` visits them. The parser shares
 * some range arrays between nodes (a specifier and its name): each gets its own here, so that
 * shifting one node's range in place never moves another's.
 */
function walk(statement: Node, program: TSESTree.Program, traverse: typeof Estree.simpleTraverse): Statement {
  const nodes: Node[] = [];
  const wanted: Node[] = [];
  const ranges = new Set<[number, number]>();
  traverse(
    statement,
    {
      enter(node) {
        if (ranges.has(node.range)) node.range = [node.range[0], node.range[1]];
        ranges.add(node.range);
        nodes.push(node);
        if (Collection.wants(node)) wanted.push(node);
      },
    },
    true,
  );
  statement.parent = program;
  return { nodes, wanted };
}

/** The last parse updated to `text`, or undefined when only a full parse is safe. Mutates `last` only once it succeeds. */
function splice(last: Kept, text: string, options: ParseOptions, parse: Parse, traverse: typeof Estree.simpleTraverse): Kept | undefined {
  const old = last.text;
  if (old === text) return last;
  // The changed region: [start, oldEnd) of the old text became [start, oldEnd + delta) of the new one.
  const delta = text.length - old.length;
  const start = commonPrefix(old, text);
  const oldEnd = old.length - commonSuffix(old, text, Math.min(old.length, text.length) - start);

  const body = last.ast.body;
  const index = statementAround(body, start, oldEnd);
  if (index < 0) return undefined;
  const statement = body[index];
  const [from, to] = statement.range;
  // The statement's first token unchanged (the statement before it ended the same way), its last
  // character unchanged and one after which nothing can join it: a `;`, a declaration's `}`, or
  // any `}` when the next statement starts with a word that cannot continue an expression (code
  // without semicolons). Nothing but comments before it (a decorator before `export` is outside
  // the statement's range).
  if (start <= firstWordEnd(old, from) || oldEnd > to - 1) return undefined;
  const closing = old[to - 1];
  if (closing !== ';' && !(closing === '}' && (endsWithBrace(statement) || nothingContinues(old, to, body[index + 1])))) return undefined;
  if (!onlyTrivia(old, index ? body[index - 1].range[1] : 0, from)) return undefined;

  // A file is a module or a script as a whole, and top-level `await (x)` is an await in one and a
  // call in the other: the snippet is parsed as what the file is (`export {}` makes it a module).
  // It must not make a script a module, nor be what made the file one (`import.meta`).
  const module = last.ast.sourceType === 'module';
  if (module && IMPORT_META.test(old.slice(from, to))) return undefined;
  const snippet = text.slice(from, to + delta);
  let fresh: TSESTree.Program;
  try {
    fresh = parse(module ? `${snippet}\nexport {};` : snippet, options);
  } catch {
    return undefined;
  }
  const replacement = fresh.body[0];
  if (fresh.sourceType !== last.ast.sourceType || fresh.body.length !== (module ? 2 : 1)) return undefined;
  if (replacement.type !== statement.type || replacement.range[0] !== 0 || replacement.range[1] !== snippet.length) return undefined;

  const spliced = walk(replacement, last.ast, traverse);
  for (const node of spliced.nodes) shift(node.range, from);
  for (let i = index + 1; i < body.length; i++) for (const node of last.statements[i].nodes) shift(node.range, delta);
  if (last.ast.comments) {
    const before = last.ast.comments.filter((c) => c.range[1] <= from);
    const after = last.ast.comments.filter((c) => c.range[0] >= to);
    withoutLines(fresh.comments);
    for (const c of fresh.comments ?? []) shift(c.range, from);
    for (const c of after) shift(c.range, delta);
    last.ast.comments = [...before, ...(fresh.comments ?? []), ...after];
  }
  body[index] = replacement;
  last.statements[index] = spliced;
  last.ast.range = [last.ast.range[0], last.ast.range[1] + delta];
  last.text = text;
  return last;
}

/** Comments carry line and column even with `loc: false`; once shifted they would be stale, and nothing reads them. */
function withoutLines(comments: TSESTree.Comment[] | undefined): void {
  for (const comment of comments ?? []) delete (comment as { loc?: unknown }).loc;
}

/** In place: each node kept has a range of its own (see `walk`); a comment's is its own too. */
function shift(range: [number, number], by: number): void {
  range[0] += by;
  range[1] += by;
}

/**
 * Length of the common prefix, found by halving: comparing slices runs at memory speed, where a
 * loop over characters takes most of a millisecond on a 100 kB file.
 */
function commonPrefix(a: string, b: string): number {
  let low = 0;
  let high = Math.min(a.length, b.length);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.slice(low, mid) === b.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Length of the common suffix, at most `limit` (what the prefix left). */
function commonSuffix(a: string, b: string, limit: number): number {
  let low = 0;
  let high = limit;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.slice(a.length - mid, a.length - low) === b.slice(b.length - mid, b.length - low)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The index of the top-level statement whose range strictly contains [start, end), or -1. */
function statementAround(body: readonly Node[], start: number, end: number): number {
  let low = 0;
  let high = body.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [from, to] = body[mid].range;
    if (to <= start) low = mid + 1;
    else if (from >= start) high = mid - 1;
    else return end < to ? mid : -1;
  }
  return -1;
}

const WORD = /[\w$]/;
const IMPORT_META = /\bimport\s*\.\s*meta\b/;

/** End of the word a statement starts with (`function`, `export`, a name); the start when it starts otherwise. */
function firstWordEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && WORD.test(text[end])) end++;
  // Not a word (`(`, a string, a regular expression): its first token's end is not known cheaply.
  return end === from ? Infinity : end;
}

/** Declarations that end at their closing brace: nothing after them can continue them. */
function endsWithBrace(statement: Node): boolean {
  const declaration = statement.type === T.ExportNamedDeclaration || statement.type === T.ExportDefaultDeclaration ? statement.declaration : statement;
  switch (declaration?.type) {
    case T.FunctionDeclaration:
    case T.ClassDeclaration:
    case T.TSInterfaceDeclaration:
    case T.TSEnumDeclaration:
    case T.TSModuleDeclaration:
      return true;
    default:
      return false;
  }
}

/** Words that can go on an expression or statement from the next line (`x = {}\n  as T`, `try {}\ncatch`). */
const CONTINUING = new Set(['in', 'instanceof', 'as', 'satisfies', 'of', 'extends', 'is', 'else', 'catch', 'finally', 'while']);

/**
 * After a statement ending at `end`: the end of the file, or, on a later line (a semicolon is
 * inserted only at a line break: `if (a) {} f()` is fine where `x = {} f()` is not), a next
 * statement starting with a word that cannot continue it.
 */
function nothingContinues(text: string, end: number, next: Node | undefined): boolean {
  if (!next) return true;
  const from = next.range[0];
  const wordEnd = firstWordEnd(text, from);
  return wordEnd !== Infinity && !CONTINUING.has(text.slice(from, wordEnd)) && onlyTrivia(text, end, from) && /[\n\r]/.test(text.slice(end, from));
}

/** Whether text[from, to) holds only white space and comments. */
function onlyTrivia(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') i++;
    else if (text.startsWith('//', i)) {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > to) return false;
      i = close + 2;
    } else return false;
  }
  return true;
}
