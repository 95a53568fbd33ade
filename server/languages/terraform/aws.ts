import type { ComputeResource, PurchaseOption } from '../../engine/facts';
import { count, labelsRange, providerDefaults, purposeTexts, readTags, setting } from './common';
import type { Instance, ReadContext, Reading } from './reading';
import { HBlock } from './syntax';
import { Val } from './values';
import { blockView, valueAnchor, type View } from './view';

/** An instance type as written: its value, and its literal when it is in this file. */
export function typeOf(val: Val | undefined): Reading['instanceType'] {
  const value = Val.str(val);
  return value ? { value, anchor: valueAnchor(val) } : null;
}

/** The first instance type of a list (`instance_types = ["g5.xlarge", …]`): the one a group prefers. */
export function firstType(val: Val | undefined): Reading['instanceType'] {
  if (val?.kind === 'list') return typeOf(val.items[0]);
  return typeOf(val);
}

export interface LaunchTemplate {
  address: string;
  view: View;
  instanceType: Reading['instanceType'];
  spot: boolean;
  /** Tags the template puts on the instances it launches (`tag_specifications { resource_type = "instance" }`). */
  instanceTags: Record<string, string>;
}

/** The launch template a `launch_template { id = aws_launch_template.x.id }` (or `name`) refers to, in this module. */
export function launchTemplateOf(ref: View | undefined, ctx: ReadContext, keys = ['id', 'name']): LaunchTemplate | undefined {
  for (const key of keys) {
    const val = ref?.value(key);
    const address = val?.kind === 'unknown' ? val.ref : undefined;
    if (!address?.startsWith('aws_launch_template.')) continue;
    const found = ctx.module.resource('aws_launch_template', address.slice('aws_launch_template.'.length));
    if (!found) continue;
    const view = blockView(found.value, ctx.evaluator, ctx.evaluator.frame(found.file));
    const instanceTags: Record<string, string> = {};
    for (const spec of view.children('tag_specifications')) {
      if (setting(spec, 'resource_type') === 'instance') Object.assign(instanceTags, Val.stringMap(spec.value('tags')));
    }
    return { address, view, instanceType: typeOf(view.value('instance_type')), spot: isSpotMarket(view), instanceTags };
  }
  return undefined;
}

function isSpotMarket(view: View | undefined): boolean {
  return setting(view?.child('instance_market_options'), 'market_type') === 'spot';
}

const SPOT_MARKET = { key: 'instance_market_options.market_type', value: 'spot' } as const;
const fixed = (): ComputeResource['autoscaling'] => ({ present: false, min: null, max: null });

function nameTexts(inst: Instance, tags: ComputeResource['tags'], extra: [string, Val | string | undefined][] = []) {
  return purposeTexts([['name', inst.block.labels[1]], ...extra, ['tag Name', tags.own.Name ?? tags.inherited.Name]], [['tag', { ...tags.inherited, ...tags.own }]]);
}

function base(inst: Instance, computeKind: Reading['computeKind']) {
  return { resourceType: inst.type, cloud: 'aws' as const, computeKind, name: inst.address, range: inst.block.range, nameRange: labelsRange(inst.block), accelerators: [] };
}

export function readAwsInstance(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const template = launchTemplateOf(view.child('launch_template'), ctx);
  const tags = readTags(view, 'tags', ctx, providerDefaults(inst.block, ctx));
  const spot = isSpotMarket(view) || Boolean(template?.spot);
  return [
    {
      ...base(inst, 'vm'),
      instanceType: typeOf(view.value('instance_type')) ?? template?.instanceType ?? null,
      replicas: { desired: 1, min: null, max: null },
      purchase: spot ? 'spot' : 'on-demand',
      purchaseAnchor: view.anchor,
      autoscaling: fixed(),
      purpose: { texts: nameTexts(inst, tags) },
      spotField: view.anchor && !template ? { anchor: view.anchor, ...SPOT_MARKET } : undefined,
      tags,
    },
  ];
}

/** A launch template no group or instance in the module uses: priced per instance launched from it. */
export function readLaunchTemplate(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const tags = readTags(view, 'tags', ctx, providerDefaults(inst.block, ctx));
  for (const spec of view.children('tag_specifications')) {
    if (setting(spec, 'resource_type') === 'instance') Object.assign(tags.inherited, Val.stringMap(spec.value('tags')));
  }
  return [
    {
      ...base(inst, 'launch-template'),
      instanceType: typeOf(view.value('instance_type')),
      replicas: { desired: null, min: null, max: null },
      purchase: isSpotMarket(view) ? 'spot' : 'on-demand',
      purchaseAnchor: view.anchor,
      autoscaling: fixed(),
      purpose: { texts: nameTexts(inst, tags, [['template name', view.value('name')]]) },
      spotField: view.anchor ? { anchor: view.anchor, ...SPOT_MARKET } : undefined,
      tags,
    },
  ];
}

export function readAutoscalingGroup(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const mixed = view.child('mixed_instances_policy');
  const mixedTemplate = mixed?.child('launch_template');
  const template = launchTemplateOf(view.child('launch_template'), ctx) ?? launchTemplateOf(mixedTemplate?.child('launch_template_specification'), ctx, ['launch_template_id', 'launch_template_name']);
  const override = mixedTemplate?.children('override').find((o) => o.has('instance_type'));
  const min = count(view, 'min_size');
  const max = count(view, 'max_size');
  const distribution = mixed?.child('instances_distribution');
  const onDemandShare = count(distribution, 'on_demand_percentage_above_base_capacity') ?? 100;
  const onDemandBase = count(distribution, 'on_demand_base_capacity') ?? 0;
  let purchase: PurchaseOption = template?.spot ? 'spot' : 'on-demand';
  if (mixed) purchase = onDemandShare === 0 && onDemandBase === 0 ? 'spot' : onDemandShare === 100 ? purchase : 'unknown';
  // Provider default_tags do not reach autoscaling groups; their `tag` blocks (and the template's instance tags) do.
  const own: Record<string, string> = {};
  for (const tag of view.children('tag')) {
    const key = Val.str(tag.value('key'));
    if (key) own[key] = Val.str(tag.value('value')) ?? '';
  }
  const dynamicTags = HBlock.blocks(inst.block, 'dynamic').some((d) => d.labels[0] === 'tag');
  if (view.anchor) ctx.tagStyles.set(`${view.anchor.range.start}:${view.anchor.range.end}`, { kind: 'tag-blocks' });
  const tags: ComputeResource['tags'] = { own, inherited: { ...(template?.instanceTags ?? {}) }, anchor: view.anchor, unresolved: dynamicTags || undefined };
  let spotField: Reading['spotField'];
  if (distribution?.anchor) spotField = { anchor: distribution.anchor, key: 'on_demand_percentage_above_base_capacity', value: 0 };
  else if (mixed?.anchor) spotField = { anchor: mixed.anchor, key: 'instances_distribution.on_demand_percentage_above_base_capacity', value: 0 };
  else if (template?.view.anchor) spotField = { anchor: template.view.anchor, ...SPOT_MARKET };
  return [
    {
      ...base(inst, 'autoscaling-group'),
      instanceType: typeOf(override?.value('instance_type')) ?? template?.instanceType ?? null,
      replicas: { desired: count(view, 'desired_capacity') ?? min, min, max },
      purchase,
      purchaseAnchor: (distribution ?? mixed ?? template?.view)?.anchor,
      autoscaling: { present: min === null || max === null || max > min, min, max, anchor: view.anchor },
      purpose: { texts: nameTexts(inst, tags, [['group name', view.value('name')]]) },
      spotField,
      autoscalingField: view.anchor ? { anchor: view.anchor, key: 'min_size', value: 0 } : undefined,
      tags,
    },
  ];
}

/** `capacity_type` of EKS node groups: `SPOT`, `CAPACITY_BLOCK` (reserved ahead) or on-demand (the default). */
export function capacityPurchase(value: string | null | undefined): PurchaseOption {
  if (value === null) return 'unknown';
  if (value === 'spot') return 'spot';
  if (value === 'capacity_block') return 'reserved';
  return 'on-demand';
}

export function readEksNodeGroup(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const template = launchTemplateOf(view.child('launch_template'), ctx);
  const scaling = view.child('scaling_config');
  const min = count(scaling, 'min_size');
  const max = count(scaling, 'max_size');
  const tags = readTags(view, 'tags', ctx, providerDefaults(inst.block, ctx));
  const labels = Val.stringMap(view.value('labels'));
  const capacity = view.value('capacity_type');
  return [
    {
      ...base(inst, 'node-group'),
      instanceType: firstType(view.value('instance_types')) ?? template?.instanceType ?? null,
      replicas: { desired: count(scaling, 'desired_size') ?? min, min, max },
      purchase: capacityPurchase(setting(view, 'capacity_type')),
      purchaseAnchor: valueAnchor(capacity) ?? view.anchor,
      autoscaling: { present: min === null || max === null || max > min, min, max, anchor: scaling?.anchor },
      purpose: {
        texts: purposeTexts(
          [['name', inst.block.labels[1]], ['node group name', view.value('node_group_name')], ['tag Name', tags.own.Name ?? tags.inherited.Name]],
          [['label', labels], ['tag', { ...tags.inherited, ...tags.own }]],
        ),
      },
      spotField: view.anchor ? { anchor: view.anchor, key: 'capacity_type', value: 'SPOT' } : undefined,
      autoscalingField: view.anchor ? { anchor: view.anchor, key: 'scaling_config.min_size', value: 0 } : undefined,
      tags,
    },
  ];
}
