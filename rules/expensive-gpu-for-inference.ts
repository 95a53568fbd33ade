import { z } from 'zod';
import { defineRule } from '../server/engine/rule';
import { monthlyText, saving } from './support/cost';
import { describeGpus, gpuOf, gpuSwitch, inferenceAlternative } from './support/gpu';

export default defineRule({
  id: 'expensive-gpu-for-inference',
  meta: {
    category: 'waste',
    defaultSeverity: 'warning',
    fixKind: 'suggestion',
    docs: {
      summary: 'A model is served on training-class GPUs (H100, H200, A100, V100) where an inference-class GPU would do.',
      remediation: 'Serve on an inference-class GPU (L4, A10G, L40S) or a smaller instance, unless the model needs the memory or interconnect.',
    },
    messages: {
      training: '{{name}} serves inference ({{why}}) on {{gpus}}, a training-class GPU: ≈ {{monthly}}. On {{alternative}} it would be ≈ {{altMonthly}} (saves ≈ {{savings}}).',
      trainingNoAlternative: '{{name}} serves inference ({{why}}) on {{gpus}}, a training-class GPU: ≈ {{monthly}}. An inference-class GPU usually serves the same model for less.',
      switchGpu: 'Switch to {{target}} ({{alternative}}) — saves ≈ {{savings}}',
    },
    options: z
      .object({
        /** GPU models (catalog names such as `H100`) allowed for inference here, e.g. for a 70B model that needs them. */
        allow: z.array(z.string()).default([]),
      })
      .strict(),
  },
  create(context) {
    const allowed = new Set(context.options.allow.map((m) => context.catalog.findGpu(m)?.gpu_model ?? m));
    return {
      ComputeResource(resource) {
        if (resource.purpose.value !== 'inference') return;
        const gpu = gpuOf(resource, context.catalog);
        if (!gpu || gpu.class !== 'training' || allowed.has(gpu.gpu_model)) return;
        const estimate = context.estimate(resource);
        const data = { name: resource.name, why: resource.purpose.hints[0] ?? 'named for inference', gpus: describeGpus(resource, context.catalog), monthly: monthlyText(estimate) };
        const alternative = inferenceAlternative(context.catalog, gpu, resource.gpu?.label);
        if (!alternative) {
          context.report({ messageId: 'trainingNoAlternative', data, range: resource.nameRange, fact: resource });
          return;
        }
        const switchTo = gpuSwitch(context.catalog, resource, alternative);
        const cheaper = context.estimateResourceWith(resource, switchTo?.change ?? { gpuModel: alternative.gpu_model });
        const saved = saving(estimate, cheaper);
        const savings = saved.text;
        context.report({
          messageId: 'training',
          data: { ...data, alternative: alternative.gpu_model, altMonthly: monthlyText(cheaper), savings },
          range: resource.nameRange,
          fact: resource,
          suggestions: switchTo
            ? [{ messageId: 'switchGpu', data: { target: switchTo.value, alternative: alternative.gpu_model, savings }, edits: context.edits.replaceLiteral(switchTo.anchor, switchTo.value), savingsMonthly: saved.monthly }]
            : [],
        });
      },
    };
  },
});
