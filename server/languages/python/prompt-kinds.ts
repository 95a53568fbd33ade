import type { DynamicSource, PromptRole } from '../../engine/facts';
import { field, named, operator, unwrap, type PyNode } from './ast';
import type { Resolver } from './resolve';
import { isStringNode } from './strings';

/** Calls that return a whole file's text. */
export const FILE_READERS = new Set(['read', 'read_text', 'read_bytes', 'readlines', 'load', 'safe_load']);
export const HISTORY_NAMES = /history|messages|conversation|transcript|turns|chat/i;
/** Calls that keep a string's text (`textwrap.dedent(…)`, `"…".strip()`). */
export const TEXT_KEEPERS = new Set(['dedent', 'cleandoc', 'strip', 'lstrip', 'rstrip']);

/** A role as written (`system`, `human`, `CHATBOT`, `model`…), in the facts' terms. */
export function roleOf(name: string | undefined): PromptRole | undefined {
  switch (name?.toLowerCase()) {
    case 'system':
    case 'developer':
      return 'system';
    case 'user':
    case 'human':
      return 'user';
    case 'assistant':
    case 'ai':
    case 'model':
    case 'chatbot':
      return 'assistant';
    case 'tool':
    case 'function':
      return 'tool';
    default:
      return undefined;
  }
}

/** Whether an expression builds a string (so a name bound to it is followed into the prompt). */
export function isStringExpression(node: PyNode, resolver: Resolver, strict = false): boolean {
  if (isStringNode(node)) return true;
  if (node.type === 'binary_operator') {
    const left = field(node, 'left');
    const op = operator(node);
    if (op === '%' || op === '*') return left !== undefined && isStringExpression(unwrap(left), resolver, strict);
    if (op !== '+') return false;
    const right = field(node, 'right');
    // `history + [...]` is a list; `"a" + b` is a string: one string side decides.
    return [left, right].some((side) => side !== undefined && (isStringNode(unwrap(side)) || (!strict && isStringExpression(unwrap(side), resolver, true))));
  }
  if (node.type === 'call') {
    const callee = field(node, 'function');
    const method = callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
    const name = method ? resolver.src(method) : '';
    return name === 'join' || name === 'format' || TEXT_KEEPERS.has(name);
  }
  return false;
}

/** Why a value is dynamic: a file read, a chat history, a call, a variable. */
export function dynamicSource(node: PyNode, resolver: Resolver): DynamicSource {
  const value = unwrap(node);
  if (value.type === 'call') {
    const callee = field(value, 'function');
    const method = callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
    const name = method?.type === 'identifier' ? resolver.src(method) : '';
    if (FILE_READERS.has(name)) return 'file';
    const arg = named(field(value, 'arguments') ?? value)[0];
    if ((name === 'dumps' || name === 'str') && arg) return dynamicSource(arg, resolver);
    return 'call';
  }
  if (value.type === 'identifier') return HISTORY_NAMES.test(resolver.src(value)) ? 'history' : 'variable';
  if (value.type === 'attribute') {
    const name = field(value, 'attribute');
    return name && HISTORY_NAMES.test(resolver.src(name)) ? 'history' : 'variable';
  }
  if (value.type === 'subscript') return 'variable';
  return 'unknown';
}
