// The node-type enum comes from the light types package: the parser (and TypeScript) load only when a file is parsed.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { Range } from '../../engine/facts';

/** The enum held in a constant: bundled, every `T.X` through the import would call an interop getter (a few per node visited). */
export const T = AST_NODE_TYPES;
export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;

export function rangeOf(node: { range: [number, number] }): Range {
  return { start: node.range[0], end: node.range[1] };
}

/** Strips wrappers that do not change a value: `await`, `(x as T)`, `x!`, `x satisfies T`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case T.AwaitExpression:
        current = current.argument;
        break;
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.TSSatisfiesExpression:
      case T.TSTypeAssertion:
      case T.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The name of a non-computed property key or member property. */
export function keyName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === T.Identifier) return node.name;
  if (node.type === T.Literal && typeof node.value === 'string') return node.value;
  if (node.type === T.PrivateIdentifier) return node.name;
  return undefined;
}

export function property(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const p of object.properties) {
    if (p.type === T.Property && !p.computed && keyName(p.key) === name) return p;
    if (p.type === T.Property && p.computed && p.key.type === T.Literal && p.key.value === name) return p;
  }
  return undefined;
}

/** The value of `name` in an object literal, following a path (`config.maxOutputTokens`). */
export function propertyValue(object: TSESTree.ObjectExpression | undefined, path: string): Node | undefined {
  let current: Node | undefined = object;
  for (const segment of path.split('.')) {
    if (!current || current.type !== T.ObjectExpression) return undefined;
    current = property(current, segment)?.value;
  }
  return current;
}

/** `a.b.c` → ['a', 'b', 'c'] with the root node; undefined for computed or call segments. */
export function memberChain(node: Node): { root: Node; path: string[] } | undefined {
  const path: string[] = [];
  let current = unwrap(node);
  while (current.type === T.MemberExpression) {
    const name = current.computed ? keyName(current.property) : keyName(current.property);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = unwrap(current.object);
  }
  return { root: current, path };
}

export function isFunction(node: Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression;
}

/** Ancestors of a node, nearest first (parent pointers come from `simpleTraverse`). */
export function* ancestors(node: Node): Generator<Node> {
  let current = node.parent;
  while (current) {
    yield current;
    current = current.parent;
  }
}

/** Name of the function that contains a node: declaration, `const f = () =>`, method, property. */
export function functionName(fn: Node): string | undefined {
  if (fn.type === T.FunctionDeclaration) return fn.id?.name;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (parent.type === T.VariableDeclarator && parent.id.type === T.Identifier) return parent.id.name;
  if (parent.type === T.MethodDefinition || parent.type === T.Property || parent.type === T.PropertyDefinition) return keyName(parent.key);
  return undefined;
}

export function enclosingFunction(node: Node): Node | undefined {
  for (const a of ancestors(node)) if (isFunction(a)) return a;
  return undefined;
}
