import type { ResourceField } from '../../engine/facts';
import type { Node, YAMLMap, YamlReader } from '../yaml/reader';

/** One pod template of a workload: a Deployment has one, a RayCluster one per group, a PyTorchJob one per replica type. */
export interface PodGroup {
  /** The group's own name (`gpu-group`, `Worker`, `head`), null for a workload with one template. */
  group: string | null;
  /** The node naming the group, to report on. */
  groupNode?: Node;
  /** The map that holds the group (its range is the fact's range). */
  holder: YAMLMap;
  podSpec: YAMLMap;
  containers: YAMLMap[];
  /** The pod template (`template:` map) whose `metadata.labels` label the pods; undefined when the pods take the object's labels. */
  template?: YAMLMap;
  replicas: { desired: number | null; min: number | null; max: number | null };
  /** Autoscaling the kind has built in (KServe, KubeRay); HPA/KEDA are matched later. */
  autoscaling?: { present: boolean; min: number | null; max: number | null; holder?: YAMLMap };
  autoscalingField?: ResourceField;
  hints: string[];
}

export interface BackoffLimit {
  /** The map holding `backoffLimit`. */
  holder: YAMLMap;
  value: Node;
  limit: number;
}

export interface Workload {
  kind: string;
  apiVersion: string;
  name: string;
  nameNode?: Node;
  root: YAMLMap;
  metadata?: YAMLMap;
  namespace: string | null;
  groups: PodGroup[];
  backoff?: BackoffLimit;
  /** Runs to completion (Jobs, training jobs, a RayJob, a Pod that is not restarted) rather than serving. */
  batch: boolean;
  /** Commands the object itself runs (a RayJob's entrypoint), for purpose hints. */
  commands: string[];
  hints: string[];
}

/** Kinds with a pod template at `spec.template`, and where their replica count is. */
const TEMPLATED: Record<string, { replicas: string | null; hint?: string }> = {
  Deployment: { replicas: 'replicas' },
  StatefulSet: { replicas: 'replicas' },
  ReplicaSet: { replicas: 'replicas' },
  DaemonSet: { replicas: null, hint: 'DaemonSet: one pod per matching node; priced as one' },
  Job: { replicas: 'parallelism', hint: 'Job: runs until done; set costlint-usage monthly_hours for its real hours' },
};

const BATCH_KINDS = new Set(['Job', 'CronJob', 'PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob', 'RayJob']);

export const WORKLOAD_KINDS = [
  'Pod', ...Object.keys(TEMPLATED), 'CronJob', 'PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob',
  'RayCluster', 'RayService', 'RayJob', 'InferenceService',
];

/** Reads the pod templates of a Kubernetes object, or undefined when its kind runs no pods we price. */
export function readWorkload(reader: YamlReader, root: YAMLMap): Workload | undefined {
  const kind = reader.str(reader.get(root, 'kind'));
  if (!kind || !WORKLOAD_KINDS.includes(kind)) return undefined;
  const metadata = reader.mapAt(root, 'metadata');
  const nameNode = reader.get(metadata, 'name') ?? reader.get(metadata, 'generateName');
  const workload: Workload = {
    kind,
    apiVersion: reader.str(reader.get(root, 'apiVersion')) ?? '',
    name: reader.str(nameNode) ?? '(unnamed)',
    nameNode,
    root,
    metadata,
    namespace: reader.str(reader.get(metadata, 'namespace')) ?? null,
    groups: [],
    batch: BATCH_KINDS.has(kind),
    commands: [],
    hints: [],
  };
  const spec = reader.mapAt(root, 'spec');
  if (!spec) return workload;
  const template = (holder: YAMLMap, at: YAMLMap | undefined, replicas: PodGroup['replicas'], group: string | null = null, groupNode?: Node): void => {
    const podSpec = reader.mapAt(at, 'spec');
    if (!at || !podSpec) return;
    workload.groups.push({ group, groupNode, holder, podSpec, containers: containersOf(reader, podSpec), template: at, replicas, hints: [] });
  };

  if (kind === 'Pod') {
    workload.batch = /^(Never|OnFailure)$/.test(reader.str(reader.get(spec, 'restartPolicy')) ?? '');
    workload.groups.push({ group: null, holder: root, podSpec: spec, containers: containersOf(reader, spec), replicas: fixed(1), hints: [] });
  } else if (TEMPLATED[kind]) {
    const { replicas, hint } = TEMPLATED[kind];
    template(root, reader.mapAt(spec, 'template'), replicas ? fixed(reader.num(reader.get(spec, replicas)) ?? 1) : { desired: null, min: null, max: null });
    if (hint) workload.hints.push(hint);
    if (kind === 'Job') workload.backoff = backoff(reader, spec);
  } else if (kind === 'CronJob') {
    const jobSpec = reader.mapAt(spec, 'jobTemplate', 'spec');
    template(root, reader.mapAt(jobSpec, 'template'), fixed(reader.num(reader.get(jobSpec, 'parallelism')) ?? 1));
    workload.hints.push(`CronJob on schedule "${reader.str(reader.get(spec, 'schedule')) ?? '?'}": set costlint-usage monthly_hours for its real hours`);
    if (jobSpec) workload.backoff = backoff(reader, jobSpec);
  } else if (kind === 'RayCluster' || kind === 'RayService' || kind === 'RayJob') {
    const cluster = kind === 'RayCluster' ? spec : reader.mapAt(spec, kind === 'RayService' ? 'rayClusterConfig' : 'rayClusterSpec');
    if (cluster) readRayCluster(reader, cluster, workload);
    if (kind === 'RayJob') {
      workload.backoff = backoff(reader, spec);
      workload.commands.push(reader.str(reader.get(spec, 'entrypoint')) ?? '');
    }
  } else if (kind === 'InferenceService') {
    readInferenceService(reader, root, spec, workload);
  } else {
    readReplicaSpecs(reader, spec, workload);
  }
  return workload;
}

const fixed = (n: number): PodGroup['replicas'] => ({ desired: n, min: null, max: null });

function containersOf(reader: YamlReader, podSpec: YAMLMap): YAMLMap[] {
  return reader.items(reader.get(podSpec, 'containers')).flatMap((c) => reader.map(c) ?? []);
}

function backoff(reader: YamlReader, holder: YAMLMap): BackoffLimit | undefined {
  const value = reader.get(holder, 'backoffLimit');
  const limit = reader.num(value);
  return value && limit !== undefined ? { holder, value, limit } : undefined;
}

/** Kubeflow training jobs: `spec.<framework>ReplicaSpecs.<Type>` (Master, Worker, Chief, PS, Launcher…). */
function readReplicaSpecs(reader: YamlReader, spec: YAMLMap, workload: Workload): void {
  for (const entry of reader.entries(spec)) {
    if (!entry.key.endsWith('ReplicaSpecs')) continue;
    for (const replica of reader.entries(entry.value)) {
      const holder = reader.map(replica.value);
      const at = reader.mapAt(holder, 'template');
      const podSpec = reader.mapAt(at, 'spec');
      if (!holder || !at || !podSpec) continue;
      const replicas = fixed(reader.num(reader.get(holder, 'replicas')) ?? 1);
      workload.groups.push({ group: replica.key, groupNode: replica.keyNode, holder, podSpec, containers: containersOf(reader, podSpec), template: at, replicas, hints: [] });
    }
  }
  const elastic = reader.mapAt(spec, 'elasticPolicy');
  const worker = workload.groups.find((g) => g.group === 'Worker');
  if (elastic && worker) {
    const min = reader.num(reader.get(elastic, 'minReplicas')) ?? null;
    const max = reader.num(reader.get(elastic, 'maxReplicas')) ?? null;
    worker.autoscaling = { present: max !== null && (min === null || max > min), min, max, holder: elastic };
  }
  workload.backoff = backoff(reader, reader.mapAt(spec, 'runPolicy') ?? spec) ?? backoff(reader, spec);
}

/** KubeRay: a head group and worker groups; workers scale between min and max when the in-tree autoscaler is on. */
function readRayCluster(reader: YamlReader, cluster: YAMLMap, workload: Workload): void {
  const head = reader.mapAt(cluster, 'headGroupSpec');
  const headTemplate = reader.mapAt(head, 'template');
  const headSpec = reader.mapAt(headTemplate, 'spec');
  if (head && headTemplate && headSpec) {
    const pair = reader.pair(cluster, 'headGroupSpec');
    workload.groups.push({ group: 'head', groupNode: pair?.key as Node | undefined, holder: head, podSpec: headSpec, containers: containersOf(reader, headSpec), template: headTemplate, replicas: fixed(1), hints: [] });
  }
  const autoscalerOn = reader.bool(reader.get(cluster, 'enableInTreeAutoscaling')) === true;
  for (const item of reader.items(reader.get(cluster, 'workerGroupSpecs'))) {
    const holder = reader.map(item);
    const at = reader.mapAt(holder, 'template');
    const podSpec = reader.mapAt(at, 'spec');
    if (!holder || !at || !podSpec) continue;
    const groupNode = reader.get(holder, 'groupName');
    const min = reader.num(reader.get(holder, 'minReplicas')) ?? null;
    const max = reader.num(reader.get(holder, 'maxReplicas')) ?? null;
    const group: PodGroup = {
      group: reader.str(groupNode) ?? 'workers',
      groupNode,
      holder,
      podSpec,
      containers: containersOf(reader, podSpec),
      template: at,
      replicas: { desired: reader.num(reader.get(holder, 'replicas')) ?? null, min, max },
      autoscaling: { present: autoscalerOn && (max === null || max > (min ?? 0)), min, max, holder },
      hints: autoscalerOn ? [] : ['enableInTreeAutoscaling is off: the group stays at its replicas'],
    };
    const anchor = autoscalerOn ? reader.anchor(holder, 'map') : reader.anchor(cluster, 'map');
    if (anchor && !autoscalerOn) group.autoscalingField = { anchor, key: 'enableInTreeAutoscaling', value: true };
    else if (anchor && (min ?? 0) > 0) group.autoscalingField = { anchor, key: 'minReplicas', value: 0 };
    workload.groups.push(group);
  }
}

/**
 * KServe: the predictor (and a transformer, if it asks for GPUs) inlines a pod spec; its model
 * container is `model:`, a framework key (`huggingface:`, `pytorch:`…) or `containers:`.
 * Serverless mode always autoscales (min 1 unless set) and can scale to zero.
 */
function readInferenceService(reader: YamlReader, root: YAMLMap, spec: YAMLMap, workload: Workload): void {
  const raw = /RawDeployment|Standard/i.test(reader.str(reader.at(root, 'metadata', 'annotations', 'serving.kserve.io/deploymentMode')) ?? '');
  for (const component of ['predictor', 'transformer']) {
    const pair = reader.pair(spec, component);
    const holder = reader.map(pair?.value);
    if (!holder) continue;
    const containers = containersOf(reader, holder);
    for (const entry of reader.entries(holder)) {
      const map = reader.map(entry.value);
      if (map && entry.key !== 'containers' && (reader.get(map, 'resources') || reader.get(map, 'storageUri') || reader.get(map, 'modelFormat'))) containers.push(map);
    }
    const min = reader.num(reader.get(holder, 'minReplicas')) ?? 1;
    const max = reader.num(reader.get(holder, 'maxReplicas')) ?? null;
    const anchor = reader.anchor(holder, 'map');
    workload.groups.push({
      group: component === 'predictor' ? null : component,
      groupNode: component === 'predictor' ? undefined : (pair?.key as Node | undefined),
      holder,
      podSpec: holder,
      containers,
      replicas: { desired: null, min, max },
      autoscaling: { present: max === null || max > min, min, max, holder },
      autoscalingField: !raw && min > 0 && anchor ? { anchor, key: 'minReplicas', value: 0 } : undefined,
      hints: raw ? ['RawDeployment mode: scales with an HPA, not to zero'] : [],
    });
  }
}
