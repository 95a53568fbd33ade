import type { RetryPolicy } from '../../engine/facts';
import { FUNCTION_TYPES, ancestors, field, named, operator, rangeOf, unwrap, type PyNode } from './ast';
import type { Options } from './options';
import type { Keyed, Resolver } from './resolve';
import { RETRY_DECORATORS } from './sdks';
import { valueAnchor, type Values } from './values';

/** Retry policies written around a call in Python: decorators, tenacity's `Retrying`, client `max_retries`. */
export class Retries {
  constructor(
    private readonly resolver: Resolver,
    private readonly values: Values,
    private readonly options: Options,
  ) {}

  /** `@retry(…)` / `@backoff.on_exception(…)` on a function definition. */
  decorators(fn: PyNode): RetryPolicy[] {
    const holder = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
    if (!holder) return [];
    const out: RetryPolicy[] = [];
    for (const decorator of holder.children.filter((c) => c.type === 'decorator')) {
      const expression = named(decorator)[0];
      const policy = expression ? this.retryCall(expression) : undefined;
      if (policy) out.push(policy);
    }
    return out;
  }

  /** `for attempt in Retrying(stop=…): with attempt: …` around the call, and where that loop starts. */
  retryingLoop(node: PyNode): { policy: RetryPolicy; loopStart: number }[] {
    for (const a of ancestors(node)) {
      if (FUNCTION_TYPES.has(a.type)) return [];
      if (a.type !== 'for_statement') continue;
      const iterable = field(a, 'right');
      const policy = iterable ? this.retryCall(unwrap(iterable)) : undefined;
      if (policy) return [{ policy: { ...policy, kind: 'library' }, loopStart: a.start }];
    }
    return [];
  }

  /** A tenacity or backoff decorator expression (bare `retry` or a call), read as a policy. */
  private retryCall(expression: PyNode): RetryPolicy | undefined {
    const value = unwrap(expression);
    const callee = value.type === 'call' ? field(value, 'function') : value;
    const sym = callee ? this.resolver.resolve(callee) : undefined;
    const known = sym?.kind === 'export' ? RETRY_DECORATORS[sym.qualified] : undefined;
    if (!known || !callee) return undefined;
    const args = value.type === 'call' ? field(value, 'arguments') : undefined;
    const keyed: Keyed | undefined = args?.type === 'argument_list' ? { node: args } : undefined;
    const anchor = keyed ? { range: rangeOf(keyed.node), kind: 'call' as const } : undefined;
    if (known.kind === 'tenacity') {
      const stop = keyed ? this.options.get(keyed, 'stop') : undefined;
      const attempts = stop ? this.stopAttempts(stop.value) : undefined;
      const unbounded = !stop || attempts === Infinity;
      return { kind: 'decorator', maxAttempts: unbounded || attempts === undefined ? null : attempts, unbounded, range: rangeOf(callee), anchor, boundKey: 'stop' };
    }
    const tries = keyed ? this.options.get(keyed, 'max_tries') : undefined;
    const time = keyed ? this.options.get(keyed, 'max_time') : undefined;
    const attempts = tries ? this.values.number(tries.value) : undefined;
    const bounded = (tries !== undefined && attempts !== Infinity && unwrap(tries.value).type !== 'none') || time !== undefined;
    return { kind: 'decorator', maxAttempts: bounded && attempts !== undefined && Number.isFinite(attempts) ? attempts : null, unbounded: !bounded, range: rangeOf(callee), anchor, boundKey: 'max_tries' };
  }

  /** `stop_after_attempt(5)` → 5; `a | b` stops at the first; `stop_never` never stops; other stops bound by time. */
  private stopAttempts(node: PyNode, depth = 0): number | undefined {
    const value = unwrap(node);
    if (depth > 6) return undefined;
    if (value.type === 'binary_operator') {
      const left = this.stopAttempts(field(value, 'left') ?? value, depth + 1);
      const right = this.stopAttempts(field(value, 'right') ?? value, depth + 1);
      const known = [left, right].filter((n): n is number => n !== undefined);
      if (!known.length) return undefined;
      return operator(value) === '|' ? Math.min(...known) : Math.max(...known);
    }
    const sym = this.resolver.resolve(value.type === 'call' ? (field(value, 'function') ?? value) : value);
    const name = sym?.kind === 'export' ? sym.qualified : undefined;
    if (name === 'tenacity.stop_never') return Infinity;
    if (name === 'tenacity.stop_after_attempt' && value.type === 'call') return this.values.number(named(field(value, 'arguments') ?? value)[0]);
    const init = this.resolver.initializer(value);
    return init ? this.stopAttempts(init, depth + 1) : undefined;
  }

  /** `max_retries=` on a client or a request (`with_options(max_retries=…)`): a bound, or none when infinite. */
  clientRetry(sources: readonly Keyed[], key: string | undefined): RetryPolicy[] {
    if (!key) return [];
    const out: RetryPolicy[] = [];
    for (const source of sources) {
      const entry = this.options.path(source, key);
      if (!entry) continue;
      const attempts = this.values.number(entry.value);
      out.push({
        kind: 'client',
        maxAttempts: attempts === undefined || !Number.isFinite(attempts) ? null : attempts,
        unbounded: attempts !== undefined && (!Number.isFinite(attempts) || attempts >= Number.MAX_SAFE_INTEGER),
        range: rangeOf(entry.node),
        anchor: valueAnchor(entry.value),
        boundKey: key.slice(key.lastIndexOf('.') + 1),
      });
    }
    return out;
  }
}
