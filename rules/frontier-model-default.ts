import { z } from 'zod';
import { defineRule } from '../server/engine/rule';
import { formatMonthly } from '../server/estimate/money';

export default defineRule({
  id: 'frontier-model-default',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'suggestion',
    docs: {
      summary: 'A frontier model is chosen by a literal or a default, where nothing says the task needs it.',
      remediation: 'Use the catalog’s cheaper sibling, or list the model under the team’s allowed_models when the task needs it.',
    },
    messages: {
      frontier: '{{model}} is a frontier model ({{source}}): ≈ {{monthly}} here. {{sibling}} would be ≈ {{siblingMonthly}}.',
      frontierNoSibling: '{{model}} is a frontier model ({{source}}): ≈ {{monthly}} here. Choose a smaller model unless the task needs it.',
      switchModel: 'Switch to {{sibling}} — saves ≈ {{savings}}',
    },
    options: z
      .object({
        /** Models allowed here in addition to the team's `allowed_models`. */
        allow: z.array(z.string()).default([]),
      })
      .strict(),
  },
  create(context) {
    const allowed = new Set([...context.policy.allowedModels, ...context.options.allow].map((m) => m.toLowerCase()));
    return {
      LlmCall(call) {
        const { model } = call;
        if (!model.value || model.source === 'unknown' || model.source === 'config') return;
        const match = context.catalog.findModel(call.provider, model.value);
        if (!match || match.model.tier !== 'frontier') return;
        const names = [model.value, match.model.id, ...match.model.aliases].map((m) => m.toLowerCase());
        if (names.some((name) => allowed.has(name))) return;
        const estimate = context.estimate(call);
        const sibling = context.catalog.cheaperSibling(match.model);
        const source = model.source === 'env-default' ? `default of ${model.envVar}` : model.source === 'constant' ? 'constant' : model.source === 'sdk-default' ? 'SDK default' : 'literal';
        const monthly = estimate.monthly === null ? 'unknown' : formatMonthly(estimate.monthly);
        const range = model.anchor?.range ?? call.calleeRange;
        if (!sibling) {
          context.report({ messageId: 'frontierNoSibling', data: { model: model.value, source, monthly }, range, fact: call });
          return;
        }
        const cheaper = context.estimateWith(call, { model: sibling.id });
        const savings = estimate.monthly !== null && cheaper.monthly !== null ? estimate.monthly - cheaper.monthly : null;
        context.report({
          messageId: 'frontier',
          data: { model: model.value, source, monthly, sibling: sibling.id, siblingMonthly: cheaper.monthly === null ? 'unknown' : formatMonthly(cheaper.monthly) },
          range,
          fact: call,
          suggestions: model.anchor
            ? [
                {
                  messageId: 'switchModel',
                  data: { sibling: sibling.id, savings: savings === null ? 'unknown' : formatMonthly(savings) },
                  edits: context.edits.replaceLiteral(model.anchor, sibling.id),
                  savingsMonthly: savings,
                },
              ]
            : [],
        });
      },
    };
  },
});
