import type { Anchor, ComputeResource } from '../../server/engine/facts';
import { startsEmpty } from '../../server/estimate/compute';
import type { Catalog, GpuInstance, GpuModel } from '../../pricing/catalog';

/** SageMaker's `ml.p5.48xlarge` is an EC2 `p5.48xlarge` underneath: the catalog knows the latter. */
const SAGEMAKER = 'ml.';

/** The catalog row of the resource's instance type, seeing through SageMaker's `ml.` prefix. */
export function instanceOf(resource: ComputeResource, catalog: Catalog): GpuInstance | undefined {
  const type = resource.instanceType?.value;
  if (!type) return undefined;
  return catalog.findInstance(type) ?? (type.startsWith(SAGEMAKER) ? catalog.findInstance(type.slice(SAGEMAKER.length)) : undefined);
}

/** The GPU the resource runs on: declared (accelerator, node selector) or the instance type's. */
export function gpuOf(resource: ComputeResource, catalog: Catalog): GpuModel | undefined {
  const name = resource.gpu?.model ?? instanceOf(resource, catalog)?.gpu_model;
  return name ? catalog.findGpu(name) : undefined;
}

/** GPUs per instance or pod. */
export function gpuCount(resource: ComputeResource, catalog: Catalog): number {
  return resource.gpu?.count || instanceOf(resource, catalog)?.gpu_count || 0;
}

/** `8× H100`, `1× L4 × 3`, `8× H100 × 0–4` (a pool that starts empty): what the resource holds, for messages. */
export function describeGpus(resource: ComputeResource, catalog: Catalog): string {
  const gpu = gpuOf(resource, catalog)?.gpu_model ?? resource.gpu?.model ?? 'GPU';
  const { desired, min, max } = resource.replicas;
  const replicas = startsEmpty(resource) ? (max === null ? ' × 0+' : ` × 0–${max}`) : (desired ?? min) !== null && (desired ?? min) !== 1 ? ` × ${desired ?? min}` : '';
  return `${gpuCount(resource, catalog)}× ${gpu}${replicas}`;
}

/**
 * An inference-class GPU to serve on instead: the catalog's `inference_alternative`, or, where
 * the GPU is chosen by a node label the alternative has no value for (GKE has no L40S), the
 * largest inference-class GPU that label can select.
 */
export function inferenceAlternative(catalog: Catalog, gpu: GpuModel, label?: string): GpuModel | undefined {
  const named = gpu.inference_alternative ? catalog.findGpu(gpu.inference_alternative) : undefined;
  if (!label || (named && named.k8s_node_labels[label]?.length)) return named;
  return catalog.data.gpus
    .filter((g) => g.class === 'inference' && g.k8s_node_labels[label]?.length)
    .sort((a, b) => b.on_demand_per_gpu_hour_usd - a.on_demand_per_gpu_hour_usd)[0];
}

/**
 * A switch to another GPU that can be written in this resource's own syntax: the node label's
 * value (a node selector, a GKE accelerator type), else an instance type of the same cloud with
 * as many of the other GPU (SageMaker keeps its `ml.` prefix). Undefined when neither exists.
 */
export function gpuSwitch(
  catalog: Catalog,
  resource: ComputeResource,
  target: GpuModel,
): { anchor: Anchor; value: string; change: { gpuModel?: string; instanceType?: string } } | undefined {
  const { gpu } = resource;
  if (gpu?.anchor && gpu.label && gpu.model) {
    const value = target.k8s_node_labels[gpu.label]?.[0];
    return value ? { anchor: gpu.anchor, value, change: { gpuModel: target.gpu_model } } : undefined;
  }
  const anchor = resource.instanceType?.anchor;
  const current = instanceOf(resource, catalog);
  if (!anchor || !current || current.kind !== 'instance') return undefined;
  const sagemaker = resource.instanceType!.value.startsWith(SAGEMAKER);
  const candidate = catalog.instancesWithGpu(current.cloud, target.gpu_model).find((i) => i.gpu_count === current.gpu_count);
  if (!candidate) return undefined;
  const value = sagemaker ? `${SAGEMAKER}${candidate.instance_type}` : candidate.instance_type;
  return { anchor, value, change: { instanceType: candidate.instance_type } };
}
