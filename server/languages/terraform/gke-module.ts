import { labelsRange, purposeTexts } from './common';
import { typeOf } from './aws';
import type { Instance, ReadContext, Reading } from './reading';
import { Val } from './values';
import { blockView, objectView, valueAnchor, type View } from './view';

/** terraform-google-modules/kubernetes-engine: the root module and its cluster variants (`//modules/private-cluster`…). */
const GKE_MODULE = /(^|\/)terraform-google-modules\/kubernetes-engine\/google(\/\/modules\/[\w-]*cluster[\w-]*)?$/;

export function isGkeModule(source: string | undefined): boolean {
  const bare = (source ?? '').replace(/^(git::)?(https?:\/\/)?(registry\.terraform\.io\/)?/, '').replace(/\?.*$/, '');
  return GKE_MODULE.test(bare);
}

/**
 * The module's `node_pools`, a list of objects (name, machine_type, accelerator_type and
 * accelerator_count, autoscaling with min_count/max_count per zone or total_*_count, spot,
 * preemptible), with the module's documented defaults: autoscaling on, min 1, max 100,
 * initial_node_count = min_count. Labels come from `node_pools_labels` and
 * `node_pools_resource_labels` (`all` and the pool's name), the cluster's resource labels reach
 * every pool.
 */
export function readGkeModule(inst: Instance, ctx: ReadContext): Reading[] {
  const view = blockView(inst.block, ctx.evaluator, inst.frame);
  const pools = view.value('node_pools');
  if (pools?.kind !== 'list') {
    if (pools) ctx.notes.push(`${inst.address}: node_pools not known here, its pools are not checked for GPUs`);
    return [];
  }
  const zones = clusterZones(view);
  return pools.items.flatMap((pool, i) => (pool.kind === 'object' ? [readPool(view, objectView(pool), pool, i, zones, inst)] : []));
}

/** Zones a pool spreads over by default: one for a zonal cluster, else its `zones` (GKE picks three when none are given). */
function clusterZones(view: View): number {
  if (Val.bool(view.value('regional')) === false) return 1;
  const zones = view.value('zones');
  return zones?.kind === 'list' && zones.items.length ? zones.items.length : 3;
}

function readPool(cluster: View, pool: View, val: Val, index: number, zones: number, inst: Instance): Reading {
  const nameVal = pool.value('name');
  const name = Val.str(nameVal) ?? `#${index}`;
  const locations = Val.str(pool.value('node_locations'));
  const perZone = locations ? locations.split(',').filter((z) => z.trim()).length || zones : zones;
  const autoscaling = Val.bool(pool.value('autoscaling')) ?? true;
  const num = (key: string) => Val.num(pool.value(key)) ?? null;
  const scaled = (n: number | null) => (n === null ? null : n * perZone);
  const min = autoscaling ? (num('total_min_count') ?? scaled(num('min_count') ?? 1)) : null;
  const max = autoscaling ? (num('total_max_count') ?? scaled(num('max_count') ?? 100)) : null;
  const desired = autoscaling ? (scaled(num('initial_node_count')) ?? min) : scaled(num('node_count') ?? 1);
  const acceleratorCount = num('accelerator_count') ?? 0;
  const acceleratorType = pool.value('accelerator_type');
  const spot = Val.bool(pool.value('spot')) === true || Val.bool(pool.value('preemptible')) === true;

  const tagsOf = (key: string) => {
    const map = cluster.value(key);
    const entry = (k: string) => (map?.kind === 'object' ? map.entries.get(k) : undefined);
    const unknown = (v: Val | undefined) => v?.kind === 'unknown' || (v?.kind === 'object' && v.partial);
    return { tags: { ...Val.stringMap(entry('all')), ...Val.stringMap(entry(name)) }, unresolved: unknown(map) || unknown(entry('all')) || unknown(entry(name)) };
  };
  const labels = tagsOf('node_pools_labels');
  const resourceLabels = tagsOf('node_pools_resource_labels');
  const clusterLabels = cluster.value('cluster_resource_labels');
  const own = { ...labels.tags, ...resourceLabels.tags };
  return {
    resourceType: 'gke_node_pool',
    cloud: 'gcp',
    computeKind: 'node-pool',
    name: `${inst.address}.node_pools["${name}"]`,
    range: val.at ?? inst.block.range,
    nameRange: nameVal?.at ?? val.at ?? labelsRange(inst.block),
    instanceType: typeOf(pool.value('machine_type')),
    accelerators: acceleratorCount > 0 && Val.str(acceleratorType) ? [{ type: Val.str(acceleratorType)!, count: acceleratorCount, anchor: valueAnchor(acceleratorType) }] : [],
    replicas: { desired, min, max },
    purchase: spot ? 'spot' : 'on-demand',
    purchaseAnchor: pool.anchor,
    autoscaling: { present: autoscaling && (max === null || min === null || max > min), min, max, anchor: pool.anchor },
    purpose: { texts: purposeTexts([['pool name', name]], [['label', own]]) },
    spotField: pool.anchor ? { anchor: pool.anchor, key: 'spot', value: true } : undefined,
    autoscalingField: pool.anchor ? (autoscaling ? { anchor: pool.anchor, key: 'min_count', value: 0 } : { anchor: pool.anchor, key: 'autoscaling', value: true }) : undefined,
    tags: {
      own,
      inherited: Val.stringMap(clusterLabels),
      unresolved: labels.unresolved || resourceLabels.unresolved || clusterLabels?.kind === 'unknown' || undefined,
    },
  };
}
