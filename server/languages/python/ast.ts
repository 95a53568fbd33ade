import type { Language, Parser, TreeCursor } from 'web-tree-sitter';
import type { Range } from '../../engine/facts';
import type { Comment, ExtractError } from '../extractor';

/**
 * A plain-JS copy of tree-sitter's Python tree. tree-sitter nodes are fresh wasm-backed objects
 * on every access (no identity, a call across the wasm boundary per field); the extractor walks
 * the tree many times, so it copies it once with a cursor. Offsets are UTF-16, like JS strings.
 */
export interface PyNode {
  type: string;
  start: number;
  end: number;
  /** The field this node fills in its parent (`function`, `arguments`, `left`…), if any. */
  field: string | null;
  parent: PyNode | null;
  /** Named children, plus anonymous ones that fill a field (operators). Comments are left out. */
  children: PyNode[];
}

export interface ParsedPython {
  root: PyNode;
  comments: Comment[];
  errors: ExtractError[];
}

/** Parses a file and copies its tree; syntax errors become one message with the first error's range. */
export function parsePython(parser: Parser, text: string): ParsedPython | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const hasError = tree.rootNode.hasError;
    const comments: Comment[] = [];
    const problems: { range: Range; message: string }[] = [];
    const cursor = tree.walk();
    let root: PyNode;
    try {
      root = copyTree(cursor, tree.language, text, comments, hasError ? problems : undefined);
    } finally {
      // Cursors and trees live in wasm memory: not freeing them exhausts it after a few thousand files.
      cursor.delete();
    }
    const errors: ExtractError[] = [];
    if (problems.length) {
      const first = problems[0];
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      errors.push({ message: `Python syntax error: ${first.message}${more}; facts were read from the rest of the file`, range: first.range });
    }
    return { root, comments, errors };
  } finally {
    tree.delete();
  }
}

function copyTree(cursor: TreeCursor, language: Language, text: string, comments: Comment[], problems: { range: Range; message: string }[] | undefined): PyNode {
  const root: PyNode = { type: cursor.nodeType, start: cursor.startIndex, end: cursor.endIndex, field: null, parent: null, children: [] };
  // Every cursor read crosses into wasm: read the type id and field id once, the rest only for kept nodes.
  const types = language.types;
  const fields = language.fields;
  const named = namedTypes(language);
  let parent = root;
  // Depth-first over the cursor, without recursion: deep expressions must not overflow the stack.
  if (!cursor.gotoFirstChild()) return root;
  for (;;) {
    const typeId = cursor.nodeTypeId;
    const type = types[typeId] ?? 'ERROR';
    const field = fields[cursor.currentFieldId] ?? null;
    let node: PyNode | undefined;
    if (problems && (type === 'ERROR' || cursor.nodeIsMissing)) problems.push(problemAt(cursor, type, text));
    if (type === 'comment') {
      const start = cursor.startIndex;
      // The grammar keeps a CRLF file's `\r` inside the comment.
      let end = cursor.endIndex;
      if (text.charCodeAt(end - 1) === 13) end--;
      comments.push({ text: text.slice(start + 1, end), range: { start, end } });
    } else if (named(typeId) || field) {
      node = { type, start: cursor.startIndex, end: cursor.endIndex, field, parent, children: [] };
      parent.children.push(node);
    }
    if (node && !LEAVES.has(type) && cursor.gotoFirstChild()) {
      parent = node;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return root;
      if (!parent.parent) return root;
      parent = parent.parent;
    }
  }
}

/** Node types that never have children: no need to ask the cursor. */
const LEAVES = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'string_start', 'string_end', 'escape_sequence', 'escape_interpolation']);

const namedByLanguage = new WeakMap<Language, (typeId: number) => boolean>();

/** Whether a node type is named, asked of the grammar once per type. */
function namedTypes(language: Language): (typeId: number) => boolean {
  let lookup = namedByLanguage.get(language);
  if (!lookup) {
    const known: boolean[] = [];
    lookup = (typeId) => (known[typeId] ??= typeId === 65535 || language.nodeTypeIsNamed(typeId));
    namedByLanguage.set(language, lookup);
  }
  return lookup;
}

function problemAt(cursor: TreeCursor, type: string, text: string): { range: Range; message: string } {
  const range = { start: cursor.startIndex, end: cursor.endIndex };
  if (type !== 'ERROR') return { range, message: `missing ${type === ')' || type === ']' || type === '}' || type === ':' ? `"${type}"` : type}` };
  const snippet = text.slice(range.start, Math.min(range.end, range.start + 30)).split('\n')[0].trim();
  return { range, message: snippet ? `unexpected "${snippet}"` : 'unexpected input' };
}

export const rangeOf = (node: PyNode): Range => ({ start: node.start, end: node.end });

export function field(node: PyNode | null | undefined, name: string): PyNode | undefined {
  if (!node) return undefined;
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

/** Named children (the anonymous operator nodes kept for their field are skipped). */
export function named(node: PyNode): PyNode[] {
  return node.children.filter((c) => !isOperator(c));
}

function isOperator(node: PyNode): boolean {
  return node.field === 'operator' || node.field === 'operators';
}

/** The operator of a binary, boolean or augmented-assignment node (`+`, `or`, `|=`). */
export function operator(node: PyNode): string | undefined {
  return node.children.find(isOperator)?.type;
}

/** Strips wrappers that do not change a value: `await x`, `(x)`. */
export function unwrap(node: PyNode): PyNode {
  let current = node;
  while ((current.type === 'await' || current.type === 'parenthesized_expression') && current.children.length === 1) current = current.children[0];
  return current;
}

export function* ancestors(node: PyNode): Generator<PyNode> {
  for (let current = node.parent; current; current = current.parent) yield current;
}

export const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

export function enclosingFunction(node: PyNode): PyNode | undefined {
  for (const a of ancestors(node)) if (FUNCTION_TYPES.has(a.type)) return a;
  return undefined;
}

export function functionName(fn: PyNode, text: string): string | undefined {
  if (fn.type === 'function_definition') {
    const name = field(fn, 'name');
    return name ? text.slice(name.start, name.end) : undefined;
  }
  // `summarize = lambda text: …`
  const parent = fn.parent;
  if (parent?.type === 'assignment' && fn.field === 'right') {
    const left = field(parent, 'left');
    if (left?.type === 'identifier') return text.slice(left.start, left.end);
  }
  return undefined;
}

/** `a.b.c` → root `a` and path ['b', 'c']; undefined when a segment is not a plain attribute. */
export function attributeChain(node: PyNode, text: string): { root: PyNode; path: string[] } | undefined {
  const path: string[] = [];
  let current = unwrap(node);
  while (current.type === 'attribute') {
    const name = field(current, 'attribute');
    const object = field(current, 'object');
    if (!name || !object) return undefined;
    path.unshift(text.slice(name.start, name.end));
    current = unwrap(object);
  }
  return { root: current, path };
}

/** Whether `inner` lies within `outer`. */
export function isInside(inner: PyNode, outer: PyNode): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** A `def` directly in a class body (decorated or not): its first parameter is the instance. */
export function isMethod(fn: PyNode): boolean {
  let holder = fn.parent;
  if (holder?.type === 'decorated_definition') holder = holder.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition';
}
