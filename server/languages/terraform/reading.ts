import type { Anchor, Cloud, ComputeKind, ComputeResource, PurchaseOption, Range, ResourceField } from '../../engine/facts';
import type { Catalog } from '../../../pricing/catalog';
import type { Evaluator, Frame } from './evaluate';
import type { TerraformModule } from './module';
import { classifyPurpose, type PurposeInput } from './purpose';
import type { HBlock } from './syntax';
import type { TagStyle } from './edits';

/** What a resource reader found, before the catalog says whether it has GPUs. */
export interface Reading {
  resourceType: string;
  cloud: Cloud;
  computeKind: ComputeKind;
  name: string;
  range: Range;
  nameRange: Range;
  instanceType: { value: string; anchor?: Anchor } | null;
  /** The catalog's name for the machine when it differs (`ml.g5.xlarge` runs on a `g5.xlarge`). */
  catalogType?: string;
  /** Declared accelerators (GCP `guest_accelerator`): type as written, count per machine. */
  accelerators: { type: string; count: number; anchor?: Anchor }[];
  replicas: ComputeResource['replicas'];
  purchase: PurchaseOption;
  purchaseAnchor?: Anchor;
  autoscaling: ComputeResource['autoscaling'];
  purpose: PurposeInput;
  spotField?: ResourceField;
  autoscalingField?: ResourceField;
  tags: ComputeResource['tags'];
}

export interface ReadContext {
  module: TerraformModule;
  evaluator: Evaluator;
  catalog: Catalog;
  notes: string[];
  /** How to add tags at an anchor that is a block without a tag map yet (read by the edits). */
  tagStyles: Map<string, TagStyle>;
}

/** One instance of a resource block: `count`/`for_each` either multiply it or, when the body uses `each`, split it. */
export interface Instance {
  block: HBlock;
  type: string;
  address: string;
  frame: Frame;
  multiplier: number;
}

export const rangeKey = (range: Range): string => `${range.start}:${range.end}`;

/** Machine types carrying GCP accelerators that attach to any N1 machine: only there can a fix swap the accelerator type alone. */
const SWAPPABLE_ACCELERATOR_MACHINE = /^n1-/;
const GKE_ACCELERATOR_LABEL = 'cloud.google.com/gke-accelerator';

/** The fact for a reading, or null when the catalog finds no GPU or accelerator on it. */
export function toFact(reading: Reading, catalog: Catalog, multiplier = 1): ComputeResource | null {
  const gpu = gpuOf(reading, catalog);
  if (!gpu) return null;
  const scale = (n: number | null) => (n === null ? null : n * multiplier);
  return {
    kind: 'ComputeResource',
    range: reading.range,
    nameRange: reading.nameRange,
    name: reading.name,
    cloud: reading.cloud,
    computeKind: reading.computeKind,
    resourceType: reading.resourceType,
    instanceType: reading.instanceType,
    gpu,
    replicas: { desired: scale(reading.replicas.desired), min: scale(reading.replicas.min), max: scale(reading.replicas.max) },
    purchase: reading.purchase,
    purchaseAnchor: reading.purchaseAnchor,
    autoscaling: { ...reading.autoscaling, min: scale(reading.autoscaling.min), max: scale(reading.autoscaling.max) },
    purpose: classifyPurpose(reading.purpose),
    spotField: reading.spotField,
    autoscalingField: reading.autoscalingField,
    tags: reading.tags,
    retry: [],
  };
}

function gpuOf(reading: Reading, catalog: Catalog): ComputeResource['gpu'] {
  const declared = reading.accelerators.filter((a) => a.count > 0);
  if (declared.length) {
    const first = declared[0];
    const type = first.type.slice(first.type.lastIndexOf('/') + 1);
    const model = catalog.findGpu(type)?.gpu_model ?? catalog.findInstance(`accelerator:${type}`)?.gpu_model ?? null;
    const swappable = SWAPPABLE_ACCELERATOR_MACHINE.test(reading.instanceType?.value ?? '');
    return {
      model,
      count: declared.filter((a) => a.type === first.type).reduce((sum, a) => sum + a.count, 0),
      anchor: first.anchor,
      label: swappable && first.anchor ? GKE_ACCELERATOR_LABEL : undefined,
    };
  }
  const type = reading.catalogType ?? reading.instanceType?.value;
  const row = type ? catalog.findInstance(type) : undefined;
  if (!row || row.kind !== 'instance' || row.gpu_count <= 0) return null;
  return { model: catalog.findGpu(row.gpu_model)?.gpu_model ?? row.gpu_model, count: row.gpu_count };
}
