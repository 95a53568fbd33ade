import { z } from 'zod';
import { defineRule } from '../server/engine/rule';
import { monthlyText } from './support/cost';
import { describeGpus } from './support/gpu';

/** Kinds that cannot autoscale or need not: a single VM or notebook, a Karpenter pool (it adds and removes nodes itself). */
const SKIPPED = new Set(['vm', 'notebook', 'karpenter-nodepool', 'launch-template']);

export default defineRule({
  id: 'gpu-without-autoscaling',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'suggestion',
    docs: {
      summary: 'A GPU node pool, endpoint or serving workload runs at a fixed size with no autoscaler, paying for idle GPUs.',
      remediation: 'Add autoscaling (min below max, ideally down to zero), or an HPA/KEDA ScaledObject for a Kubernetes workload.',
    },
    messages: {
      fixed: '{{name}} keeps {{gpus}} running at a fixed size with no autoscaler: ≈ {{monthly}} whether busy or idle.',
      noScaleToZero: '{{name}} autoscales but never below {{min}} ({{gpus}}): ≈ {{monthly}} even when idle.',
      autoscale: 'Autoscale ({{key}})',
    },
    options: z
      .object({
        /** Also flag autoscaled GPU resources whose minimum is above zero. */
        requireScaleToZero: z.boolean().default(false),
      })
      .strict(),
  },
  create(context) {
    return {
      ComputeResource(resource) {
        if (SKIPPED.has(resource.computeKind) || resource.batch) return;
        const { autoscaling } = resource;
        const lowest = autoscaling.min ?? resource.replicas.min;
        const scalesToZero = autoscaling.present && lowest === 0;
        if (scalesToZero || (autoscaling.present && !context.options.requireScaleToZero)) return;
        const field = resource.autoscalingField;
        const data = { name: resource.name, gpus: describeGpus(resource, context.catalog), monthly: monthlyText(context.estimate(resource)), min: lowest ?? 1 };
        context.report({
          messageId: autoscaling.present ? 'noScaleToZero' : 'fixed',
          data,
          range: resource.nameRange,
          fact: resource,
          suggestions: field ? [{ messageId: 'autoscale', data: { key: field.key }, edits: context.edits.setArgument(field.anchor, field.key, field.value) }] : [],
        });
      },
    };
  },
});
