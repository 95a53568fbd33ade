import { z } from 'zod';
import type { Fact, RetryPolicy } from '../server/engine/facts';
import type { TextEdit } from '../server/engine/edits';
import { defineRule, type RuleContext } from '../server/engine/rule';
import { formatUsd } from '../server/estimate/money';

const HOW: Record<RetryPolicy['kind'], string> = {
  loop: 'a loop that retries on error',
  client: 'the client’s retry setting',
  decorator: 'a retry decorator with no stop',
  library: 'a retry helper with no limit',
  'k8s-backoff': 'the Job’s backoffLimit',
};

type Messages = 'unbounded' | 'tooMany' | 'bound';

export default defineRule({
  id: 'unbounded-retry',
  meta: {
    category: 'missing-guardrail',
    defaultSeverity: 'error',
    fixKind: 'suggestion',
    docs: {
      summary: 'A paid LLM call or GPU job is retried with no bound, or with an absurd one.',
      remediation: 'Bound the retries (a few attempts with backoff) and let the error surface after that.',
    },
    messages: {
      unbounded: '{{what}} is retried without a bound ({{how}}): each failed attempt is paid for again{{perAttempt}}.',
      tooMany: '{{what}} may be retried {{attempts}} times ({{how}}): up to {{worst}} for one request that keeps failing.',
      bound: 'Limit {{key}} to {{limit}}',
    },
    options: z
      .object({
        /** Attempts above this are flagged; the suggestion writes the smaller of this and 3. */
        maxAttempts: z.number().int().positive().default(10),
      })
      .strict(),
  },
  create(context) {
    const check = (fact: Fact) => {
      const what = fact.kind === 'LlmCall' ? 'LLM call' : 'GPU job';
      const perAttempt = fact.kind === 'LlmCall' ? context.estimate(fact).perCall : null;
      for (const policy of fact.retry) {
        const how = policy.via ? `${HOW[policy.kind]}, through ${policy.via}()` : HOW[policy.kind];
        if (policy.unbounded) {
          context.report({
            messageId: 'unbounded',
            data: { what, how, perAttempt: perAttempt === null ? '' : ` (≈ ${formatUsd(perAttempt)} per attempt)` },
            range: policy.range,
            fact,
            suggestions: boundSuggestion(context, policy),
          });
        } else if (policy.maxAttempts !== null && policy.maxAttempts > context.options.maxAttempts) {
          context.report({
            messageId: 'tooMany',
            data: { what, how, attempts: policy.maxAttempts, worst: perAttempt === null ? 'an unknown amount' : formatUsd(perAttempt * policy.maxAttempts) },
            range: policy.range,
            fact,
            suggestions: boundSuggestion(context, policy),
          });
        }
      }
    };
    return { LlmCall: check, ComputeResource: check };
  },
});

/** Writes a small bound where the policy has a place for one (a number, an option, a keyword argument). */
function boundSuggestion(context: RuleContext<{ maxAttempts: number }, Messages>, policy: RetryPolicy) {
  if (!policy.anchor || !policy.boundKey || policy.kind === 'loop' || policy.boundKey === 'stop') return [];
  const limit = Math.min(3, context.options.maxAttempts);
  const edits: TextEdit[] =
    policy.anchor.kind === 'value' ? context.edits.replaceLiteral(policy.anchor, limit) : context.edits.setArgument(policy.anchor, policy.boundKey, limit);
  return [{ messageId: 'bound' as const, data: { key: policy.boundKey, limit }, edits }];
}
