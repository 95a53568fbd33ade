import type { ComputeResource, Range } from '../../engine/facts';
import { count, labelsRange, providerDefaults, purposeTexts, readTags, setting } from './common';
import { capacityPurchase, firstType, launchTemplateOf, typeOf } from './aws';
import type { Instance, ReadContext, Reading } from './reading';
import { Val } from './values';
import { blockView, objectView, type View } from './view';

/** terraform-aws-modules/eks (registry or git) and aws-ia's EKS Blueprints v4: node groups as maps of objects. */
const CLUSTER_MODULE = /(^|\/)terraform-aws-modules\/eks\/aws$|terraform-aws-eks(\.git)?$|aws-ia\/terraform-aws-eks-blueprints(\.git)?$/;
const MANAGED_GROUP_MODULE = /\/\/modules\/eks-managed-node-group$/;
const SELF_GROUP_MODULE = /\/\/modules\/self-managed-node-group$/;

type GroupKind = 'managed' | 'self';

/** Map-valued inputs of the cluster modules that hold node groups, with their defaults input. */
const GROUP_INPUTS: { key: string; defaults?: string; kind: GroupKind; moduleDefaults: boolean }[] = [
  { key: 'eks_managed_node_groups', defaults: 'eks_managed_node_group_defaults', kind: 'managed', moduleDefaults: true },
  { key: 'self_managed_node_groups', defaults: 'self_managed_node_group_defaults', kind: 'self', moduleDefaults: true },
  // EKS Blueprints v4 names them `managed_node_groups` and documents no size defaults.
  { key: 'managed_node_groups', kind: 'managed', moduleDefaults: false },
];

export function isEksModule(source: string | undefined): boolean {
  const bare = (source ?? '').replace(/^(git::)?(https?:\/\/)?(registry\.terraform\.io\/)?/, '').replace(/\?.*$/, '');
  return CLUSTER_MODULE.test(bare) || MANAGED_GROUP_MODULE.test(bare) || SELF_GROUP_MODULE.test(bare);
}

export function readEksModule(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const source = (Val.str(view.value('source')) ?? '').replace(/\?.*$/, '');
  const inherited = { ...providerDefaults(inst.block, ctx, { name: 'aws' }) };
  const moduleTags = view.value('tags');
  Object.assign(inherited, Val.stringMap(moduleTags));
  const names = labelsRange(inst.block);
  if (MANAGED_GROUP_MODULE.test(source) || SELF_GROUP_MODULE.test(source)) {
    const kind: GroupKind = MANAGED_GROUP_MODULE.test(source) ? 'managed' : 'self';
    const reading = readGroup(view, undefined, { kind, moduleDefaults: true, name: inst.address, nameRange: names, range: inst.block.range, key: inst.block.labels[0], ctx });
    reading.tags = readTags(view, 'tags', ctx, providerDefaults(inst.block, ctx, { name: 'aws' }));
    return [withTagTexts(reading)];
  }
  const readings: Reading[] = [];
  for (const input of GROUP_INPUTS) {
    const groups = view.value(input.key);
    if (groups?.kind !== 'object') continue;
    const defaults = input.defaults ? view.child(input.defaults) : undefined;
    for (const [key, group] of groups.entries) {
      if (group.kind !== 'object') continue;
      const groupView = objectView(group);
      const reading = readGroup(groupView, defaults, {
        kind: input.kind,
        moduleDefaults: input.moduleDefaults,
        name: `${inst.address}.${input.key}["${key}"]`,
        nameRange: groups.keyRanges.get(key) ?? names,
        range: group.at ?? inst.block.range,
        key,
        ctx,
      });
      const defaultTags = Val.stringMap(defaults?.value('tags'));
      reading.tags = readTags(groupView, 'tags', ctx, { ...inherited, ...defaultTags });
      if (moduleTags && moduleTags.kind !== 'object') reading.tags.unresolved = true;
      readings.push(withTagTexts(reading));
    }
  }
  return readings;
}

function withTagTexts(reading: Reading): Reading {
  const all = { ...reading.tags.inherited, ...reading.tags.own };
  reading.purpose.texts.push(...purposeTexts([['tag Name', all.Name]], [['tag', all]]));
  return reading;
}

/** A group's setting, else the module's `*_node_group_defaults` one. */
function withDefaults(group: View, defaults: View | undefined): View {
  if (!defaults) return group;
  return {
    value: (key) => (group.has(key) ? group.value(key) : defaults.value(key)),
    child: (key) => (group.has(key) ? group.child(key) : defaults.child(key)),
    children: (key) => (group.has(key) ? group.children(key) : defaults.children(key)),
    has: (key) => group.has(key) || defaults.has(key),
    source: (key) => group.source(key),
    anchor: group.anchor,
    range: group.range,
  };
}

interface GroupPlace {
  kind: GroupKind;
  moduleDefaults: boolean;
  name: string;
  nameRange: Range;
  range: Range;
  key: string;
  ctx: ReadContext;
}

function readGroup(group: View, defaults: View | undefined, place: GroupPlace): Reading {
  const view = withDefaults(group, defaults);
  // The modules' own defaults: min 0, max 3, desired 1, on-demand (terraform-aws-modules/eks node-group variables).
  const fallback = (n: number) => (place.moduleDefaults ? n : null);
  const min = count(view, 'min_size') ?? fallback(0);
  const max = count(view, 'max_size') ?? fallback(3);
  const desired = count(view, 'desired_size') ?? fallback(1) ?? min;
  const managed = place.kind === 'managed';
  // A group may launch from a template of the module (`create_launch_template = false`).
  const template = launchTemplateOf(view, place.ctx, ['launch_template_id', 'launch_template_name']);
  const instanceType = (managed ? firstType(view.value('instance_types')) : typeOf(view.value('instance_type') ?? view.value('instance_types'))) ?? template?.instanceType ?? null;
  const capacity = setting(view, 'capacity_type');
  let purchase = capacityPurchase(capacity);
  if (!managed && purchase !== 'spot') {
    const market = setting(view.child('instance_market_options'), 'market_type');
    const share = count(view.child('mixed_instances_policy')?.child('instances_distribution'), 'on_demand_percentage_above_base_capacity');
    if (market === 'spot' || (Val.bool(view.value('use_mixed_instances_policy')) && share === 0)) purchase = 'spot';
  }
  const labels = Val.stringMap(view.value('labels'));
  const tags: ComputeResource['tags'] = { own: {}, inherited: {} };
  return {
    resourceType: managed ? 'eks_managed_node_group' : 'self_managed_node_group',
    cloud: 'aws',
    computeKind: managed ? 'node-group' : 'autoscaling-group',
    name: place.name,
    range: place.range,
    nameRange: place.nameRange,
    instanceType,
    accelerators: [],
    replicas: { desired, min, max },
    purchase,
    purchaseAnchor: group.anchor,
    autoscaling: { present: min === null || max === null || max > min, min, max, anchor: group.anchor },
    purpose: { texts: purposeTexts([['node group', place.key], ['name', view.value('name') ?? view.value('node_group_name')]], [['label', labels]]) },
    spotField: group.anchor
      ? managed
        ? { anchor: group.anchor, key: 'capacity_type', value: 'SPOT' }
        : { anchor: group.anchor, key: 'instance_market_options.market_type', value: 'spot' }
      : undefined,
    autoscalingField: group.anchor ? { anchor: group.anchor, key: 'min_size', value: 0 } : undefined,
    tags,
  };
}
