import type { Node, Parser } from 'web-tree-sitter';
import type { Range } from '../../engine/facts';
import type { Comment, ExtractError } from '../extractor';
import type { HAccess, HBlock, HEntry, HExpr, HFile, HObjectEntry } from './syntax';

const OPERATORS = new Set(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

const rangeOf = (node: Node): Range => ({ start: node.startIndex, end: node.endIndex });

export interface ReadResult {
  file: HFile;
  errors: ExtractError[];
  comments: Comment[];
}

/** Parses HCL text into the model; the tree is freed before returning. Never throws. */
export function readHcl(parser: Parser, path: string, text: string): ReadResult {
  const errors: ExtractError[] = [];
  const comments: Comment[] = [];
  const tree = parser.parse(text);
  if (!tree) return { file: { path, text, body: [] }, errors: [{ message: 'cannot parse the file', range: { start: 0, end: 0 } }], comments };
  try {
    const root = tree.rootNode;
    scan(root, text, errors, comments);
    const body = root.namedChildren.find((c) => c.type === 'body');
    return { file: { path, text, body: body ? readBody(body, text) : [] }, errors, comments };
  } finally {
    tree.delete();
  }
}

/** Collects comments and syntax errors (the outermost ERROR node of each broken region, and missing tokens). */
function scan(node: Node, text: string, errors: ExtractError[], comments: Comment[]): void {
  for (const child of node.children) {
    if (child.type === 'comment') comments.push({ text: commentText(text.slice(child.startIndex, child.endIndex)), range: rangeOf(child) });
    else if (child.isError) {
      const snippet = text.slice(child.startIndex, child.endIndex).trim().split('\n')[0].slice(0, 40);
      errors.push({ message: `HCL syntax error${snippet ? ` near "${snippet}"` : ''}`, range: rangeOf(child) });
      collectComments(child, text, comments);
    } else if (child.isMissing) {
      errors.push({ message: `HCL syntax error: missing "${child.type}"`, range: rangeOf(child) });
    } else if (child.childCount) scan(child, text, errors, comments);
  }
}

function collectComments(node: Node, text: string, comments: Comment[]): void {
  for (const child of node.children) {
    if (child.type === 'comment') comments.push({ text: commentText(text.slice(child.startIndex, child.endIndex)), range: rangeOf(child) });
    else if (child.childCount) collectComments(child, text, comments);
  }
}

function commentText(raw: string): string {
  if (raw.startsWith('/*')) return raw.slice(2, raw.endsWith('*/') ? -2 : undefined);
  return raw.startsWith('//') ? raw.slice(2) : raw.slice(1);
}

function readBody(body: Node, text: string): HEntry[] {
  const entries: HEntry[] = [];
  for (const child of body.namedChildren) {
    if (child.type === 'attribute') {
      const name = child.namedChildren.find((c) => c.type === 'identifier');
      const value = child.namedChildren.find((c) => c.type === 'expression');
      if (!name || !value) continue;
      entries.push({ kind: 'attribute', name: name.text, nameRange: rangeOf(name), value: readExpression(value, text), range: rangeOf(child) });
    } else if (child.type === 'block') {
      const block = readBlock(child, text);
      if (block) entries.push(block);
    }
  }
  return entries;
}

function readBlock(node: Node, text: string): HBlock | undefined {
  const children = node.namedChildren;
  const type = children[0];
  if (!type || type.type !== 'identifier') return undefined;
  const labels: string[] = [];
  const labelRanges: Range[] = [];
  let open = -1;
  let close = node.endIndex - 1;
  let body: HEntry[] = [];
  for (const child of children.slice(1)) {
    if (child.type === 'string_lit') {
      labels.push(stringValue(child));
      labelRanges.push(rangeOf(child));
    } else if (child.type === 'identifier' && open < 0) {
      labels.push(child.text);
      labelRanges.push(rangeOf(child));
    } else if (child.type === 'block_start') open = child.startIndex;
    else if (child.type === 'block_end') close = child.isMissing ? node.endIndex : child.startIndex;
    else if (child.type === 'body') body = readBody(child, text);
  }
  if (open < 0) return undefined;
  return { kind: 'block', type: type.text, typeRange: rangeOf(type), labels, labelRanges, body, range: rangeOf(node), open, close };
}

function readExpression(node: Node, text: string): HExpr {
  const conditional = node.namedChildren.find((c) => c.type === 'conditional');
  if (conditional && node.namedChildren.length === 1) return readConditional(conditional, text);
  return readTerm(node.children.filter((c) => c.type !== 'comment'), rangeOf(node), text);
}

function readConditional(node: Node, text: string): HExpr {
  const [test, then, otherwise] = node.namedChildren.filter((c) => c.type === 'expression');
  if (!test || !then || !otherwise) return { kind: 'other', what: 'conditional', range: rangeOf(node) };
  return { kind: 'conditional', test: readExpression(test, text), then: readExpression(then, text), otherwise: readExpression(otherwise, text), range: rangeOf(node) };
}

/** An expression term: a primary followed by accessors (`.name`, `[i]`, `[*]`). */
function readTerm(children: Node[], range: Range, text: string): HExpr {
  if (!children.length) return { kind: 'other', what: 'empty', range };
  let rest = children;
  let base: HExpr;
  const first = children[0];
  if (first.type === '(') {
    const inner = children.find((c) => c.type === 'expression');
    const closeAt = children.findIndex((c) => c.type === ')');
    base = inner ? readExpression(inner, text) : { kind: 'other', what: 'parenthesis', range };
    rest = closeAt >= 0 ? children.slice(closeAt + 1) : [];
  } else {
    base = readPrimary(first, text);
    rest = children.slice(1);
  }
  const path: HAccess[] = [];
  for (const accessor of rest) {
    if (accessor.type === 'get_attr') {
      const name = accessor.namedChildren.find((c) => c.type === 'identifier');
      if (name) path.push({ kind: 'attr', name: name.text });
    } else if (accessor.type === 'index') {
      const index = accessor.namedChildren[0];
      if (index?.type === 'legacy_index') {
        const digits = /\d+/.exec(index.text);
        path.push({ kind: 'index', index: { kind: 'literal', value: digits ? Number(digits[0]) : 0, range: rangeOf(index) } });
      } else {
        const expr = index?.namedChildren.find((c) => c.type === 'expression');
        path.push({ kind: 'index', index: expr ? readExpression(expr, text) : { kind: 'other', what: 'index', range: rangeOf(accessor) } });
      }
    } else if (accessor.type === 'splat') path.push({ kind: 'splat' });
  }
  if (!path.length) return base;
  const whole = { start: range.start, end: rest.length ? rest[rest.length - 1].endIndex : range.end };
  if (base.kind === 'ref') return { ...base, path: [...base.path, ...path], range: whole };
  return { kind: 'access', base, path, range: whole };
}

function readPrimary(node: Node, text: string): HExpr {
  const range = rangeOf(node);
  switch (node.type) {
    case 'literal_value':
      return readLiteral(node.namedChildren[0] ?? node, range);
    case 'template_expr':
      return readTemplate(node.namedChildren[0] ?? node, text);
    case 'collection_value':
      return readCollection(node.namedChildren[0] ?? node, text);
    case 'variable_expr':
      return { kind: 'ref', root: node.text, path: [], range };
    case 'function_call': {
      const name = node.namedChildren.find((c) => c.type === 'identifier')?.text ?? '';
      const args = node.namedChildren.find((c) => c.type === 'function_arguments');
      return { kind: 'call', name, args: (args?.namedChildren ?? []).filter((c) => c.type === 'expression').map((c) => readExpression(c, text)), range };
    }
    case 'operation':
      return readOperation(node.namedChildren[0] ?? node, text);
    case 'conditional':
      return readConditional(node, text);
    case 'expression':
      return readExpression(node, text);
    default:
      return { kind: 'other', what: node.type, range };
  }
}

function readLiteral(node: Node, range: Range): HExpr {
  switch (node.type) {
    case 'numeric_lit':
      return { kind: 'literal', value: Number(node.text), range };
    case 'bool_lit':
      return { kind: 'literal', value: node.text === 'true', range };
    case 'null_lit':
      return { kind: 'literal', value: null, range };
    case 'string_lit':
      return { kind: 'literal', value: stringValue(node), range };
    default:
      return { kind: 'other', what: node.type, range };
  }
}

function stringValue(node: Node): string {
  return node.namedChildren
    .filter((c) => c.type === 'template_literal')
    .map((c) => unescape(c.text))
    .join('');
}

function readTemplate(node: Node, text: string): HExpr {
  const range = rangeOf(node);
  const heredoc = node.type === 'heredoc_template';
  const parts: (string | HExpr)[] = [];
  const pieces = node.namedChildren.filter((c) => c.type === 'template_literal' || c.type === 'template_interpolation' || c.type === 'template_directive');
  // Heredocs keep their whitespace between pieces, so read the raw text between interpolations.
  let cursor = heredoc ? bodyStart(node, text) : -1;
  for (const piece of pieces) {
    if (heredoc && piece.startIndex > cursor) parts.push(text.slice(cursor, piece.startIndex));
    if (piece.type === 'template_literal') {
      if (!heredoc) parts.push(unescape(piece.text));
      else parts.push(text.slice(piece.startIndex, piece.endIndex).replace(/\$\$\{/g, '${'));
    } else if (piece.type === 'template_interpolation') {
      const expr = piece.namedChildren.find((c) => c.type === 'expression');
      parts.push(expr ? readExpression(expr, text) : { kind: 'other', what: 'interpolation', range: rangeOf(piece) });
    } else parts.push({ kind: 'other', what: 'directive', range: rangeOf(piece) });
    cursor = piece.endIndex;
  }
  if (heredoc) {
    const end = node.namedChildren.filter((c) => c.type === 'heredoc_identifier').pop();
    if (end && end.startIndex > cursor) parts.push(text.slice(cursor, end.startIndex).replace(/[ \t]*$/, ''));
  }
  if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join(''), range };
  return { kind: 'template', parts, range };
}

function bodyStart(node: Node, text: string): number {
  const id = node.namedChildren.find((c) => c.type === 'heredoc_identifier');
  if (!id) return node.startIndex;
  const newline = text.indexOf('\n', id.endIndex);
  return newline < 0 ? id.endIndex : newline + 1;
}

function readCollection(node: Node, text: string): HExpr {
  const range = rangeOf(node);
  if (node.type === 'tuple') {
    return { kind: 'tuple', items: node.namedChildren.filter((c) => c.type === 'expression').map((c) => readExpression(c, text)), range };
  }
  if (node.type !== 'object') return { kind: 'other', what: node.type, range };
  const entries: HObjectEntry[] = [];
  for (const elem of node.namedChildren) {
    if (elem.type !== 'object_elem') continue;
    const keyNode = elem.childForFieldName('key');
    const valueNode = elem.childForFieldName('val');
    if (!keyNode || !valueNode) continue;
    entries.push({ key: objectKey(keyNode), keyRange: rangeOf(keyNode), value: readExpression(valueNode, text), range: rangeOf(elem) });
  }
  return { kind: 'object', entries, range };
}

/** A bare name or a plain string is a literal key; anything else (`(var.k)`) is computed. */
function objectKey(node: Node): string | null {
  const only = node.namedChildren.length === 1 && node.childCount === 1 ? node.namedChildren[0] : undefined;
  if (only?.type === 'variable_expr') return only.text;
  if (only?.type === 'literal_value' && only.namedChildren[0]?.type === 'string_lit') return stringValue(only.namedChildren[0]);
  return null;
}

function readOperation(node: Node, text: string): HExpr {
  const range = rangeOf(node);
  const children = node.children.filter((c) => c.type !== 'comment');
  if (node.type === 'unary_operation') {
    const op = children[0]?.type ?? '';
    return { kind: 'unary', op, operand: readTerm(children.slice(1), range, text), range };
  }
  const at = children.findIndex((c) => !c.isNamed && OPERATORS.has(c.type));
  if (at <= 0) return { kind: 'other', what: node.type, range };
  const left = children.slice(0, at);
  const right = children.slice(at + 1);
  return {
    kind: 'binary',
    op: children[at].type,
    left: readTerm(left, { start: left[0].startIndex, end: left[left.length - 1].endIndex }, text),
    right: readTerm(right, right.length ? { start: right[0].startIndex, end: right[right.length - 1].endIndex } : range, text),
    range,
  };
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** HCL string escapes: `\n`, `\"`, `\uNNNN`, and `$${` / `%%{` for literal `${` / `%{`. */
function unescape(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, esc: string | undefined) => {
    if (!esc) return match.slice(1);
    if (esc[0] === 'u' || esc[0] === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return ESCAPES[esc] ?? esc;
  });
}
