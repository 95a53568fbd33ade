import { z } from 'zod';
import type { PromptPart } from '../server/engine/facts';
import { defineRule } from '../server/engine/rule';
import { formatTokens, formatUsd } from '../server/estimate/money';
import { partRange, type StaticPart } from './support/prompt';

export default defineRule({
  id: 'oversized-prompt',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'none',
    docs: {
      summary: 'A prompt sends a large static text, or a whole file, with every call.',
      remediation: 'Send only what the task needs: retrieve the relevant passages, summarise, or move stable instructions into a cached prefix.',
    },
    messages: {
      largeStatic: 'Prompt sends {{tokens}} static tokens with every call{{context}}: ≈ {{cost}} per call in input alone.',
      wholeFile: 'A whole file is read into the prompt (`{{expression}}`, assumed {{tokens}} tokens): send the relevant part instead.',
    },
    options: z
      .object({
        /** Static prompt tokens at which a call is flagged. */
        maxStaticTokens: z.number().int().positive().default(8000),
        /** Share of the model's context window at which a call is flagged. */
        maxContextShare: z.number().positive().max(1).default(0.5),
      })
      .strict(),
  },
  create(context) {
    return {
      LlmCall(call) {
        const estimate = context.estimate(call);
        const match = call.model.value ? context.catalog.findModel(call.provider, call.model.value) : undefined;
        const staticTokens = estimate.tokens?.staticInput ?? 0;
        const window = match?.model.context_window;
        const share = window ? staticTokens / window : 0;
        const largest = largestStatic(call.prompt);
        if (staticTokens >= context.options.maxStaticTokens || (window && share >= context.options.maxContextShare)) {
          const inputPrice = match ? match.model.input_per_mtok_usd / 1e6 : null;
          context.report({
            messageId: 'largeStatic',
            data: {
              tokens: formatTokens(staticTokens),
              context: window && share >= 0.1 ? ` (${Math.round(share * 100)}% of ${match?.model.id}’s context window)` : '',
              cost: inputPrice === null ? 'an unknown amount' : formatUsd(staticTokens * inputPrice),
            },
            range: largest ? partRange(call, largest) : call.calleeRange,
            fact: call,
          });
        }
        for (const part of call.prompt) {
          if (part.kind !== 'dynamic' || part.source !== 'file') continue;
          const assumed = estimate.assumptions.find((a) => a.name === 'Tokens per file read into the prompt');
          context.report({
            messageId: 'wholeFile',
            data: { expression: part.expression, tokens: formatTokens(Number(assumed?.value ?? 0)) },
            range: part.range,
            fact: call,
          });
        }
      },
    };
  },
});

function largestStatic(parts: readonly PromptPart[]): StaticPart | undefined {
  let largest: StaticPart | undefined;
  for (const part of parts) if (part.kind === 'static' && (!largest || part.text.length > largest.text.length)) largest = part;
  return largest;
}
