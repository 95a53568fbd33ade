import type { LoopInfo, Range, RetryPolicy } from '../../engine/facts';
import { FUNCTION_TYPES, ancestors, field, named, rangeOf, unwrap, type PyNode } from './ast';
import type { Resolver } from './resolve';
import type { Values } from './values';

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const GATHERS = new Set(['asyncio.gather', 'asyncio.wait', 'trio.gather']);
/** `map(fn, xs)`, `executor.map(fn, xs)`, `pool.imap(fn, xs)`: the function runs once per item. */
const MAP_NAMES = new Set(['map', 'imap', 'imap_unordered', 'starmap']);

/** Loops and retries read from the syntax around a call. */
export class Flow {
  constructor(
    private readonly resolver: Resolver,
    private readonly values: Values,
  ) {}

  /** The loop nearest a node within its function: `for`, `while`, a comprehension, a lambda given to `map`. */
  enclosingLoop(node: PyNode): LoopInfo | null {
    let child = node;
    for (const a of ancestors(node)) {
      const loop = this.loopOf(a, child);
      if (loop) return loop;
      if (FUNCTION_TYPES.has(a.type)) return a.type === 'lambda' ? this.mapCallback(a) : null;
      child = a;
    }
    return null;
  }

  private loopOf(node: PyNode, child: PyNode): LoopInfo | null {
    if (node.type === 'for_statement' && child.field === 'body') {
      return { kind: 'for', range: rangeOf(node), headRange: this.head(node, field(node, 'right')), perItem: true };
    }
    if (node.type === 'while_statement' && child.field === 'body') {
      return { kind: 'while', range: rangeOf(node), headRange: this.head(node, field(node, 'condition')), perItem: false };
    }
    if (COMPREHENSIONS.has(node.type)) {
      // The first iterable is evaluated once; the body, the filters and later clauses run per item.
      const first = node.children.find((c) => c.type === 'for_in_clause');
      if (!first || child === first) return null;
      const gather = this.gatherOf(node);
      return { kind: gather ? 'gather' : 'comprehension', range: rangeOf(gather ?? node), headRange: rangeOf(first), perItem: true };
    }
    return null;
  }

  /**
   * `response = client.create(…, previous_response_id=response.id)`: each call needs the previous
   * call's answer (an agent or tool-use loop), so the calls cannot go to a batch API.
   */
  feedsOnItsOwnResult(call: PyNode): boolean {
    let value = call;
    while (value.parent && (value.parent.type === 'await' || value.parent.type === 'parenthesized_expression')) value = value.parent;
    const assignment = value.parent;
    const target = assignment?.type === 'assignment' && value.field === 'right' ? field(assignment, 'left') : undefined;
    if (target?.type !== 'identifier') return false;
    const name = this.resolver.src(target);
    const mentions = (node: PyNode): boolean => (node.type === 'identifier' && this.resolver.src(node) === name) || node.children.some(mentions);
    const args = field(call, 'arguments');
    return args !== undefined && mentions(args);
  }

  /** `for x in items` / `while cond`: from the keyword to the end of the condition, before the colon. */
  private head(loop: PyNode, end: PyNode | undefined): Range {
    return { start: loop.start, end: end ? end.end : loop.start + 5 };
  }

  /** `asyncio.gather(*[… for x in xs])` or `gather(*(… for x in xs))`: the gather call. */
  private gatherOf(comprehension: PyNode): PyNode | undefined {
    const splat = comprehension.parent;
    const args = splat?.type === 'list_splat' ? splat.parent : undefined;
    const call = args?.type === 'argument_list' ? args.parent : undefined;
    if (call?.type !== 'call') return undefined;
    const sym = this.resolver.resolve(field(call, 'function'));
    return sym?.kind === 'export' && GATHERS.has(sym.qualified) ? call : undefined;
  }

  /** A lambda passed to `map(…)` or `executor.map(…)`. */
  private mapCallback(fn: PyNode): LoopInfo | null {
    const args = fn.parent;
    const call = args?.type === 'argument_list' ? args.parent : undefined;
    return call?.type === 'call' ? this.mapCall(call) : null;
  }

  /** A `map` call as a per-item loop. */
  mapCall(call: PyNode): LoopInfo | null {
    const callee = field(call, 'function');
    const name = callee?.type === 'identifier' ? callee : callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
    if (!name || !MAP_NAMES.has(this.resolver.src(name))) return null;
    return { kind: 'map', range: rangeOf(call), headRange: rangeOf(callee!), perItem: true };
  }

  /**
   * A hand-written retry loop around `node`: a loop whose body catches the call's errors and goes
   * round again, ending on success (`return`/`break`, or a condition such as `while not done`).
   * Bounded when a comparison can end it (`while attempt < 5`, `if tries >= 3: raise`) or when it
   * runs over a finite range (`for attempt in range(5)`).
   */
  retryLoop(node: PyNode): RetryPolicy | null {
    let child = node;
    let attempt: PyNode | undefined;
    for (const a of ancestors(node)) {
      if (FUNCTION_TYPES.has(a.type)) return null;
      if (a.type === 'try_statement' && child.field === 'body') attempt ??= a;
      const isLoop = (a.type === 'while_statement' || a.type === 'for_statement') && child.field === 'body';
      if (isLoop) {
        const handlers = attempt ? attempt.children.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause') : [];
        if (!attempt || !handlers.length || handlers.every((h) => exits(lastBlock(h)))) return null;
        const condition = a.type === 'while_statement' ? field(a, 'condition') : undefined;
        const conditional = a.type === 'while_statement' && condition !== undefined && !isAlwaysTrue(condition, this.resolver);
        const success = [field(attempt, 'body'), ...attempt.children.filter((c) => c.type === 'else_clause')];
        if (!conditional && !success.some((b) => b && containsExit(b))) return null;
        return this.policyOf(a, condition, conditional);
      }
      child = a;
    }
    return null;
  }

  private policyOf(loop: PyNode, condition: PyNode | undefined, conditional: boolean): RetryPolicy {
    const body = field(loop, 'body') ?? loop;
    if (loop.type === 'for_statement') {
      const iterable = field(loop, 'right');
      const endless = iterable ? this.isEndless(iterable) : false;
      return { kind: 'loop', maxAttempts: endless || !iterable ? null : this.lengthOf(iterable), unbounded: endless && !hasExitOnComparison(body), range: this.head(loop, iterable) };
    }
    const bounded = (conditional && hasComparison(condition)) || hasExitOnComparison(body);
    return { kind: 'loop', maxAttempts: bounded ? this.boundOf(condition) : null, unbounded: !bounded, range: this.head(loop, condition) };
  }

  /** `itertools.count()`, `iter(int, 1)`: iterables that never end. */
  private isEndless(iterable: PyNode): boolean {
    const value = unwrap(iterable);
    if (value.type !== 'call') return false;
    const sym = this.resolver.resolve(field(value, 'function'));
    return sym?.kind === 'export' && (sym.qualified === 'itertools.count' || sym.qualified === 'itertools.repeat' && named(field(value, 'arguments') ?? value).length < 2);
  }

  /** Attempts of `for attempt in range(n)` or over a literal list of fallbacks. */
  private lengthOf(iterable: PyNode): number | null {
    const value = unwrap(iterable);
    if (value.type === 'list' || value.type === 'tuple') return named(value).length;
    if (value.type !== 'call') return null;
    const callee = field(value, 'function');
    if (callee?.type !== 'identifier' || this.resolver.src(callee) !== 'range') return null;
    const args = named(field(value, 'arguments') ?? value).map((a) => this.values.number(a));
    if (args.length === 1 && args[0] !== undefined) return Math.max(0, args[0]);
    if (args.length >= 2 && args[0] !== undefined && args[1] !== undefined) return Math.max(0, args[1] - args[0]);
    return null;
  }

  /** `while attempt < 5` → 5, `<= 5` → 6. */
  private boundOf(condition: PyNode | undefined): number | null {
    const test = condition ? unwrap(condition) : undefined;
    if (test?.type !== 'comparison_operator') return null;
    const operands = named(test);
    const op = test.children.find((c) => c.field === 'operators')?.type;
    const limit = operands.length === 2 ? this.values.number(operands[1]) : undefined;
    if (limit === undefined) return null;
    return op === '<' ? limit : op === '<=' ? limit + 1 : null;
  }
}

function lastBlock(clause: PyNode): PyNode {
  return [...clause.children].reverse().find((c) => c.type === 'block') ?? clause;
}

/** Always leaves: the block ends in `raise`, `return` or `break`. */
function exits(block: PyNode): boolean {
  const statements = named(block);
  const last = statements[statements.length - 1];
  return last !== undefined && (last.type === 'raise_statement' || last.type === 'return_statement' || last.type === 'break_statement');
}

/** A `return` or `break` that leaves the loop holding `node` (a nested loop's `break` leaves that loop only). */
function containsExit(node: PyNode): boolean {
  // Iterative: a loop body may hold an expression thousands of levels deep.
  const stack: { node: PyNode; inNestedLoop: boolean }[] = [{ node, inNestedLoop: false }];
  while (stack.length) {
    const { node: current, inNestedLoop } = stack.pop()!;
    if (FUNCTION_TYPES.has(current.type) || current.type === 'class_definition') continue;
    if (current.type === 'return_statement' || (current.type === 'break_statement' && !inNestedLoop)) return true;
    const isLoop = current.type === 'for_statement' || current.type === 'while_statement';
    for (const child of current.children) stack.push({ node: child, inNestedLoop: inNestedLoop || (isLoop && child.field === 'body') });
  }
  return false;
}

const RELATIONAL = new Set(['<', '<=', '>', '>=', '==']);

function hasComparison(node: PyNode | undefined): boolean {
  const stack = node ? [node] : [];
  while (stack.length) {
    const value = unwrap(stack.pop()!);
    if (value.type === 'comparison_operator' && value.children.some((c) => c.field === 'operators' && RELATIONAL.has(c.type))) return true;
    if (value.type === 'boolean_operator' || value.type === 'not_operator') stack.push(...named(value));
  }
  return false;
}

/** An `if <comparison>: raise|break|return` anywhere in the loop body, outside nested functions. */
function hasExitOnComparison(body: PyNode): boolean {
  const stack = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (FUNCTION_TYPES.has(node.type)) continue;
    if ((node.type === 'if_statement' || node.type === 'elif_clause') && hasComparison(field(node, 'condition'))) {
      const consequence = field(node, 'consequence');
      if (consequence && exits(consequence)) return true;
    }
    stack.push(...node.children);
  }
  return false;
}

function isAlwaysTrue(condition: PyNode, resolver: Resolver): boolean {
  const value = unwrap(condition);
  if (value.type === 'true') return true;
  if (value.type === 'integer') return resolver.src(value) !== '0';
  if (value.type === 'string') return value.end - value.start > 2;
  return false;
}
