import { z } from 'zod';
import { defineRule } from '../server/engine/rule';
import { formatUsd } from '../server/estimate/money';

export default defineRule({
  id: 'missing-max-tokens',
  meta: {
    category: 'missing-guardrail',
    defaultSeverity: 'warning',
    fixKind: 'fix',
    docs: {
      summary: 'An LLM call has no output cap, so one answer can run to the model’s maximum output.',
      remediation: 'Add the SDK’s own output-cap argument with a limit that fits the answer you expect.',
    },
    messages: {
      noCap: 'LLM call has no output cap: up to {{worst}} per call on {{model}}. Add {{key}}.',
      noCapUnpriced: 'LLM call has no output cap. Add {{key}}.',
      addCap: 'Add {{key}}: {{cap}}',
    },
    options: z
      .object({
        /** The cap the fix writes. */
        cap: z.number().int().positive().default(1024),
      })
      .strict(),
  },
  create(context) {
    return {
      LlmCall(call) {
        if (call.outputCap || !call.outputCapKey || call.batch) return;
        const key = call.outputCapKey.slice(call.outputCapKey.lastIndexOf('.') + 1);
        const estimate = context.estimate(call);
        const match = call.model.value ? context.catalog.findModel(call.provider, call.model.value) : undefined;
        const maxOutput = match?.model.max_output_tokens ?? match?.model.context_window;
        const worst = match && maxOutput ? context.estimateWith(call, { outputTokens: maxOutput }).perCall : null;
        const capped = context.estimateWith(call, { outputCap: context.options.cap });
        const edits = call.options ? context.edits.setArgument(call.options, call.outputCapKey, context.options.cap) : [];
        const savings = estimate.monthly !== null && capped.monthly !== null ? Math.max(0, estimate.monthly - capped.monthly) : null;
        context.report({
          messageId: worst !== null ? 'noCap' : 'noCapUnpriced',
          data: { worst: worst !== null ? formatUsd(worst) : '', model: match?.model.id ?? '', key },
          range: call.calleeRange,
          fact: call,
          fix: { messageId: 'addCap', data: { key, cap: context.options.cap }, edits, savingsMonthly: savings },
        });
      },
    };
  },
});
