import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { LoopInfo, Range, RetryPolicy } from '../../engine/facts';
import { T, ancestors, isFunction, keyName, rangeOf, unwrap, type Node } from './ast';

/** Array methods that call their callback once per item. */
const PER_ITEM_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find']);

/** The loop nearest a node within its function, or the per-item callback it sits in. */
export function enclosingLoop(node: Node, text: string): LoopInfo | null {
  let child: Node = node;
  for (const a of ancestors(node)) {
    const loop = loopOf(a, child, text);
    if (loop) return loop;
    if (isFunction(a)) {
      const callback = perItemCallback(a);
      if (callback) return callback;
      return null;
    }
    child = a;
  }
  return null;
}

type LoopNode = TSESTree.ForStatement | TSESTree.ForOfStatement | TSESTree.ForInStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement;

/** A loop's head: `for (…)`, `while (…)`, or the `do` keyword — the short range findings point at. */
function headRange(loop: LoopNode, text: string): Range {
  if (loop.type === T.DoWhileStatement) return { start: loop.range[0], end: loop.range[0] + 2 };
  const close = text.lastIndexOf(')', loop.body.range[0] - 1);
  return { start: loop.range[0], end: close > loop.range[0] ? close + 1 : loop.body.range[0] };
}

function loopOf(node: Node, child: Node, text: string): LoopInfo | null {
  switch (node.type) {
    case T.ForOfStatement:
    case T.ForInStatement:
      if (child !== node.body) return null;
      return { kind: node.type === T.ForOfStatement ? 'for-of' : 'for-in', range: rangeOf(node), headRange: headRange(node, text), perItem: true };
    case T.ForStatement:
      if (child !== node.body) return null;
      return { kind: 'for', range: rangeOf(node), headRange: headRange(node, text), perItem: node.test !== null && !isAlwaysTrue(node.test) };
    case T.WhileStatement:
    case T.DoWhileStatement:
      if (child !== node.body) return null;
      return { kind: node.type === T.WhileStatement ? 'while' : 'do-while', range: rangeOf(node), headRange: headRange(node, text), perItem: false };
    default:
      return null;
  }
}

/** `items.map(async (x) => …)`, `Promise.all(items.map(…))`: the callback runs per item. */
function perItemCallback(fn: Node): LoopInfo | null {
  const call = fn.parent;
  if (!call || call.type !== T.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== T.MemberExpression) return null;
  const method = keyName(callee.property);
  if (!method || !PER_ITEM_METHODS.has(method)) return null;
  const inGather = call.parent?.type === T.ArrayExpression ? false : isPromiseAllArgument(call);
  return {
    kind: inGather ? 'gather' : method === 'forEach' ? 'for-each' : 'map',
    range: rangeOf(call),
    headRange: rangeOf(callee),
    perItem: true,
  };
}

function isPromiseAllArgument(node: Node): boolean {
  const parent = node.parent;
  if (!parent || parent.type !== T.CallExpression) return false;
  const callee = unwrap(parent.callee);
  return callee.type === T.MemberExpression && callee.object.type === T.Identifier && callee.object.name === 'Promise' && /^(all|allSettled)$/.test(keyName(callee.property) ?? '');
}

function isAlwaysTrue(test: Node): boolean {
  const value = unwrap(test);
  return (value.type === T.Literal && Boolean(value.value) === true) || (value.type === T.UnaryExpression && value.operator === '!' && value.argument.type === T.Literal && !value.argument.value);
}

/**
 * A hand-written retry loop around `node`: an endless or condition-driven loop whose body
 * catches the call's errors and goes round again. Bounded when a comparison against a
 * counter can end it (`attempt < 5`, `if (tries > 3) throw`).
 */
export function retryLoop(node: Node, text: string): RetryPolicy | null {
  let child: Node = node;
  let attempt: TSESTree.TryStatement | undefined;
  for (const a of ancestors(node)) {
    if (isFunction(a)) return null;
    if (a.type === T.TryStatement && child === a.block) attempt ??= a;
    const loop = a.type === T.WhileStatement || a.type === T.DoWhileStatement || a.type === T.ForStatement ? a : null;
    if (loop && child === loop.body) {
      if (!attempt?.handler || exits(attempt.handler.body)) return null;
      const conditional = loop.test !== null && !isAlwaysTrue(loop.test);
      // A retry loop ends on success: `return`/`break` after the call, or a condition such as `while (!done)`.
      if (!conditional && !containsExit(attempt.block)) return null;
      const bounded = (conditional && hasComparison(loop.test)) || hasExitOnComparison(loop.body);
      return { kind: 'loop', maxAttempts: bounded ? boundOf(loop) : null, unbounded: !bounded, range: headRange(loop, text) };
    }
    child = a;
  }
  return null;
}

function containsExit(node: Node): boolean {
  if (isFunction(node)) return false;
  if (node.type === T.ReturnStatement || node.type === T.BreakStatement) return true;
  return childNodes(node).some(containsExit);
}

const RELATIONAL = new Set(['<', '<=', '>', '>=']);

function hasComparison(node: Node | null): boolean {
  if (!node) return false;
  const value = unwrap(node);
  if (value.type === T.BinaryExpression) return RELATIONAL.has(value.operator) || hasComparison(value.left as Node) || hasComparison(value.right);
  if (value.type === T.LogicalExpression) return hasComparison(value.left) || hasComparison(value.right);
  if (value.type === T.UnaryExpression) return hasComparison(value.argument);
  return false;
}

/** An `if (<comparison>) throw|break|return` anywhere in the loop body, outside nested functions. */
function hasExitOnComparison(body: Node): boolean {
  let found = false;
  const visit = (node: Node): void => {
    if (found || isFunction(node)) return;
    if (node.type === T.IfStatement && hasComparison(node.test) && exits(node.consequent)) {
      found = true;
      return;
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(body);
  return found;
}

/** Always leaves: the statement (or a block's top-level statement) throws, breaks or returns. */
function exits(node: Node): boolean {
  if (node.type === T.ThrowStatement || node.type === T.BreakStatement || node.type === T.ReturnStatement) return true;
  if (node.type === T.BlockStatement) return node.body.some(exits);
  return false;
}

function boundOf(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): number | null {
  const test = loop.test ? unwrap(loop.test) : null;
  if (test?.type === T.BinaryExpression && test.right.type === T.Literal && typeof test.right.value === 'number') {
    return test.operator === '<=' ? test.right.value + 1 : test.right.value;
  }
  return null;
}

/** Child nodes of any node, by walking its own enumerable node-valued fields. */
export function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'range' || key === 'loc') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && 'type' in item) out.push(item as Node);
    } else if (value && typeof value === 'object' && 'type' in value) out.push(value as Node);
  }
  return out;
}

/**
 * `response = await client.responses.create({ …, previous_response_id: response.id })`: each call
 * needs the previous call's answer (an agent or tool-use loop), so the calls cannot be batched.
 */
export function feedsOnItsOwnResult(call: Node): boolean {
  let value: Node = call;
  while (value.parent && (value.parent.type === T.AwaitExpression || value.parent.type === T.TSAsExpression || value.parent.type === T.TSNonNullExpression)) value = value.parent;
  const assignment = value.parent;
  if (assignment?.type !== T.AssignmentExpression || assignment.right !== value || assignment.left.type !== T.Identifier) return false;
  const name = assignment.left.name;
  return call.type === T.CallExpression && call.arguments.some((arg) => mentions(arg, name));
}

function mentions(node: Node, name: string): boolean {
  if (node.type === T.Identifier) return node.name === name;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'parent' || !child || typeof child !== 'object') continue;
    if (Array.isArray(child) ? child.some((c) => c && typeof c.type === 'string' && mentions(c, name)) : typeof child.type === 'string' && mentions(child as Node, name)) return true;
  }
  return false;
}
