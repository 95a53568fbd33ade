import { z } from 'zod';
import type { Value } from '../server/engine/edits';
import { defineRule } from '../server/engine/rule';
import { monthlyText, saving } from './support/cost';
import { describeGpus, gpuOf } from './support/gpu';

/** `capacity_type = "SPOT"`, `["spot", "on-demand"]`: how a spot setting reads in a message. */
const show = (value: Value): string => (Array.isArray(value) ? `[${value.map(show).join(', ')}]` : typeof value === 'object' && value !== null ? '{…}' : JSON.stringify(value));

export default defineRule({
  id: 'on-demand-gpu-training',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'suggestion',
    docs: {
      summary: 'GPU training runs on on-demand capacity, where spot capacity costs about half.',
      remediation: 'Run training on spot/preemptible capacity with checkpointing, keeping on-demand as a fallback.',
    },
    messages: {
      onDemand: '{{name}} trains on {{gpus}} on on-demand capacity ({{why}}): ≈ {{monthly}}. On spot, at the catalog’s typical {{discount}} discount, ≈ {{spotMonthly}} (saves ≈ {{savings}}).',
      onDemandNoDiscount: '{{name}} trains on {{gpus}} on on-demand capacity ({{why}}): ≈ {{monthly}}. Spot capacity usually costs far less; checkpoint and use it.',
      useSpot: 'Use spot capacity ({{key}} = {{value}}) — saves ≈ {{savings}}',
    },
    options: z
      .object({
        /** Also flag GPU jobs that run to completion (Jobs, CronJobs) when nothing says they train. */
        batchJobs: z.boolean().default(false),
      })
      .strict(),
  },
  create(context) {
    return {
      ComputeResource(resource) {
        if (resource.purchase !== 'on-demand') return;
        const trains = resource.purpose.value === 'training' || (context.options.batchJobs && resource.batch === true && resource.purpose.value !== 'inference');
        if (!trains) return;
        const gpu = gpuOf(resource, context.catalog);
        const estimate = context.estimate(resource);
        const data = { name: resource.name, gpus: describeGpus(resource, context.catalog), why: resource.purpose.hints[0] ?? 'a batch job', monthly: monthlyText(estimate) };
        const field = resource.spotField;
        const suggestion = (saved: { monthly: number | null; text: string }) =>
          field
            ? [{ messageId: 'useSpot' as const, data: { key: field.key, value: show(field.value), savings: saved.text }, edits: context.edits.setArgument(field.anchor, field.key, field.value), savingsMonthly: saved.monthly }]
            : [];
        if (gpu?.typical_spot_discount === undefined) {
          context.report({ messageId: 'onDemandNoDiscount', data, range: resource.nameRange, fact: resource, suggestions: suggestion({ monthly: null, text: 'unknown' }) });
          return;
        }
        const spot = context.estimateResourceWith(resource, { purchase: 'spot' });
        const saved = saving(estimate, spot);
        context.report({
          messageId: 'onDemand',
          data: { ...data, discount: `${Math.round(gpu.typical_spot_discount * 100)}%`, spotMonthly: monthlyText(spot), savings: saved.text },
          range: resource.nameRange,
          fact: resource,
          suggestions: suggestion(saved),
        });
      },
    };
  },
});
