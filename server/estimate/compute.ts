import type { ComputeResource } from '../engine/facts';
import type { Catalog, GpuInstance, GpuModel, RowOrigin } from '../../pricing/catalog';
import { CostComponent, type Assumption, type Estimate, type Provenance } from './cost';
import type { Assumed, UsageAnnotation, UsageAssumptions } from './usage';
import { formatUsd } from './money';

export interface ComputeEstimateInput {
  resource: ComputeResource;
  catalog: Catalog;
  usage: UsageAssumptions;
  annotation?: UsageAnnotation;
  /** Price the resource as if changed (what a fix would cost). */
  change?: { instanceType?: string; purchase?: ComputeResource['purchase']; gpuModel?: string };
}

/** One priced part of one instance or pod per hour: the whole instance, its GPUs, or its VM part. */
interface RatePart {
  label: string;
  unit: 'hour' | 'GPU-hour';
  quantity: number;
  /** USD per unit on demand; null when the catalog has no price (shown as such, never guessed). */
  price: number | null;
  source: Provenance;
}

interface Rate {
  parts: RatePart[];
  /** The catalog row behind the main part. */
  price: Estimate['price'];
  /** The GPU whose typical spot discount applies. */
  gpu?: GpuModel;
}

/** A catalog row's provenance; rows added or changed by the config's `pricing` point at their config line. */
const catalogSource = (detail: string, source: string, asOf: string, origin?: RowOrigin): Provenance =>
  origin ? { kind: 'pricing-override', detail: `${detail}: ${source}`, asOf, file: origin.file, line: origin.line } : { kind: 'catalog', detail: `${detail}: ${source}`, asOf };
const rowAsOf = (row: GpuInstance) => row.as_of ?? 'undated snapshot';

/**
 * Prices a compute resource per hour and per month: the instance's price (or its GPUs' rate)
 * × instances or replicas × hours. GCP accelerators are priced per GPU with the VM part left
 * unpriced; an unknown GPU model gives a low–high range, never a guess.
 */
export function estimateCompute(input: ComputeEstimateInput): Estimate {
  const { resource, catalog, usage, annotation, change } = input;
  const notes: string[] = [];
  const assumptions: Assumption[] = [];
  const purchase = change?.purchase ?? resource.purchase;

  // A pool that starts empty and grows on demand (Karpenter) costs between nothing and its limit.
  const elastic = startsEmpty(resource);
  const replicas = elastic ? (resource.replicas.max ?? 1) : (resource.replicas.desired ?? resource.replicas.min ?? 1);
  const replicaSource: Provenance = elastic
    ? resource.replicas.max !== null
      ? { kind: 'declared', detail: `0 to ${replicas} nodes: from empty up to the pool's limits` }
      : { kind: 'default', detail: 'no limits: priced per node, the pool can grow without bound' }
    : resource.replicas.desired !== null || resource.replicas.min !== null
      ? { kind: 'declared', detail: `${replicas} ${resource.computeKind === 'k8s-workload' ? 'replica(s)' : 'instance(s)'} declared` }
      : { kind: 'default', detail: '1 instance (no count declared)' };
  assumptions.push({ name: elastic ? 'Nodes at most' : 'Instances or replicas', value: elastic && resource.replicas.max === null ? 'unbounded' : replicas, source: replicaSource });
  const hours: Assumed =
    annotation?.monthlyHours !== undefined
      ? { value: annotation.monthlyHours, source: { kind: 'annotation', detail: `costlint-usage monthly_hours on line ${annotation.line}`, line: annotation.line } }
      : usage.monthlyHours;
  assumptions.push({ name: 'Hours per month', value: hours.value, source: hours.source });

  const rate = hourlyRate(resource, catalog, change, notes);
  let spotFactor = 1;
  if (purchase === 'spot' && rate) {
    const discount = rate.gpu?.typical_spot_discount;
    if (discount !== undefined) {
      spotFactor = 1 - discount;
      assumptions.push({ name: 'Spot discount', value: discount, source: catalogSource(`typical spot discount of ${rate.gpu!.gpu_model}`, rate.gpu!.source, rate.gpu!.as_of, catalog.originOf(rate.gpu!)) });
    } else notes.push('spot discount unknown: priced at on-demand');
  }
  if (purchase === 'reserved' && rate) notes.push('reserved capacity priced at on-demand: the catalog has no reserved prices');
  if (purchase === 'unknown') {
    assumptions.push({ name: 'Purchase option', value: 'unknown', source: { kind: 'default', detail: 'no capacity type selected: the node pool decides; priced at on-demand' } });
    notes.push('capacity type unknown (no spot or on-demand selector): priced at on-demand, spot would cost less');
  }

  const components: CostComponent[] = [];
  let hourly: number | null = null;
  let monthlyRange: Estimate['monthlyRange'];
  if (rate) {
    const label = purchase === 'unknown' ? 'capacity unknown, on-demand price' : purchase;
    for (const part of rate.parts) {
      const price = part.price === null ? null : part.price * spotFactor;
      components.push(CostComponent.of(`${part.label} (${label})`, part.unit, part.quantity * replicas, price, part.source));
      if (price !== null) hourly = (hourly ?? 0) + part.quantity * replicas * price;
    }
  } else if (resource.gpu && resource.gpu.count > 0) {
    const rates = catalog.data.gpus.map((g) => g.on_demand_per_gpu_hour_usd);
    const perHour = resource.gpu.count * replicas * hours.value;
    monthlyRange = { low: Math.min(...rates) * perHour, high: Math.max(...rates) * perHour };
    components.push(CostComponent.of('GPU usage (model unknown)', 'GPU-hour', resource.gpu.count * replicas, null, { kind: 'default', detail: 'GPU model not declared: range over catalog GPUs' }));
    notes.push(`GPU model unknown: between $${monthlyRange.low.toFixed(0)} and $${monthlyRange.high.toFixed(0)} per month`);
  }
  if (elastic && hourly !== null) {
    // Only the upper end is known: nothing runs until pods ask for nodes.
    if (resource.replicas.max !== null) monthlyRange = { low: 0, high: hourly * hours.value };
    else notes.push(`no limits: each node costs ${formatUsd(hourly)}/h, and nothing caps how many run`);
    notes.push('a pool that starts empty costs what its pods use: from $0 up to its limit');
    hourly = null;
  }
  return {
    subject: 'resource',
    components,
    perCall: null,
    hourly,
    monthly: hourly === null ? null : hourly * hours.value,
    monthlyRange,
    price: rate?.price ?? null,
    assumptions,
    notes,
  };
}

/**
 * A pool that runs nothing until pods ask for nodes (a Karpenter NodePool, a node group scaling
 * from zero): its cost lies between $0 and its maximum, never a flat $0.
 */
export function startsEmpty(resource: ComputeResource): boolean {
  const { desired, min, max } = resource.replicas;
  return min === 0 && (desired ?? 0) === 0 && (resource.computeKind === 'karpenter-nodepool' || (max !== null && max > 0));
}

/** What one instance or pod costs per hour, from the most specific catalog row that prices it. */
function hourlyRate(resource: ComputeResource, catalog: Catalog, change: ComputeEstimateInput['change'], notes: string[]): Rate | undefined {
  const instanceType = change?.instanceType ?? resource.instanceType?.value;
  const instance = instanceType ? catalog.findInstance(instanceType) : undefined;
  // A changed instance type brings its own GPUs; otherwise the resource's declared GPUs win.
  const declared = change?.instanceType ? undefined : resource.gpu;
  const gpuName = change?.gpuModel ?? declared?.model ?? instance?.gpu_model ?? sagemakerHost(instanceType, catalog)?.gpu_model;
  const gpu = gpuName ? catalog.findGpu(gpuName) : undefined;
  const spotGpu = gpu ?? (instance ? catalog.findGpu(instance.gpu_model) : undefined);

  if (instance?.kind === 'instance' && instance.on_demand_hourly_usd !== undefined && !change?.gpuModel) {
    // A pod pinned to a large instance pays for its share of the node's GPUs, not the whole node.
    const share = resource.computeKind === 'k8s-workload' && declared && declared.count > 0 && declared.count < instance.gpu_count ? declared.count / instance.gpu_count : 1;
    if (share < 1) notes.push(`${declared!.count} of the ${instance.gpu_count} GPUs of ${instance.instance_type}: charged that share of the node`);
    return {
      parts: [
        {
          label: share < 1 ? `Instance usage, ${instance.instance_type}, ${declared!.count} of ${instance.gpu_count} GPUs` : `Instance usage, ${instance.instance_type}`,
          unit: 'hour',
          quantity: share,
          price: instance.on_demand_hourly_usd,
          source: catalogSource(`${instance.cloud}/${instance.instance_type} ${instance.region}`, instance.source, rowAsOf(instance), catalog.originOf(instance)),
        },
      ],
      price: { id: `${instance.cloud}/${instance.instance_type}`, source: instance.source, asOf: rowAsOf(instance) },
      gpu: spotGpu,
    };
  }
  const host = !instance && !change?.gpuModel ? sagemakerHost(instanceType, catalog) : undefined;
  if (host?.on_demand_hourly_usd !== undefined) {
    notes.push(`SageMaker ${instanceType} priced at the EC2 ${host.instance_type} rate: SageMaker charges more, so this is a lower bound`);
    return {
      parts: [{ label: `Instance usage, ${instanceType} at the EC2 ${host.instance_type} rate`, unit: 'hour', quantity: 1, price: host.on_demand_hourly_usd, source: catalogSource(`aws/${host.instance_type} ${host.region}`, host.source, rowAsOf(host), catalog.originOf(host)) }],
      price: { id: `aws/${host.instance_type}`, source: host.source, asOf: rowAsOf(host) },
      gpu: gpu ?? catalog.findGpu(host.gpu_model),
    };
  }

  const count = change?.instanceType ? (instance?.gpu_count ?? 0) : (declared?.count ?? instance?.gpu_count ?? host?.gpu_count ?? 0);
  const model = gpu?.gpu_model ?? gpuName;
  if (!model || count <= 0) {
    if (instanceType && !instance) notes.push(`no price for instance type ${instanceType}; add it under pricing overrides`);
    return undefined;
  }
  const accelerator = resource.cloud === 'gcp' ? acceleratorRow(catalog, model) : undefined;
  if (accelerator?.on_demand_hourly_usd !== undefined) return gcpRate(accelerator, count, instanceType, gpu, notes);
  if (!gpu) {
    if (instanceType) notes.push(`no price for ${instanceType} or its ${model} GPUs; add it under pricing overrides`);
    return undefined;
  }
  if (instanceType && !instance && !host) notes.push(`no price for instance type ${instanceType}: priced by its GPUs`);
  else if (instance || host) notes.push(`no list price for ${instanceType}: priced at ${gpu.gpu_model} GPU-hour rate`);
  return {
    parts: [{ label: `GPU usage, ${count}× ${gpu.gpu_model}`, unit: 'GPU-hour', quantity: count, price: gpu.on_demand_per_gpu_hour_usd, source: catalogSource(`${gpu.gpu_model} per GPU-hour`, gpu.source, gpu.as_of, catalog.originOf(gpu)) }],
    price: { id: `gpu/${gpu.gpu_model}`, source: gpu.source, asOf: gpu.as_of },
    gpu,
  };
}

/**
 * GCP bills attached GPUs apart from the VM: the accelerator row prices the GPUs, and the VM's
 * vCPU and memory stay a visible unpriced part unless the catalog has the machine type.
 */
function gcpRate(accelerator: GpuInstance, count: number, machineType: string | undefined, gpu: GpuModel | undefined, notes: string[]): Rate {
  const parts: RatePart[] = [
    {
      label: `GPU usage, ${count}× ${accelerator.gpu_model} (${accelerator.instance_type})`,
      unit: 'GPU-hour',
      quantity: count,
      price: accelerator.on_demand_hourly_usd!,
      source: catalogSource(`gcp/${accelerator.instance_type} ${accelerator.region}`, accelerator.source, rowAsOf(accelerator)),
    },
  ];
  if (machineType) {
    parts.push({ label: `VM usage, ${machineType} (vCPU and memory)`, unit: 'hour', quantity: 1, price: null, source: { kind: 'default', detail: `${machineType} is not priced in the catalog: add it under pricing overrides` } });
    notes.push(`VM part of ${machineType} not priced: the figure covers its GPUs only`);
  } else notes.push('machine type not declared: the figure covers the GPUs only');
  return { parts, price: { id: `gcp/${accelerator.instance_type}`, source: accelerator.source, asOf: rowAsOf(accelerator) }, gpu };
}

function acceleratorRow(catalog: Catalog, gpuModel: string): GpuInstance | undefined {
  return catalog.data.instances.find((i) => i.kind === 'accelerator' && i.cloud === 'gcp' && i.gpu_model === gpuModel);
}

/** SageMaker's `ml.g5.xlarge` runs on an EC2 `g5.xlarge`; the catalog prices only the latter. */
function sagemakerHost(instanceType: string | undefined, catalog: Catalog): GpuInstance | undefined {
  if (!instanceType?.startsWith('ml.')) return undefined;
  const host = catalog.findInstance(instanceType.slice(3));
  return host?.cloud === 'aws' && host.kind === 'instance' ? host : undefined;
}
