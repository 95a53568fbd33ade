import { z } from 'zod';
import type { LlmCall } from '../server/engine/facts';
import { leadingStatic, partRange, type StaticPart } from './support/prompt';
import { Value, type SyntaxEdits } from '../server/engine/edits';
import { defineRule } from '../server/engine/rule';
import { formatMonthly, formatTokens } from '../server/estimate/money';


export default defineRule({
  id: 'missing-prompt-cache',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'fix',
    docs: {
      summary: 'A large static prompt prefix is sent without the provider’s cache marker, or placed after dynamic content where the provider cannot cache it.',
      remediation: 'Mark the static prefix with the provider’s cache marker (`cache_control`, `cachePoint`), and put static text before dynamic text.',
    },
    messages: {
      noMarker: '{{tokens}} static prompt tokens are sent uncached: marking them with {{marker}} saves ≈ {{savings}}.',
      staticAfterDynamic: '{{tokens}} static prompt tokens come after dynamic content, so {{provider}} cannot cache them: move them first.',
      addMarker: 'Add cache_control to the static prefix — saves ≈ {{savings}}',
    },
    options: z
      .object({
        /** Smallest prefix worth caching; default: the provider's minimum cacheable size for the model. */
        minTokens: z.number().int().positive().optional(),
      })
      .strict(),
  },
  create(context) {
    const minimum = (call: LlmCall, modelId: string) => context.options.minTokens ?? context.catalog.minCacheableTokens(call.provider, modelId);
    return {
      LlmCall(call) {
        if (call.cacheSupport === 'none' || call.api === 'embeddings' || !call.model.value) return;
        const match = context.catalog.findModel(call.provider, call.model.value);
        if (!match || match.model.cache_read_per_mtok_usd === undefined) return;
        const min = minimum(call, match.model.id);
        if (min === undefined) return;
        const estimate = context.estimate(call);
        const perPart = estimate.tokens?.perPart ?? [];
        const tokensOf = (parts: readonly StaticPart[]) => parts.reduce((n, p) => n + (perPart[call.prompt.indexOf(p)] ?? 0), 0);
        const prefix = leadingStatic(call.prompt);
        const prefixTokens = tokensOf(prefix);

        if (call.cacheSupport === 'explicit') {
          if (prefixTokens < min || call.prompt.some((p) => p.kind === 'static' && p.cacheMarked)) return;
          const monthlyCalls = Number(estimate.assumptions.find((a) => a.name === 'Calls per month')?.value ?? 0);
          const perToken = (match.model.input_per_mtok_usd - match.model.cache_read_per_mtok_usd!) / 1e6;
          const savings = formatMonthly(prefixTokens * perToken * monthlyCalls);
          const last = prefix[prefix.length - 1];
          context.report({
            messageId: 'noMarker',
            data: { tokens: formatTokens(prefixTokens), marker: call.api === 'converse' ? 'a cachePoint block' : 'cache_control', savings },
            range: partRange(call, last),
            fact: call,
            fix: { messageId: 'addMarker', data: { savings }, edits: call.api === 'messages' ? markEdits(context.edits, last) : [], savingsMonthly: prefixTokens * perToken * monthlyCalls },
          });
          return;
        }
        // Automatic caching: the provider caches the longest static prefix, so static text after dynamic text is never cached.
        if (prefixTokens >= min) return;
        const firstDynamic = call.prompt.findIndex((p) => p.kind === 'dynamic');
        const late = call.prompt.slice(firstDynamic + 1).filter((p): p is StaticPart => p.kind === 'static');
        const lateTokens = tokensOf(late);
        if (firstDynamic < 0 || lateTokens < min) return;
        const biggest = late.reduce((a, b) => (b.text.length > a.text.length ? b : a));
        context.report({
          messageId: 'staticAfterDynamic',
          data: { tokens: formatTokens(lateTokens), provider: call.provider },
          range: partRange(call, biggest),
          fact: call,
        });
      },
    };
  },
});

/** `cache_control` on the block holding the prefix's last text, or that text wrapped in a block. */
function markEdits(edits: SyntaxEdits, part: StaticPart) {
  const marker = { type: 'ephemeral' };
  if (!part.anchor) return [];
  if (part.anchor.kind === 'map') return edits.addKey(part.anchor, 'cache_control', marker);
  return edits.replaceLiteral(part.anchor, [{ type: 'text', text: Value.source(part.anchor.range), cache_control: marker }]);
}
