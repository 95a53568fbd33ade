import { z } from 'zod';
import { defineRule } from '../server/engine/rule';
import { formatMonthly } from '../server/estimate/money';

const LOOP_NAMES: Record<string, string> = {
  for: 'for loop',
  'for-of': 'for…of loop',
  'for-in': 'for…in loop',
  map: '.map() callback',
  'for-each': '.forEach() callback',
  gather: 'Promise.all/gather over a list',
  comprehension: 'comprehension',
  while: 'while loop',
  'do-while': 'do…while loop',
};

export default defineRule({
  id: 'llm-call-in-loop',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'none',
    docs: {
      summary: 'An LLM call is made once per item of a loop, where the provider’s batch API would do the same work at half the price.',
      remediation: 'Send the items through the provider’s batch API (results within 24 hours at a discount), or batch several items into one request.',
    },
    messages: {
      perItem: 'LLM call once per item of a {{loop}}: {{provider}}’s batch API costs {{discount}} less (≈ {{savings}} at this volume).',
    },
    options: z.object({}).strict(),
  },
  create(context) {
    return {
      LlmCall(call) {
        if (!call.loop?.perItem || call.batch || call.streaming) return;
        const info = context.catalog.provider(call.provider);
        if (!info?.batch_api) return;
        const match = call.model.value ? context.catalog.findModel(call.provider, call.model.value) : undefined;
        const discount = match?.model.batch_discount;
        if (match && discount === undefined) return;
        const monthly = context.estimate(call).monthly;
        context.report({
          messageId: 'perItem',
          data: {
            loop: LOOP_NAMES[call.loop.kind] ?? 'loop',
            provider: call.provider,
            discount: discount === undefined ? 'up to 50%' : `${Math.round(discount * 100)}%`,
            savings: monthly === null || discount === undefined ? 'unknown' : formatMonthly(monthly * discount),
          },
          range: call.calleeRange,
          fact: call,
        });
      },
    };
  },
});
