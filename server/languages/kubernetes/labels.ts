import type { Value } from '../../engine/edits';
import type { PurchaseOption } from '../../engine/facts';

/** Extended resources that are accelerators, and how many devices one unit is. */
export const ACCELERATOR_RESOURCES: Record<string, number> = {
  'nvidia.com/gpu': 1,
  'amd.com/gpu': 1,
  'aws.amazon.com/neuron': 1,
  'aws.amazon.com/neurondevice': 1,
  // Inferentia2 and Trainium devices have two NeuronCores each.
  'aws.amazon.com/neuroncore': 0.5,
};

/** Node labels whose value names a GPU model. EKS Auto Mode's labels mirror Karpenter's. */
export const GPU_MODEL_LABELS: Record<string, string> = {
  'cloud.google.com/gke-accelerator': 'cloud.google.com/gke-accelerator',
  'karpenter.k8s.aws/instance-gpu-name': 'karpenter.k8s.aws/instance-gpu-name',
  'eks.amazonaws.com/instance-gpu-name': 'karpenter.k8s.aws/instance-gpu-name',
  'nvidia.com/gpu.product': 'nvidia.com/gpu.product',
  'k8s.amazonaws.com/accelerator': 'k8s.amazonaws.com/accelerator',
  'karpenter.k8s.aws/instance-accelerator-name': 'karpenter.k8s.aws/instance-accelerator-name',
};

/** Node labels whose value is a cloud instance type. */
export const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];

export type Flavour = 'karpenter' | 'gke' | 'eks' | 'aks';

interface CapacityLabel {
  flavour: Flavour;
  /** Values (lower case) that select spot / preemptible capacity. */
  spot: string[];
  onDemand: string[];
  reserved?: string[];
  /** What to write to select spot, when selecting by node label alone is enough on this flavour. */
  select?: Value;
}

/** Node labels that tell the capacity type, per cluster flavour. */
export const CAPACITY_LABELS: Record<string, CapacityLabel> = {
  'karpenter.sh/capacity-type': { flavour: 'karpenter', spot: ['spot'], onDemand: ['on-demand'], reserved: ['reserved'], select: 'spot' },
  'eks.amazonaws.com/capacityType': { flavour: 'eks', spot: ['spot'], onDemand: ['on_demand'], reserved: ['capacity_block'], select: 'SPOT' },
  'cloud.google.com/gke-spot': { flavour: 'gke', spot: ['true'], onDemand: ['false'], select: 'true' },
  'cloud.google.com/gke-preemptible': { flavour: 'gke', spot: ['true'], onDemand: ['false'] },
  // AKS taints spot nodes, so a selector alone would leave pods pending: no spot fix there.
  'kubernetes.azure.com/scalesetpriority': { flavour: 'aks', spot: ['spot'], onDemand: ['regular'] },
};

/** The label each flavour uses to ask for spot capacity. */
export const SPOT_LABEL: Partial<Record<Flavour, string>> = {
  karpenter: 'karpenter.sh/capacity-type',
  gke: 'cloud.google.com/gke-spot',
  eks: 'eks.amazonaws.com/capacityType',
};

/** The cluster flavour a node label belongs to, when it belongs to one. */
export function flavourOf(label: string): Flavour | undefined {
  if (label.startsWith('karpenter.')) return 'karpenter';
  if (label.startsWith('cloud.google.com/')) return 'gke';
  if (label.startsWith('eks.amazonaws.com/') || label.startsWith('k8s.amazonaws.com/')) return 'eks';
  if (label.startsWith('kubernetes.azure.com/')) return 'aks';
  return undefined;
}

/** The purchase option a set of allowed capacity-label values means (Karpenter prefers spot when both are allowed). */
export function purchaseFor(label: string, values: readonly string[], negated = false): PurchaseOption {
  const spec = CAPACITY_LABELS[label];
  if (!spec || !values.length) return 'unknown';
  const lower = values.map((v) => v.toLowerCase());
  const isSpot = lower.some((v) => spec.spot.includes(v));
  if (negated) return isSpot ? 'on-demand' : 'unknown';
  if (isSpot) return 'spot';
  if (lower.some((v) => spec.reserved?.includes(v))) return 'reserved';
  if (lower.some((v) => spec.onDemand.includes(v))) return 'on-demand';
  return 'unknown';
}

/** AWS instance families with GPUs or AI accelerators (checked before the catalog, which lists fewer). */
export const AWS_ACCELERATED_FAMILY = /^(p\d+[a-z]*|g\d+[a-z]*|inf\d+[a-z]*|trn\d+[a-z]*|dl\d+[a-z]*)$/;
export const AWS_ACCELERATED_CATEGORY = /^(p|g|inf|trn|dl)$/;
