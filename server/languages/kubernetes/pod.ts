import type { Anchor, PurchaseOption, ResourceField } from '../../engine/facts';
import type { Catalog } from '../../../pricing/catalog';
import type { YamlEditor } from '../yaml/edits';
import type { Node, YAMLMap, YamlReader } from '../yaml/reader';
import {
  ACCELERATOR_RESOURCES,
  CAPACITY_LABELS,
  GPU_MODEL_LABELS,
  INSTANCE_TYPE_LABELS,
  SPOT_LABEL,
  flavourOf,
  purchaseFor,
  type Flavour,
} from './labels';

/** What a pod spec says about the accelerators it runs on and how they are bought. */
export interface PodFacts {
  /** Accelerator devices per pod (0 when none). */
  gpuCount: number;
  gpuResource: string | null;
  model: { name: string | null; anchor?: Anchor; label?: string };
  instanceType: { value: string; anchor?: Anchor } | null;
  purchase: PurchaseOption;
  purchaseAnchor?: Anchor;
  spotField?: ResourceField;
  images: string[];
  /** Commands and arguments of the containers, for purpose hints. */
  commands: string[];
  hints: string[];
}

interface Selection {
  label: string;
  values: string[];
  /** The scalar holding the single value (nodeSelector), for edits. */
  node?: Node;
  negated: boolean;
  source: 'nodeSelector' | 'affinity' | 'toleration';
}

/**
 * Reads a pod spec (or a KServe predictor, which inlines one): accelerators requested per
 * pod by `containers` (init containers run one at a time, so the larger of the two sums),
 * the GPU model and capacity type its node selectors and required node affinity ask for.
 */
export function readPod(reader: YamlReader, editor: YamlEditor, catalog: Catalog, podSpec: YAMLMap, containers: YAMLMap[]): PodFacts {
  const hints: string[] = [];
  const init = reader.items(reader.get(podSpec, 'initContainers')).flatMap((c) => reader.map(c) ?? []);
  const main = sumAccelerators(reader, containers);
  const initMax = init.map((c) => sumAccelerators(reader, [c])).reduce((a, b) => (b.count > a.count ? b : a), { count: 0, resource: null as string | null });
  const gpu = initMax.count > main.count ? initMax : main;

  const selections = readSelections(reader, podSpec);
  let model: PodFacts['model'] = { name: null };
  let instanceType: PodFacts['instanceType'] = null;
  for (const s of selections) {
    if (s.negated || s.source === 'toleration') continue;
    const lookup = GPU_MODEL_LABELS[s.label];
    if (lookup) {
      const models = new Set(s.values.map((v) => (catalog.gpuForLabel(lookup, v) ?? catalog.findGpu(v))?.gpu_model ?? `?${v}`));
      if (models.size === 1 && ![...models][0].startsWith('?')) {
        model = { name: [...models][0], anchor: s.node ? reader.anchor(s.node, 'value') : undefined, label: s.label };
      } else hints.push(`${s.label} allows ${s.values.join(', ')}: GPU model not priced`);
    } else if (INSTANCE_TYPE_LABELS.includes(s.label) && s.values.length === 1) {
      instanceType = { value: s.values[0], anchor: s.node ? reader.anchor(s.node, 'value') : undefined };
      const instance = catalog.findInstance(s.values[0]);
      if (instance && !model.name) model = { name: instance.gpu_model };
    }
  }

  let purchase: PurchaseOption = 'unknown';
  let purchaseAnchor: Anchor | undefined;
  for (const s of selections.filter((x) => CAPACITY_LABELS[x.label])) {
    const option = purchaseFor(s.label, s.values, s.negated);
    if (option === 'unknown') continue;
    purchase = option;
    purchaseAnchor = s.node ? reader.anchor(s.node, 'value') : purchaseAnchor;
    if (s.source === 'toleration') hints.push(`tolerates the ${s.label} taint: may run on spot capacity`);
    if (s.source !== 'toleration') break;
  }
  if (purchase === 'unknown' && gpu.count > 0) hints.push('no capacity type selected: the node pool decides (on-demand unless it is a spot pool)');

  const flavour = flavourFrom(selections);
  return {
    gpuCount: gpu.count,
    gpuResource: gpu.resource,
    model,
    instanceType,
    purchase,
    purchaseAnchor,
    spotField: purchase === 'spot' ? undefined : spotField(reader, editor, podSpec, flavour),
    images: [...containers, ...init].flatMap((c) => reader.str(reader.get(c, 'image')) ?? []),
    commands: [...containers, ...init].flatMap((c) => [...stringsOf(reader, reader.get(c, 'command')), ...stringsOf(reader, reader.get(c, 'args'))]),
    hints,
  };
}

function stringsOf(reader: YamlReader, node: Node | undefined): string[] {
  const one = reader.str(node);
  if (one !== undefined) return [one];
  return reader.items(node).flatMap((item) => reader.str(item) ?? []);
}

/** Accelerators the containers request: limits win over requests (extended resources must match anyway). */
function sumAccelerators(reader: YamlReader, containers: YAMLMap[]): { count: number; resource: string | null } {
  let count = 0;
  let resource: string | null = null;
  for (const container of containers) {
    const limits = reader.mapAt(container, 'resources', 'limits');
    const requests = reader.mapAt(container, 'resources', 'requests');
    for (const [name, perUnit] of Object.entries(ACCELERATOR_RESOURCES)) {
      const units = reader.num(reader.get(limits, name)) ?? reader.num(reader.get(requests, name));
      if (!units) continue;
      count += units * perUnit;
      resource ??= name;
    }
  }
  return { count: Math.ceil(count), resource };
}

function readSelections(reader: YamlReader, podSpec: YAMLMap): Selection[] {
  const out: Selection[] = [];
  for (const entry of reader.entries(reader.get(podSpec, 'nodeSelector'))) {
    const value = reader.str(entry.value);
    if (value !== undefined) out.push({ label: entry.key, values: [value], node: entry.value, negated: false, source: 'nodeSelector' });
  }
  const terms = reader.items(reader.at(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
  for (const term of terms) {
    for (const expression of reader.items(reader.get(reader.map(term), 'matchExpressions'))) {
      const map = reader.map(expression);
      const label = reader.str(reader.get(map, 'key'));
      const operator = reader.str(reader.get(map, 'operator'));
      if (!label || (operator !== 'In' && operator !== 'NotIn')) continue;
      const valuesNode = reader.get(map, 'values');
      const values = reader.items(valuesNode).flatMap((v) => reader.str(v) ?? []);
      out.push({ label, values, node: values.length === 1 ? reader.items(valuesNode)[0] : undefined, negated: operator === 'NotIn', source: 'affinity' });
    }
  }
  for (const toleration of reader.items(reader.get(podSpec, 'tolerations'))) {
    const map = reader.map(toleration);
    const label = reader.str(reader.get(map, 'key'));
    const value = reader.str(reader.get(map, 'value'));
    if (label && CAPACITY_LABELS[label]) {
      const values = value !== undefined ? [value] : CAPACITY_LABELS[label].spot;
      out.push({ label, values, negated: false, source: 'toleration' });
    }
  }
  return out;
}

/** The cluster flavour the pod's own selectors show: its capacity label first, then any flavoured label. */
function flavourFrom(selections: readonly Selection[]): Flavour | undefined {
  const capacity = selections.find((s) => CAPACITY_LABELS[s.label] && s.source !== 'toleration');
  if (capacity) return CAPACITY_LABELS[capacity.label].flavour;
  for (const s of selections) {
    const flavour = flavourOf(s.label);
    if (flavour) return flavour;
  }
  return undefined;
}

/**
 * Where writing one node selector switches the pod to spot capacity on its flavour: the
 * capacity expression of a required node affinity, else the `nodeSelector` map (created when
 * the pod has none).
 */
function spotField(reader: YamlReader, editor: YamlEditor, podSpec: YAMLMap, flavour: Flavour | undefined): ResourceField | undefined {
  const label = flavour ? SPOT_LABEL[flavour] : undefined;
  if (!label) return undefined;
  const value = CAPACITY_LABELS[label].select!;
  for (const term of reader.items(reader.at(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'))) {
    const expressions = reader.get(reader.map(term), 'matchExpressions');
    const hasCapacity = reader.items(expressions).some((e) => CAPACITY_LABELS[reader.str(reader.get(reader.map(e), 'key')) ?? '']);
    const anchor = hasCapacity ? reader.anchor(expressions, 'map') : undefined;
    if (!anchor) continue;
    editor.keyedList(anchor, { keyField: 'key', valueField: 'values', extra: { operator: 'In' } });
    return { anchor, key: label, value: [value] };
  }
  const selector = reader.get(podSpec, 'nodeSelector');
  if (selector) {
    const anchor = reader.map(selector) ? reader.anchor(selector, 'map') : undefined;
    if (!anchor) return undefined;
    editor.flatMap(anchor);
    return { anchor, key: label, value };
  }
  const anchor = reader.anchor(podSpec, 'map');
  return anchor ? { anchor, key: 'nodeSelector', value: { [label]: value } } : undefined;
}
