import type { ComputeKind, ComputeResource, PurchaseOption, ResourceField } from '../../engine/facts';
import type { Catalog } from '../../../pricing/catalog';
import type { YamlEditor } from '../yaml/edits';
import { rangeOf, trimmedRange, type Node, type YAMLMap } from '../yaml/reader';
import { AWS_ACCELERATED_FAMILY } from '../kubernetes/labels';
import { classifyPurpose } from '../kubernetes/purpose';
import { launchTemplateTags, listTags, type ResourceTags } from './tags';
import type { Resolved, Resource, Template } from './template';

export interface Context {
  t: Template;
  editor: YamlEditor;
  catalog: Catalog;
  text: string;
  notes: string[];
}

/** Instance type and GPUs of an EC2 (or SageMaker `ml.`) instance type; undefined when it has no accelerator. */
export function acceleratorOf(catalog: Catalog, type: string): { model: string | null; count: number } | undefined {
  const ec2 = type.replace(/^ml\./, '');
  const instance = catalog.findInstance(ec2);
  if (instance) return { model: instance.gpu_model, count: instance.gpu_count };
  return AWS_ACCELERATED_FAMILY.test(ec2.split('.')[0]) ? { model: null, count: 1 } : undefined;
}

/** The parts every resource fact shares, with the logical id as its name. */
export function baseFact(
  ctx: Context,
  resource: Resource,
  computeKind: ComputeKind,
  parts: {
    instanceType: Resolved;
    replicas: ComputeResource['replicas'];
    purchase: PurchaseOption;
    purchaseNode?: Node;
    autoscaling: ComputeResource['autoscaling'];
    tags: ResourceTags;
    hints: string[];
    names?: string[];
    spotField?: ResourceField;
    autoscalingField?: ResourceField;
    name?: { text: string; node?: Node };
    range?: Node;
  },
): ComputeResource | undefined {
  const type = parts.instanceType.value;
  if (!type && parts.instanceType.unknown && parts.instanceType.unknown !== 'not set') {
    ctx.notes.push(`${parts.name?.text ?? resource.logicalId}: instance type unknown (${parts.instanceType.unknown}): not priced`);
  }
  const accelerator = type ? acceleratorOf(ctx.catalog, type) : undefined;
  if (!type || !accelerator) return undefined;
  const { reader } = ctx.t;
  const hints = [...parts.hints];
  if (parts.instanceType.parameter) hints.push(`instance type from parameter ${parts.instanceType.parameter}'s default`);
  if (!ctx.catalog.findInstance(type.replace(/^ml\./, ''))) hints.push(`${type} is not in the catalog: GPU model and count unknown`);
  const purpose =
    computeKind === 'managed-endpoint'
      ? { value: 'inference' as const, hints: ['SageMaker endpoint serves a model'] }
      : classifyPurpose({ kind: resource.type, names: [resource.logicalId, ...(parts.names ?? [])], labels: parts.tags.own, images: [], commands: [] });
  const start = rangeOf(resource.keyNode)!.start;
  const end = trimmedRange(parts.range ?? resource.map, ctx.text)?.end ?? rangeOf(resource.keyNode)!.end;
  return {
    kind: 'ComputeResource',
    range: { start: parts.range ? rangeOf(parts.range)!.start : start, end },
    nameRange: rangeOf(parts.name?.node ?? resource.keyNode)!,
    name: parts.name?.text ?? resource.logicalId,
    cloud: 'aws',
    computeKind,
    resourceType: resource.type,
    instanceType: { value: type, ...(parts.instanceType.literal ? { anchor: reader.anchor(parts.instanceType.literal, 'value') } : {}) },
    gpu: { model: accelerator.model, count: accelerator.count },
    replicas: parts.replicas,
    purchase: parts.purchase,
    purchaseAnchor: parts.purchaseNode ? reader.anchor(parts.purchaseNode, 'value') : undefined,
    autoscaling: parts.autoscaling,
    purpose: { value: purpose.value, hints: [...purpose.hints, ...hints] },
    spotField: parts.purchase === 'spot' ? undefined : parts.spotField,
    autoscalingField: parts.autoscalingField,
    tags: { own: parts.tags.own, inherited: {}, anchor: parts.tags.anchor },
    retry: [],
  };
}

/** The launch template a `LaunchTemplate: {LaunchTemplateId | LaunchTemplateName}` spec names, in this template. */
export function launchTemplateOf(ctx: Context, spec: YAMLMap | undefined): Resource | undefined {
  const { t } = ctx;
  const { reader } = t;
  if (!spec) return undefined;
  const byId = t.resource(t.target(reader.get(spec, 'LaunchTemplateId') ?? reader.get(spec, 'Id')));
  if (byId) return byId;
  const name = t.resolve(reader.get(spec, 'LaunchTemplateName') ?? reader.get(spec, 'Name')).value;
  const byRef = t.resource(t.target(reader.get(spec, 'LaunchTemplateName') ?? reader.get(spec, 'Name')));
  return byRef ?? (name ? t.resources.find((r) => r.type === 'AWS::EC2::LaunchTemplate' && t.resolve(reader.get(r.properties, 'LaunchTemplateName')).value === name) : undefined);
}

/** A launch template's instance type and market options. */
export function launchTemplateData(ctx: Context, template: Resource | undefined): { data?: YAMLMap; instanceType: Resolved; spot: boolean; marketNode?: Node } {
  const { reader } = ctx.t;
  const data = reader.mapAt(template?.properties, 'LaunchTemplateData');
  const marketNode = reader.at(data, 'InstanceMarketOptions', 'MarketType');
  return {
    data,
    instanceType: ctx.t.resolve(reader.get(data, 'InstanceType')),
    spot: ctx.t.resolve(marketNode).value?.toLowerCase() === 'spot',
    marketNode,
  };
}

export function ec2Instance(ctx: Context, resource: Resource): ComputeResource | undefined {
  const { t, editor } = ctx;
  const { reader } = t;
  const props = resource.properties;
  const template = launchTemplateData(ctx, launchTemplateOf(ctx, reader.mapAt(props, 'LaunchTemplate')));
  const own = reader.get(props, 'InstanceType');
  const marketNode = reader.at(props, 'InstanceMarketOptions', 'MarketType') ?? template.marketNode;
  const spot = t.resolve(marketNode).value?.toLowerCase() === 'spot';
  return baseFact(ctx, resource, 'vm', {
    instanceType: own ? t.resolve(own) : template.instanceType,
    replicas: { desired: 1, min: null, max: null },
    purchase: spot ? 'spot' : 'on-demand',
    purchaseNode: marketNode,
    autoscaling: { present: false, min: null, max: null },
    tags: listTags(t, editor, props),
    hints: [],
    spotField: t.field(props, 'InstanceMarketOptions.MarketType', 'spot', reader.at(props, 'InstanceMarketOptions', 'MarketType')),
  });
}

export function launchTemplate(ctx: Context, resource: Resource): ComputeResource | undefined {
  const { t, editor } = ctx;
  const template = launchTemplateData(ctx, resource);
  return baseFact(ctx, resource, 'launch-template', {
    instanceType: template.instanceType,
    replicas: { desired: null, min: null, max: null },
    purchase: template.spot ? 'spot' : 'on-demand',
    purchaseNode: template.marketNode,
    autoscaling: { present: false, min: null, max: null },
    tags: launchTemplateTags(t, editor, template.data),
    hints: ['launch template not used by a group or instance in this template: priced as one instance'],
    spotField: t.field(template.data, 'InstanceMarketOptions.MarketType', 'spot', template.marketNode),
  });
}

/** Scaling bounds: autoscaling when the group may grow or shrink, and a field that lets it reach zero. */
export function scaling(ctx: Context, holder: YAMLMap | undefined, keys: { min: string; max: string; desired: string }) {
  const { t } = ctx;
  const { reader } = t;
  const min = t.num(reader.get(holder, keys.min));
  const max = t.num(reader.get(holder, keys.max));
  const desired = t.num(reader.get(holder, keys.desired));
  const present = min !== null && max !== null && max > min;
  return {
    replicas: { desired: desired ?? min, min, max },
    autoscaling: { present, min, max, anchor: holder ? reader.anchor(holder, 'map') : undefined },
    autoscalingField: min !== null && min > 0 ? t.field(holder, keys.min, 0) : undefined,
  };
}

export function autoScalingGroup(ctx: Context, resource: Resource): ComputeResource | undefined {
  const { t, editor } = ctx;
  const { reader } = t;
  const props = resource.properties;
  const mixed = reader.mapAt(props, 'MixedInstancesPolicy');
  const template = launchTemplateData(ctx, launchTemplateOf(ctx, reader.mapAt(props, 'LaunchTemplate') ?? reader.mapAt(mixed, 'LaunchTemplate', 'LaunchTemplateSpecification')));
  const hints: string[] = [];
  let instanceType = template.instanceType;
  let purchase: PurchaseOption = template.spot ? 'spot' : 'on-demand';
  let purchaseNode = template.marketNode;
  let spotField = t.field(template.data, 'InstanceMarketOptions.MarketType', 'spot', template.marketNode);

  const overrides = reader.items(reader.at(mixed, 'LaunchTemplate', 'Overrides'));
  if (overrides.length) instanceType = t.resolve(reader.get(reader.map(overrides[0]), 'InstanceType'));
  if (overrides.length > 1) hints.push(`priced as ${instanceType.value ?? 'its first override'}, the first of ${overrides.length} instance type overrides`);
  if (mixed) {
    const distribution = reader.mapAt(mixed, 'InstancesDistribution');
    const percentNode = reader.get(distribution, 'OnDemandPercentageAboveBaseCapacity');
    const percent = percentNode ? t.num(percentNode) : 100;
    purchase = percent === 0 ? 'spot' : percent === 100 ? 'on-demand' : 'unknown';
    purchaseNode = percentNode;
    if (percent !== null && percent > 0 && percent < 100) hints.push(`${100 - percent}% of capacity above the base is spot`);
    spotField = distribution ? t.field(distribution, 'OnDemandPercentageAboveBaseCapacity', 0) : t.field(mixed, 'InstancesDistribution.OnDemandPercentageAboveBaseCapacity', 0);
  }
  const configuration = t.resource(t.target(reader.get(props, 'LaunchConfigurationName')));
  if (configuration) {
    instanceType = t.resolve(reader.get(configuration.properties, 'InstanceType'));
    purchase = reader.get(configuration.properties, 'SpotPrice') ? 'spot' : 'on-demand';
    spotField = undefined;
  }
  const bounds = scaling(ctx, props, { min: 'MinSize', max: 'MaxSize', desired: 'DesiredCapacity' });
  return baseFact(ctx, resource, 'autoscaling-group', {
    instanceType,
    ...bounds,
    purchase,
    purchaseNode,
    tags: listTags(t, editor, props, { PropagateAtLaunch: true }),
    hints,
    spotField,
  });
}
