import type { ComputeResource } from '../../engine/facts';
import { count, labelsRange, providerDefaults, purposeTexts, readTags, setting } from './common';
import type { Instance, ReadContext, Reading } from './reading';
import { typeOf } from './aws';
import { HBlock, HExpr } from './syntax';
import { Val } from './values';
import { blockView, type View } from './view';

const ML_PREFIX = /^ml\./;

/** One reading per production variant that runs on instances (serverless variants have none). */
export function readEndpointConfiguration(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const tags = readTags(view, 'tags', ctx, providerDefaults(inst.block, ctx));
  const variants = view.children('production_variants').filter((v) => v.has('instance_type'));
  return variants.map((variant, i) => {
    const name = Val.str(variant.value('variant_name')) ?? `variant ${i + 1}`;
    const instanceType = typeOf(variant.value('instance_type'));
    const replicas = count(variant, 'initial_instance_count');
    const scaling = variantScaling(inst.block.labels[1], name, ctx) ?? managedScaling(variant.child('managed_instance_scaling'));
    const range = variant.range ?? inst.block.range;
    return {
      resourceType: inst.type,
      cloud: 'aws',
      computeKind: 'managed-endpoint',
      name: variants.length > 1 ? `${inst.address} (variant ${name})` : inst.address,
      range,
      nameRange: variants.length > 1 && variant.range ? { start: range.start, end: range.start + 'production_variants'.length } : labelsRange(inst.block),
      instanceType,
      catalogType: instanceType?.value.replace(ML_PREFIX, ''),
      accelerators: [],
      replicas: { desired: replicas, min: scaling?.min ?? null, max: scaling?.max ?? null },
      purchase: 'on-demand',
      autoscaling: scaling ?? { present: false, min: null, max: null },
      purpose: { fixed: { value: 'inference', hint: 'a SageMaker endpoint serves a model' }, texts: [] },
      tags,
    } satisfies Reading;
  });
}

function managedScaling(view: View | undefined): ComputeResource['autoscaling'] | undefined {
  if (!view || setting(view, 'status') !== 'enabled') return undefined;
  return { present: true, min: count(view, 'min_instance_count'), max: count(view, 'max_instance_count'), anchor: view.anchor };
}

/**
 * Application Auto Scaling on the variant: an `aws_appautoscaling_target` in the module whose
 * `resource_id` names an endpoint built from this configuration, and this variant.
 */
function variantScaling(configName: string, variant: string, ctx: ReadContext): ComputeResource['autoscaling'] | undefined {
  const endpoints = ctx.module
    .resourcesOfType('aws_sagemaker_endpoint')
    .filter((e) => HExpr.resourceName(HBlock.attribute(e.value, 'endpoint_config_name')?.value, 'aws_sagemaker_endpoint_configuration') === configName);
  if (!endpoints.length) return undefined;
  const endpointNames = endpoints.map((e) => Val.str(ctx.evaluator.evaluate(HBlock.attribute(e.value, 'name')?.value ?? { kind: 'other', what: 'none', range: e.value.range }, { file: e.file, direct: false })));
  for (const target of ctx.module.resourcesOfType('aws_appautoscaling_target')) {
    const frame = { file: target.file, direct: false };
    const attr = (key: string) => HBlock.attribute(target.value, key)?.value;
    const namespace = attr('service_namespace');
    const id = attr('resource_id');
    if (!namespace || !id || Val.str(ctx.evaluator.evaluate(namespace, frame)) !== 'sagemaker') continue;
    const idText = Val.text(ctx.evaluator.evaluate(id, frame)) ?? '';
    const endpoint = endpoints.some((e) => HExpr.resourceName(id, 'aws_sagemaker_endpoint') === e.value.labels[1]) || endpointNames.some((n) => n && idText.includes(`endpoint/${n}/`));
    const variantMatch = !/variant\/[^/…]+$/.test(idText) || idText.endsWith(`variant/${variant}`);
    if (!endpoint || !variantMatch) continue;
    const min = Val.num(ctx.evaluator.evaluate(attr('min_capacity') ?? id, frame)) ?? null;
    const max = Val.num(ctx.evaluator.evaluate(attr('max_capacity') ?? id, frame)) ?? null;
    return { present: true, min, max };
  }
  return undefined;
}

export function readNotebookInstance(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const tags = readTags(view, 'tags', ctx, providerDefaults(inst.block, ctx));
  const instanceType = typeOf(view.value('instance_type'));
  return [
    {
      resourceType: inst.type,
      cloud: 'aws',
      computeKind: 'notebook',
      name: inst.address,
      range: inst.block.range,
      nameRange: labelsRange(inst.block),
      instanceType,
      catalogType: instanceType?.value.replace(ML_PREFIX, ''),
      accelerators: [],
      replicas: { desired: 1, min: null, max: null },
      purchase: 'on-demand',
      autoscaling: { present: false, min: null, max: null },
      purpose: { texts: purposeTexts([['name', inst.block.labels[1]], ['notebook name', view.value('name')]], [['tag', { ...tags.inherited, ...tags.own }]]) },
      tags,
    },
  ];
}
