import type { ComputeResource, Range } from '../../engine/facts';
import { count, labelsRange, purposeTexts, readTags, setting } from './common';
import { typeOf } from './aws';
import type { Instance, ReadContext, Reading } from './reading';
import type { TerraformModule } from './module';
import { HBlock } from './syntax';
import { Val } from './values';
import { blockView, valueAnchor, type View } from './view';

export function readVirtualMachine(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const tags = readTags(view, 'tags', ctx);
  const priority = view.value('priority');
  return [
    {
      resourceType: inst.type,
      cloud: 'azure',
      computeKind: 'vm',
      name: inst.address,
      range: inst.block.range,
      nameRange: labelsRange(inst.block),
      instanceType: typeOf(view.value('size')),
      accelerators: [],
      replicas: { desired: 1, min: null, max: null },
      purchase: setting(view, 'priority') === 'spot' ? 'spot' : 'on-demand',
      purchaseAnchor: valueAnchor(priority) ?? view.anchor,
      autoscaling: { present: false, min: null, max: null },
      purpose: { texts: purposeTexts([['name', inst.block.labels[1]], ['vm name', view.value('name')]], [['tag', { ...tags.inherited, ...tags.own }]]) },
      spotField: view.anchor ? { anchor: view.anchor, key: 'priority', value: 'Spot' } : undefined,
      tags,
    },
  ];
}

/** azurerm 4.x renamed `enable_auto_scaling` to `auto_scaling_enabled`: use the one the pool or the pinned provider version speaks. */
function autoscalingKey(pool: View, module: TerraformModule): string {
  if (pool.has('enable_auto_scaling')) return 'enable_auto_scaling';
  if (pool.has('auto_scaling_enabled')) return 'auto_scaling_enabled';
  for (const file of module.files) {
    for (const block of file.body) {
      if (block.kind !== 'block' || block.type !== 'terraform') continue;
      const azurerm = HBlock.attribute(HBlock.block(block, 'required_providers') ?? { body: [] }, 'azurerm')?.value;
      const version = azurerm?.kind === 'object' ? azurerm.entries.find((e) => e.key === 'version')?.value : undefined;
      const major = version?.kind === 'literal' ? /(\d+)/.exec(String(version.value)) : null;
      if (major && Number(major[1]) < 4) return 'enable_auto_scaling';
    }
  }
  return 'auto_scaling_enabled';
}

function poolReading(pool: View, key: string): Pick<Reading, 'instanceType' | 'replicas' | 'purchase' | 'autoscaling'> {
  const enabled = Val.bool(pool.value(key)) === true;
  const min = enabled ? count(pool, 'min_count') : null;
  const max = enabled ? count(pool, 'max_count') : null;
  return {
    instanceType: typeOf(pool.value('vm_size')),
    replicas: { desired: count(pool, 'node_count') ?? min, min, max },
    purchase: setting(pool, 'priority') === 'spot' ? 'spot' : 'on-demand',
    autoscaling: { present: enabled, min, max, anchor: enabled ? pool.anchor : undefined },
  };
}

/** The cluster's `default_node_pool`: a system pool, which can be neither Spot nor empty, so no fix fields. */
export function readKubernetesCluster(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const pool = view.child('default_node_pool');
  if (!pool) return [];
  const clusterTags = readTags(view, 'tags', ctx);
  const tags: ComputeResource['tags'] = readTags(pool, 'tags', ctx, { ...clusterTags.inherited, ...clusterTags.own });
  tags.unresolved = tags.unresolved || clusterTags.unresolved || undefined;
  const start = pool.range?.start ?? inst.block.range.start;
  const nameRange: Range = pool.range ? { start, end: start + 'default_node_pool'.length } : labelsRange(inst.block);
  return [
    {
      resourceType: inst.type,
      cloud: 'azure',
      computeKind: 'node-pool',
      name: `${inst.address}.default_node_pool`,
      range: pool.range ?? inst.block.range,
      nameRange,
      accelerators: [],
      ...poolReading(pool, autoscalingKey(pool, ctx.module)),
      purpose: { texts: purposeTexts([['name', inst.block.labels[1]], ['pool name', pool.value('name')]], [['node label', Val.stringMap(pool.value('node_labels'))], ['tag', { ...tags.inherited, ...tags.own }]]) },
      tags,
    },
  ];
}

export function readClusterNodePool(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const key = autoscalingKey(view, ctx.module);
  const tags = readTags(view, 'tags', ctx);
  return [
    {
      resourceType: inst.type,
      cloud: 'azure',
      computeKind: 'node-pool',
      name: inst.address,
      range: inst.block.range,
      nameRange: labelsRange(inst.block),
      accelerators: [],
      ...poolReading(view, key),
      purchaseAnchor: valueAnchor(view.value('priority')) ?? view.anchor,
      purpose: { texts: purposeTexts([['name', inst.block.labels[1]], ['pool name', view.value('name')]], [['node label', Val.stringMap(view.value('node_labels'))], ['tag', { ...tags.inherited, ...tags.own }]]) },
      spotField: view.anchor ? { anchor: view.anchor, key: 'priority', value: 'Spot' } : undefined,
      // Turning autoscaling on writes min_count = 0 and a max_count with it (see schema companions).
      autoscalingField: view.anchor ? { anchor: view.anchor, key, value: true } : undefined,
      tags,
    },
  ];
}
