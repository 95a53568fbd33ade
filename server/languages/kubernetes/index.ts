import * as path from 'node:path';
import type { ComputeResource, RetryPolicy } from '../../engine/facts';
import { noSyntaxEdits } from '../../engine/edits';
import type { SourceFile } from '../../engine/source-file';
import { defaultCatalog, type Catalog } from '../../../pricing/catalog';
import type { ExtractOptions, ExtractResult, Extractor } from '../extractor';
import { createYamlEditor, type YamlEditor } from '../yaml/edits';
import { parseYamlStream } from '../yaml/parse';
import { YamlReader, keyName, rangeOf, trimmedRange, type Node, type YAMLMap } from '../yaml/reader';
import { autoscalerFor, autoscalersBeside, autoscalersIn, type Autoscaler } from './autoscalers';
import { readNodePool } from './nodepool';
import { readPod } from './pod';
import { classifyPurpose } from './purpose';
import { readLabels } from './tags';
import { WORKLOAD_KINDS, readWorkload, type PodGroup, type Workload } from './workloads';

const KINDS = [...WORKLOAD_KINDS, 'NodePool', 'Provisioner'];
const KIND_LINE = new RegExp(`^[ \\t-]*kind:[ \\t]*["']?(${KINDS.join('|')})["']?[ \\t]*(#.*)?$`, 'm');
const ACCELERATOR_TEXT = /nvidia\.com\/gpu|amd\.com\/gpu|aws\.amazon\.com\/neuron|kind:[ \t]*["']?(NodePool|Provisioner)\b/;

/**
 * Go templates (Helm charts): a line that is a template action, a value that is one unquoted, or
 * an action on Helm's objects and functions anywhere (`llm-{{ .Release.Name }}`). A bare
 * `{{.Name}}` inside a quoted string is an application's own placeholder, not Helm.
 */
const TEMPLATE_TEXT =
  /^[ \t]*\{\{|^[^#'"\n]*:[ \t]+\{\{[^}\n]*\}\}[ \t]*$|^[ \t]*-[ \t]+\{\{|\{\{-?\s*(\.Values|\.Release|\.Chart|\.Files|\.Capabilities|\.Template|include|template|toYaml|tpl|if|else|end|range|with|default|quote|printf)\b/m;

export const kubernetesExtractor: Extractor = {
  id: 'kubernetes',
  comments: { line: '#' },
  handlesPath: (file) => /\.ya?ml$/i.test(file),
  mightContainFacts: ({ text }) => /^[ \t-]*apiVersion:/m.test(text) && KIND_LINE.test(text) && ACCELERATOR_TEXT.test(text),
  extract: extractKubernetes,
};

export function extractKubernetes(file: SourceFile, options: ExtractOptions): ExtractResult {
  if (TEMPLATE_TEXT.test(file.text)) {
    return { facts: [], comments: [], errors: [], edits: noSyntaxEdits, notes: [`${path.basename(file.path)} is a Helm/Go template: skipped (lint the output of \`helm template\` instead)`] };
  }
  const stream = parseYamlStream(file.text);
  const editor = createYamlEditor(stream, { json: false });
  const catalog = defaultCatalog();
  const facts: ComputeResource[] = [];
  const notes: string[] = [];
  const errors = stream.documents.flatMap((d) => d.errors);
  const objects: { reader: YamlReader; root: YAMLMap }[] = [];

  for (const document of stream.documents) {
    if (document.rejected) continue;
    const reader = new YamlReader(document.doc);
    const root = reader.map(document.doc.contents);
    if (!root) continue;
    const kind = reader.str(reader.get(root, 'kind'));
    if (!kind || !reader.get(root, 'apiVersion')) {
      if (document.doc.contents) notes.push(`document ${document.index + 1} is not a Kubernetes object: skipped`);
      continue;
    }
    const items = kind === 'List' ? reader.items(reader.get(root, 'items')).flatMap((i) => reader.map(i) ?? []) : [root];
    for (const item of items) objects.push({ reader, root: item });
  }

  const autoscalers = [
    ...autoscalersIn(stream, path.basename(file.path), true),
    ...autoscalersBeside(file.path, options.project),
  ];
  for (const { reader, root } of objects) {
    const kind = reader.str(reader.get(root, 'kind'));
    if (kind === 'NodePool' || kind === 'Provisioner') {
      const pool = nodePoolFact(reader, editor, catalog, root, kind, file.text);
      if (pool) facts.push(pool);
      continue;
    }
    const workload = readWorkload(reader, root);
    if (workload) facts.push(...workloadFacts(reader, editor, catalog, workload, autoscalers, file.text));
  }
  return { facts: facts.sort((a, b) => a.range.start - b.range.start), comments: stream.comments, errors, edits: editor, notes };
}

function workloadFacts(reader: YamlReader, editor: YamlEditor, catalog: Catalog, workload: Workload, autoscalers: Autoscaler[], text: string): ComputeResource[] {
  const facts: ComputeResource[] = [];
  const scaler = autoscalerFor(autoscalers, workload.kind, workload.name, workload.namespace);
  for (const group of workload.groups) {
    const pod = readPod(reader, editor, catalog, group.podSpec, group.containers);
    if (pod.gpuCount <= 0) continue;
    const labels = readLabels(reader, editor, workload, group.template);
    const purpose = classifyPurpose({
      kind: workload.kind,
      names: [workload.name, ...(group.group ? [group.group] : [])],
      labels: labels.own,
      images: pod.images,
      commands: [...workload.commands, ...pod.commands],
    });
    const hints = [...purpose.hints, ...workload.hints, ...group.hints, ...pod.hints];
    const nameNode = group.groupNode ?? workload.nameNode ?? (reader.pair(workload.root, 'kind')?.value as Node | undefined);
    const autoscaling = autoscalingOf(reader, group, scaler, hints);
    facts.push({
      kind: 'ComputeResource',
      range: trimmedRange(group.holder === workload.root ? workload.root : group.holder, text) ?? { start: 0, end: 0 },
      nameRange: rangeOf(nameNode) ?? rangeOf(workload.root)!,
      name: [workload.kind, workload.name, ...(group.group ? [group.group] : [])].join('/'),
      cloud: 'kubernetes',
      computeKind: 'k8s-workload',
      resourceType: workload.kind,
      instanceType: pod.instanceType,
      gpu: { model: pod.model.name, count: pod.gpuCount, ...(pod.model.anchor ? { anchor: pod.model.anchor } : {}), ...(pod.model.label ? { label: pod.model.label } : {}) },
      batch: workload.batch,
      replicas: group.replicas,
      purchase: pod.purchase,
      purchaseAnchor: pod.purchaseAnchor,
      autoscaling,
      purpose: { value: purpose.value, hints },
      spotField: pod.spotField,
      autoscalingField: group.autoscalingField,
      tags: { own: labels.own, inherited: {}, anchor: labels.anchor, ...(labels.places ? { places: labels.places } : {}) },
      retry: facts.length === 0 ? backoffRetry(reader, workload) : [],
    });
  }
  return facts;
}

/** Built-in scaling (KServe, KubeRay), else an HPA/KEDA ScaledObject that targets the workload. */
function autoscalingOf(reader: YamlReader, group: PodGroup, scaler: Autoscaler | undefined, hints: string[]): ComputeResource['autoscaling'] {
  if (group.autoscaling) {
    const { present, min, max, holder } = group.autoscaling;
    return { present, min, max, anchor: holder ? reader.anchor(holder, 'map') : undefined };
  }
  if (scaler) {
    hints.push(`scaled by ${scaler.kind} in ${scaler.where}`);
    return { present: true, min: scaler.min, max: scaler.max, anchor: scaler.anchor };
  }
  return { present: false, min: null, max: null };
}

/** A Job's `backoffLimit`: each retry reruns the pod on its GPUs. */
function backoffRetry(reader: YamlReader, workload: Workload): RetryPolicy[] {
  const backoff = workload.backoff;
  if (!backoff) return [];
  const pair = backoff.holder.items.find((p) => keyName(p.key) === 'backoffLimit');
  const start = rangeOf(pair?.key)?.start ?? rangeOf(backoff.value)!.start;
  return [
    {
      kind: 'k8s-backoff',
      maxAttempts: backoff.limit + 1,
      unbounded: false,
      range: { start, end: rangeOf(backoff.value)!.end },
      anchor: reader.anchor(backoff.value, 'value'),
      boundKey: 'backoffLimit',
    },
  ];
}

function nodePoolFact(reader: YamlReader, editor: YamlEditor, catalog: Catalog, root: YAMLMap, kind: string, text: string): ComputeResource | undefined {
  const pool = readNodePool(reader, editor, catalog, root);
  if (!pool) return undefined;
  const metadata = reader.mapAt(root, 'metadata');
  const labels = readLabels(reader, editor, { root, metadata }, pool.template);
  const purpose = classifyPurpose({ kind, names: [pool.name], labels: labels.own, images: [], commands: [] });
  return {
    kind: 'ComputeResource',
    range: trimmedRange(root, text) ?? { start: 0, end: 0 },
    nameRange: rangeOf(pool.nameNode) ?? rangeOf(root)!,
    name: `${kind}/${pool.name}`,
    cloud: 'aws',
    computeKind: 'karpenter-nodepool',
    resourceType: kind,
    instanceType: pool.instanceType,
    gpu: pool.gpu,
    replicas: { desired: null, min: 0, max: pool.maxNodes },
    purchase: pool.purchase,
    purchaseAnchor: pool.purchaseAnchor,
    autoscaling: { present: true, min: 0, max: pool.maxNodes },
    purpose: { value: purpose.value, hints: [...purpose.hints, ...pool.hints] },
    spotField: pool.spotField,
    tags: { own: labels.own, inherited: {}, anchor: labels.anchor },
    retry: [],
  };
}
