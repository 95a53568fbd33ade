import { z } from 'zod';
import { defineRule } from '../server/engine/rule';

export default defineRule({
  id: 'unpriced-model',
  meta: {
    category: 'hygiene',
    defaultSeverity: 'info',
    fixKind: 'none',
    docs: {
      summary: 'A model or instance type has no price in the catalog, so its cost cannot be estimated.',
      remediation: 'Add it under `pricing.models` or `pricing.instances` in .costlint.yaml, with its source and as-of date.',
    },
    messages: {
      model: 'No price for model {{model}} ({{provider}}): add it under pricing.models in .costlint.yaml.',
      instance: 'No price for instance type {{type}}: add it under pricing.instances in .costlint.yaml.',
    },
    options: z.object({}).strict(),
  },
  create(context) {
    return {
      LlmCall(call) {
        if (!call.model.value || call.model.source === 'unknown') return;
        if (context.catalog.findModel(call.provider, call.model.value)) return;
        context.report({ messageId: 'model', data: { model: call.model.value, provider: call.provider }, range: call.model.anchor?.range ?? call.calleeRange, fact: call });
      },
      ComputeResource(resource) {
        if (!resource.instanceType || context.estimate(resource).price) return;
        if (context.catalog.findInstance(resource.instanceType.value)) return;
        context.report({ messageId: 'instance', data: { type: resource.instanceType.value }, range: resource.instanceType.anchor?.range ?? resource.nameRange, fact: resource });
      },
    };
  },
});
