import type { ComputeResource, PurchaseOption } from '../../engine/facts';
import type { YAMLMap } from '../yaml/reader';
import { acceleratorOf, baseFact, launchTemplateData, launchTemplateOf, scaling, type Context } from './resources';
import { listTags, mapTags } from './tags';
import type { Resolved, Resource } from './template';

/** `AWS::EKS::Nodegroup`: instance types (or its launch template's), capacity type, scaling config, tag map. */
export function eksNodegroup(ctx: Context, resource: Resource): ComputeResource | undefined {
  const { t, editor, catalog } = ctx;
  const { reader } = t;
  const props = resource.properties;
  const hints: string[] = [];
  const types = t.resolveList(reader.get(props, 'InstanceTypes'));
  const template = launchTemplateData(ctx, launchTemplateOf(ctx, reader.mapAt(props, 'LaunchTemplate')));
  let instanceType: Resolved = types.find((r) => r.value && acceleratorOf(catalog, r.value)) ?? types[0] ?? template.instanceType;
  if (types.length > 1) hints.push(`priced as ${instanceType.value ?? '?'}, one of ${types.length} instance types`);
  const amiType = t.resolve(reader.get(props, 'AmiType')).value ?? '';
  if (!instanceType.value && /GPU|NVIDIA|NEURON/i.test(amiType)) {
    // A GPU AMI with the default instance type (t3.medium) would not run: the type is set elsewhere.
    instanceType = { value: null, unknown: `GPU AMI ${amiType} without an instance type` };
  }
  const capacityNode = reader.get(props, 'CapacityType');
  const capacity = t.resolve(capacityNode).value?.toUpperCase() ?? 'ON_DEMAND';
  const purchase: PurchaseOption = capacity === 'SPOT' ? 'spot' : capacity === 'CAPACITY_BLOCK' ? 'reserved' : 'on-demand';
  const scalingConfig = reader.mapAt(props, 'ScalingConfig');
  const bounds = scaling(ctx, scalingConfig, { min: 'MinSize', max: 'MaxSize', desired: 'DesiredSize' });
  if (!scalingConfig && props) bounds.autoscalingField = t.field(props, 'ScalingConfig.MinSize', 0);
  const labels = reader.stringMap(reader.get(props, 'Labels'));
  return baseFact(ctx, resource, 'node-group', {
    instanceType,
    ...bounds,
    purchase,
    purchaseNode: capacityNode,
    tags: mapTags(t, editor, props),
    hints,
    names: [t.resolve(reader.get(props, 'NodegroupName')).value ?? '', ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)],
    spotField: t.field(props, 'CapacityType', 'SPOT', capacityNode),
  });
}

/** `AWS::SageMaker::EndpointConfig`: one fact per production variant that runs on GPU instances. */
export function sageMakerEndpointConfig(ctx: Context, resource: Resource, scalableTargets: ScalableTarget[]): ComputeResource[] {
  const { t, editor } = ctx;
  const { reader } = t;
  const props = resource.properties;
  const tags = listTags(t, editor, props);
  const facts: ComputeResource[] = [];
  for (const item of reader.items(reader.get(props, 'ProductionVariants'))) {
    const variant = reader.map(item);
    if (!variant) continue;
    const variantNode = reader.get(variant, 'VariantName');
    const variantName = t.resolve(variantNode).value ?? 'variant';
    const count = t.num(reader.get(variant, 'InitialInstanceCount'));
    const managed = reader.mapAt(variant, 'ManagedInstanceScaling');
    const managedOn = managed && t.resolve(reader.get(managed, 'Status')).value === 'ENABLED';
    const target = scalableTargets.find((s) => /variant/.test(s.resourceId) && s.resourceId.includes(variantName));
    const min = managedOn ? t.num(reader.get(managed, 'MinInstanceCount')) : (target?.min ?? null);
    const max = managedOn ? t.num(reader.get(managed, 'MaxInstanceCount')) : (target?.max ?? null);
    const hints = target ? [`scaled by ${target.logicalId}`] : [];
    const fact = baseFact(ctx, resource, 'managed-endpoint', {
      instanceType: t.resolve(reader.get(variant, 'InstanceType')),
      replicas: { desired: count, min, max },
      purchase: 'on-demand',
      autoscaling: { present: Boolean(managedOn || target) && max !== null && (min === null || max > min), min, max, anchor: managed ? reader.anchor(managed, 'map') : undefined },
      tags,
      hints,
      name: { text: `${resource.logicalId}/${variantName}`, node: variantNode },
      range: variant,
    });
    if (fact) facts.push(fact);
  }
  return facts;
}

export function sageMakerNotebook(ctx: Context, resource: Resource): ComputeResource | undefined {
  const { t, editor } = ctx;
  return baseFact(ctx, resource, 'notebook', {
    instanceType: t.resolve(t.reader.get(resource.properties, 'InstanceType')),
    replicas: { desired: 1, min: null, max: null },
    purchase: 'on-demand',
    autoscaling: { present: false, min: null, max: null },
    tags: listTags(t, editor, resource.properties),
    hints: ['a notebook instance bills while it is InService: stop it when idle'],
  });
}

/** An Application Auto Scaling target for SageMaker variants (`endpoint/<name>/variant/<variant>`). */
export interface ScalableTarget {
  logicalId: string;
  resourceId: string;
  min: number | null;
  max: number | null;
}

export function scalableTargets(ctx: Context): ScalableTarget[] {
  const { t } = ctx;
  const { reader } = t;
  return t.resources
    .filter((r) => r.type === 'AWS::ApplicationAutoScaling::ScalableTarget' && t.resolve(reader.get(r.properties, 'ServiceNamespace')).value === 'sagemaker')
    .map((r) => ({
      logicalId: r.logicalId,
      resourceId: resourceIdText(ctx, r.properties),
      min: t.num(reader.get(r.properties, 'MinCapacity')),
      max: t.num(reader.get(r.properties, 'MaxCapacity')),
    }));
}

/** The resource id as far as it can be read: computed parts (the endpoint's name) stay as `*`. */
function resourceIdText(ctx: Context, props: YAMLMap | undefined): string {
  const { reader } = ctx.t;
  const node = reader.get(props, 'ResourceId');
  const resolved = ctx.t.resolve(node);
  if (resolved.value !== null) return resolved.value;
  const strings: string[] = [];
  const walk = (n: unknown, depth: number): void => {
    if (depth > 6) return;
    const s = reader.str(n);
    if (s !== undefined) strings.push(s);
    for (const item of reader.items(n)) walk(item, depth + 1);
    for (const entry of reader.entries(n)) walk(entry.value, depth + 1);
  };
  walk(node, 0);
  return strings.join('*');
}
