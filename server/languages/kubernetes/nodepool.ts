import type { Anchor, PurchaseOption, ResourceField } from '../../engine/facts';
import type { Catalog, GpuInstance } from '../../../pricing/catalog';
import type { YamlEditor } from '../yaml/edits';
import type { Node, YAMLMap, YamlReader } from '../yaml/reader';
import { AWS_ACCELERATED_CATEGORY, AWS_ACCELERATED_FAMILY, GPU_MODEL_LABELS, purchaseFor } from './labels';

export interface NodePoolFacts {
  name: string;
  nameNode?: Node;
  gpu: { model: string | null; count: number; anchor?: Anchor; label?: string };
  instanceType: { value: string; anchor?: Anchor } | null;
  purchase: PurchaseOption;
  purchaseAnchor?: Anchor;
  spotField?: ResourceField;
  maxNodes: number | null;
  /** The pool's template (`spec.template`), whose labels reach its nodes. */
  template?: YAMLMap;
  hints: string[];
}

interface Requirement {
  key: string;
  operator: string;
  values: string[];
  valuesNode?: Node;
}

const CAPACITY = 'karpenter.sh/capacity-type';
const family = (type: string) => type.slice(0, type.indexOf('.'));
const size = (type: string) => type.slice(type.indexOf('.') + 1);

/**
 * A Karpenter NodePool (or v1alpha5 Provisioner) that may launch GPU or accelerator
 * instances, read from its requirements: instance types, families and categories, GPU name
 * and count, capacity type; its GPU limit bounds the nodes. Undefined when it allows none.
 */
export function readNodePool(reader: YamlReader, editor: YamlEditor, catalog: Catalog, root: YAMLMap): NodePoolFacts | undefined {
  const kind = reader.str(reader.get(root, 'kind'));
  const spec = reader.mapAt(root, 'spec');
  const template = kind === 'Provisioner' ? undefined : reader.mapAt(spec, 'template');
  const holder = kind === 'Provisioner' ? spec : reader.mapAt(template, 'spec');
  const requirementsNode = reader.get(holder, 'requirements');
  const requirements = reader.items(requirementsNode).flatMap((item): Requirement[] => {
    const map = reader.map(item);
    const key = reader.str(reader.get(map, 'key'));
    if (!map || !key) return [];
    const valuesNode = reader.get(map, 'values');
    return [{ key, operator: reader.str(reader.get(map, 'operator')) ?? 'In', values: reader.items(valuesNode).flatMap((v) => reader.str(v) ?? []), valuesNode }];
  });
  const allowed = (...keys: string[]) => requirements.find((r) => keys.includes(r.key) && r.operator === 'In')?.values;
  const hints: string[] = [];

  const types = allowed('node.kubernetes.io/instance-type');
  const families = allowed('karpenter.k8s.aws/instance-family', 'eks.amazonaws.com/instance-family');
  const sizes = allowed('karpenter.k8s.aws/instance-size', 'eks.amazonaws.com/instance-size');
  const categories = allowed('karpenter.k8s.aws/instance-category', 'eks.amazonaws.com/instance-category');
  const gpuNames = requirements.find((r) => GPU_MODEL_LABELS[r.key] && r.operator === 'In');
  const gpuCount = requirements.find((r) => /instance-gpu-count$/.test(r.key));
  const gpuMaker = requirements.find((r) => /instance-(gpu|accelerator)-manufacturer$/.test(r.key) && r.operator !== 'DoesNotExist' && r.operator !== 'NotIn');
  const limitGpus = reader.num(reader.at(spec, 'limits', 'nvidia.com/gpu')) ?? reader.num(reader.at(spec, 'limits', 'resources', 'nvidia.com/gpu'));
  const taints = reader.items(reader.get(holder, 'taints')).flatMap((t) => reader.str(reader.get(reader.map(t), 'key')) ?? []);

  const candidates = catalog.data.instances.filter(
    (i) =>
      i.cloud === 'aws' &&
      i.kind === 'instance' &&
      (!types || types.includes(i.instance_type)) &&
      (!families || families.includes(family(i.instance_type))) &&
      (!sizes || sizes.includes(size(i.instance_type))),
  );
  const acceleratedByType =
    types?.some((t) => catalog.findInstance(t) || AWS_ACCELERATED_FAMILY.test(family(t))) ||
    families?.some((f) => AWS_ACCELERATED_FAMILY.test(f)) ||
    categories?.some((c) => AWS_ACCELERATED_CATEGORY.test(c));
  const accelerated = acceleratedByType || gpuNames || gpuCount || gpuMaker || limitGpus || taints.some((t) => /nvidia\.com\/gpu|aws\.amazon\.com\/neuron|amd\.com\/gpu/.test(t));
  if (!accelerated) return undefined;

  // The GPU model: named by a requirement, or the one model all allowed catalog instances share.
  let gpu: NodePoolFacts['gpu'] = { model: null, count: 0 };
  const matching = gpuNames ? filterByGpu(catalog, candidates, gpuNames) : candidates;
  const models = new Set(matching.map((i) => i.gpu_model));
  if (gpuNames && gpuNames.values.length === 1) {
    const lookup = GPU_MODEL_LABELS[gpuNames.key];
    const model = (catalog.gpuForLabel(lookup, gpuNames.values[0]) ?? catalog.findGpu(gpuNames.values[0]))?.gpu_model ?? null;
    const valueNode = reader.items(gpuNames.valuesNode)[0];
    gpu = { model, count: 0, anchor: reader.anchor(valueNode, 'value'), label: gpuNames.key };
  } else if ((types || families || gpuNames) && models.size === 1) {
    gpu = { model: [...models][0], count: 0 };
  } else if (models.size > 1) hints.push(`allows several GPU models (${[...models].sort().join(', ')}): GPU model not priced`);
  const counts = new Set(matching.map((i) => i.gpu_count));
  gpu.count = counts.size === 1 ? [...counts][0] : (Number(gpuCount?.values[0]) || (matching.length ? Math.min(...matching.map((i) => i.gpu_count)) : 1));

  const single = types?.length === 1 ? types[0] : matching.length === 1 && (types || (families && sizes)) ? matching[0].instance_type : undefined;
  const instanceType = single
    ? { value: single, anchor: types?.length === 1 ? reader.anchor(reader.items(requirements.find((r) => r.key === 'node.kubernetes.io/instance-type')?.valuesNode)[0], 'value') : undefined }
    : null;

  const capacity = requirements.find((r) => r.key === CAPACITY);
  const purchase: PurchaseOption = capacity ? purchaseFor(CAPACITY, capacity.values, capacity.operator === 'NotIn') : 'on-demand';
  if (!capacity) hints.push('no karpenter.sh/capacity-type requirement: Karpenter launches on-demand');
  const listAnchor = reader.seq(requirementsNode) ? reader.anchor(requirementsNode, 'map') : undefined;
  if (listAnchor) editor.keyedList(listAnchor, { keyField: 'key', valueField: 'values', extra: { operator: 'In' } });
  const spotField: ResourceField | undefined = purchase !== 'spot' && listAnchor ? { anchor: listAnchor, key: CAPACITY, value: ['spot', 'on-demand'] } : undefined;

  const metadata = reader.mapAt(root, 'metadata');
  const nameNode = reader.get(metadata, 'name');
  return {
    name: reader.str(nameNode) ?? '(unnamed)',
    nameNode,
    gpu,
    instanceType,
    purchase,
    purchaseAnchor: capacity?.valuesNode ? reader.anchor(capacity.valuesNode, 'value') : undefined,
    spotField,
    maxNodes: limitGpus !== undefined && gpu.count > 0 ? Math.floor(limitGpus / gpu.count) : null,
    template,
    hints: [...hints, 'a NodePool costs what its pods use: it launches nodes on demand and removes empty ones'],
  };
}

function filterByGpu(catalog: Catalog, instances: GpuInstance[], requirement: Requirement): GpuInstance[] {
  const lookup = GPU_MODEL_LABELS[requirement.key];
  const models = new Set(requirement.values.map((v) => (catalog.gpuForLabel(lookup, v) ?? catalog.findGpu(v))?.gpu_model));
  return instances.filter((i) => models.has(i.gpu_model));
}
