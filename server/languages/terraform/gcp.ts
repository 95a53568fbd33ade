import type { ComputeResource } from '../../engine/facts';
import { count, labelsRange, providerDefaults, purposeTexts, readTags, setting } from './common';
import { typeOf } from './aws';
import type { Instance, ReadContext, Reading } from './reading';
import { Val } from './values';
import { blockView, valueAnchor, type View } from './view';

function accelerators(view: View | undefined): Reading['accelerators'] {
  return (view?.children('guest_accelerator') ?? []).flatMap((acc) => {
    const type = acc.value('type');
    const value = Val.str(type);
    return value ? [{ type: value, count: count(acc, 'count') ?? 1, anchor: valueAnchor(type) }] : [];
  });
}

function isSpot(scheduling: View | undefined, spotKey?: string): boolean {
  if (!scheduling) return false;
  return (spotKey !== undefined && Val.bool(scheduling.value(spotKey)) === true) || Val.bool(scheduling.value('preemptible')) === true || setting(scheduling, 'provisioning_model') === 'spot';
}

export function readComputeInstance(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const tags = readTags(view, 'labels', ctx, providerDefaults(inst.block, ctx));
  const scheduling = view.child('scheduling');
  return [
    {
      resourceType: inst.type,
      cloud: 'gcp',
      computeKind: 'vm',
      name: inst.address,
      range: inst.block.range,
      nameRange: labelsRange(inst.block),
      instanceType: typeOf(view.value('machine_type')),
      accelerators: accelerators(view),
      replicas: { desired: 1, min: null, max: null },
      purchase: isSpot(scheduling) ? 'spot' : 'on-demand',
      purchaseAnchor: scheduling?.anchor ?? view.anchor,
      autoscaling: { present: false, min: null, max: null },
      purpose: { texts: purposeTexts([['name', inst.block.labels[1]], ['instance name', view.value('name')]], [['label', { ...tags.inherited, ...tags.own }]]) },
      // Spot VMs are the SPOT provisioning model on a preemptible VM that does not restart itself.
      spotField: view.anchor ? { anchor: view.anchor, key: 'scheduling', value: { provisioning_model: 'SPOT', preemptible: true, automatic_restart: false } } : undefined,
      tags,
    },
  ];
}

/**
 * GKE node pools: `node_count` and `min/max_node_count` are per zone, so they are multiplied by
 * the zones of `node_locations` when those are known; `total_*` bounds are for the whole pool.
 */
export function readNodePool(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const config = view.child('node_config');
  const autoscaling = view.child('autoscaling');
  const locations = view.value('node_locations');
  const zones = locations?.kind === 'list' ? Math.max(1, locations.items.length) : 1;
  const perZone = (n: number | null) => (n === null ? null : n * zones);
  const usesTotal = Boolean(autoscaling?.has('total_min_node_count') || autoscaling?.has('total_max_node_count'));
  const min = autoscaling ? (usesTotal ? count(autoscaling, 'total_min_node_count') : perZone(count(autoscaling, 'min_node_count'))) : null;
  const max = autoscaling ? (usesTotal ? count(autoscaling, 'total_max_node_count') : perZone(count(autoscaling, 'max_node_count'))) : null;
  const nodeCount = count(view, 'node_count') ?? count(view, 'initial_node_count');
  const tags = gkeLabels(config, ctx);
  const labels = Val.stringMap(config?.value('labels'));
  return [
    {
      resourceType: inst.type,
      cloud: 'gcp',
      computeKind: 'node-pool',
      name: inst.address,
      range: inst.block.range,
      nameRange: labelsRange(inst.block),
      instanceType: typeOf(config?.value('machine_type')),
      accelerators: accelerators(config),
      replicas: { desired: perZone(nodeCount) ?? min, min, max },
      purchase: isSpot(config, 'spot') ? 'spot' : 'on-demand',
      purchaseAnchor: config?.anchor,
      autoscaling: { present: Boolean(autoscaling), min, max, anchor: autoscaling?.anchor },
      purpose: {
        texts: purposeTexts([['name', inst.block.labels[1]], ['pool name', view.value('name')]], [['label', labels], ['resource label', { ...tags.inherited, ...tags.own }]]),
      },
      spotField: config?.anchor ? { anchor: config.anchor, key: 'spot', value: true } : undefined,
      autoscalingField: view.anchor
        ? autoscaling
          ? { anchor: view.anchor, key: `autoscaling.${usesTotal ? 'total_min_node_count' : 'min_node_count'}`, value: 0 }
          : { anchor: view.anchor, key: 'autoscaling', value: { min_node_count: 0, max_node_count: Math.max(1, count(view, 'node_count') ?? count(view, 'initial_node_count') ?? 1) } }
        : undefined,
      tags,
    },
  ];
}

/** Billing sees `resource_labels`; Kubernetes node `labels` count too, so a team label written either way is found. */
function gkeLabels(config: View | undefined, ctx: ReadContext): ComputeResource['tags'] {
  if (!config) return { own: {}, inherited: {} };
  // Node labels first: when neither map exists, the anchor is left asking for `resource_labels`.
  const node = readTags(config, 'labels', ctx);
  const billing = readTags(config, 'resource_labels', ctx);
  return {
    own: { ...node.own, ...billing.own },
    inherited: { ...node.inherited, ...billing.inherited },
    anchor: billing.anchor,
    unresolved: billing.unresolved || node.unresolved || undefined,
  };
}
