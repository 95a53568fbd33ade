import * as assert from 'node:assert/strict';
import { kubernetesExtractor } from '../../../server/languages/kubernetes';
import { K8S_FILE, applyAndReparse, extractK8s, only, resources, textAt, writeField } from '../yaml/support';

// Shaped after GoogleCloudPlatform/kubernetes-engine-samples ai-ml/llm-serving-gemma (vLLM on A100 40GB).
const gkeVllm = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm-llama
spec:
  replicas: 2
  selector:
    matchLabels:
      app: llama-server
  template:
    metadata:
      labels:
        app: llama-server
        ai.gke.io/inference-server: vllm
    spec:
      containers:
      - name: inference-server
        image: vllm/vllm-openai:v0.8.5
        resources:
          requests:
            cpu: "10"
            nvidia.com/gpu : "2"
          limits:
            nvidia.com/gpu : "2"
        command: ["python3", "-m", "vllm.entrypoints.openai.api_server"]
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-tesla-a100
`;

describe('kubernetes: workloads', () => {
  it('Deployment: GPUs × replicas, the GPU model from a GKE accelerator selector, inference from the server image', () => {
    const result = extractK8s(gkeVllm);
    const fact = only(result);
    assert.equal(fact.name, 'Deployment/vllm-llama');
    assert.equal(textAt(gkeVllm, fact.nameRange), 'vllm-llama');
    assert.equal(fact.range.start, 0);
    assert.equal(fact.cloud, 'kubernetes');
    assert.equal(fact.computeKind, 'k8s-workload');
    assert.equal(fact.resourceType, 'Deployment');
    assert.deepEqual({ ...fact.gpu, anchor: undefined }, { model: 'A100-40', count: 2, anchor: undefined, label: 'cloud.google.com/gke-accelerator' });
    assert.equal(textAt(gkeVllm, fact.gpu?.anchor?.range), 'nvidia-tesla-a100');
    assert.deepEqual(fact.replicas, { desired: 2, min: null, max: null });
    assert.equal(fact.purpose.value, 'inference');
    assert.match(fact.purpose.hints[0], /vllm/);
    assert.equal(fact.purchase, 'unknown');
    assert.equal(fact.batch, false);
    assert.deepEqual(fact.autoscaling, { present: false, min: null, max: null });
    assert.deepEqual(fact.tags.own, { app: 'llama-server', 'ai.gke.io/inference-server': 'vllm' });
  });

  it('offers GKE’s spot selector, written into the nodeSelector and read back as spot', () => {
    const result = extractK8s(gkeVllm);
    const fact = only(result);
    assert.equal(fact.spotField?.key, 'cloud.google.com/gke-spot');
    const output = applyAndReparse(kubernetesExtractor, gkeVllm, writeField(result, fact.spotField), K8S_FILE);
    assert.match(output, /cloud.google.com\/gke-accelerator: nvidia-tesla-a100\n {8}cloud.google.com\/gke-spot: "true"\n$/);
    const after = only(extractK8s(output));
    assert.equal(after.purchase, 'spot');
    assert.equal(after.spotField, undefined);
  });

  it('the gpu anchor replaces the accelerator label value', () => {
    const result = extractK8s(gkeVllm);
    const output = applyAndReparse(kubernetesExtractor, gkeVllm, result.edits.replaceLiteral(only(result).gpu!.anchor!, 'nvidia-l4'), K8S_FILE);
    assert.equal(only(extractK8s(output)).gpu?.model, 'L4');
  });

  it('StatefulSet on Karpenter on-demand capacity: the spot fix replaces the selector value', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: embedder
  labels: {team: search}
spec:
  replicas: 3
  template:
    spec:
      nodeSelector:
        karpenter.sh/capacity-type: on-demand
        karpenter.k8s.aws/instance-gpu-name: l40s
      containers:
        - name: tei
          image: ghcr.io/huggingface/text-embeddings-inference:1.5
          resources:
            limits:
              nvidia.com/gpu: 1
`;
    const result = extractK8s(text);
    const fact = only(result);
    assert.equal(fact.gpu?.model, 'L40S');
    assert.equal(fact.purchase, 'on-demand');
    assert.equal(textAt(text, fact.purchaseAnchor?.range), 'on-demand');
    assert.deepEqual(fact.replicas.desired, 3);
    assert.deepEqual(fact.tags.own, { team: 'search' });
    const output = applyAndReparse(kubernetesExtractor, text, writeField(result, fact.spotField), K8S_FILE);
    assert.equal(output, text.replace('capacity-type: on-demand', 'capacity-type: spot'));
  });

  it('DaemonSet: one pod per node, count unknown', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-probe
spec:
  template:
    spec:
      containers:
      - name: probe
        image: nvcr.io/nvidia/cuda:12.4.0-base-ubuntu22.04
        resources: {limits: {nvidia.com/gpu: 1}}
`;
    const fact = only(extractK8s(text));
    assert.deepEqual(fact.replicas, { desired: null, min: null, max: null });
    assert.ok(fact.purpose.hints.some((h) => /DaemonSet/.test(h)));
  });

  it('ReplicaSet and Pod; an instance-type selector gives the instance and its GPU model', () => {
    const text = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: batch-scorer
spec:
  replicas: 4
  template:
    spec:
      containers: [{name: s, image: scorer:1, resources: {limits: {amd.com/gpu: 2}}}]
---
apiVersion: v1
kind: Pod
metadata:
  name: notebook
spec:
  nodeSelector:
    node.kubernetes.io/instance-type: g5.12xlarge
  containers:
  - name: jupyter
    image: jupyter/pytorch-notebook
    resources:
      limits:
        nvidia.com/gpu: "4"
`;
    const [replicaSet, pod] = resources(extractK8s(text));
    assert.deepEqual([replicaSet.name, replicaSet.gpu?.count, replicaSet.gpu?.model, replicaSet.replicas.desired], ['ReplicaSet/batch-scorer', 2, null, 4]);
    assert.equal(pod.name, 'Pod/notebook');
    assert.equal(pod.instanceType?.value, 'g5.12xlarge');
    assert.equal(textAt(text, pod.instanceType?.anchor?.range), 'g5.12xlarge');
    assert.deepEqual([pod.gpu?.model, pod.gpu?.count, pod.replicas.desired], ['A10G', 4, 1]);
  });

  it('Job: backoffLimit is its retry bound; a fine-tuning name says training', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  name: llama-finetune
spec:
  backoffLimit: 50
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: train
        image: registry.example.com/llm/sft:2
        command: ["accelerate", "launch", "sft.py"]
        resources:
          limits:
            nvidia.com/gpu: 8
`;
    const result = extractK8s(text);
    const fact = only(result);
    assert.equal(fact.purpose.value, 'training');
    assert.equal(fact.batch, true, 'a Job runs to completion');
    assert.equal(fact.replicas.desired, 2);
    assert.deepEqual({ ...fact.retry[0], range: undefined, anchor: undefined }, { kind: 'k8s-backoff', maxAttempts: 51, unbounded: false, range: undefined, anchor: undefined, boundKey: 'backoffLimit' });
    assert.equal(textAt(text, fact.retry[0].range), 'backoffLimit: 50');
    assert.equal(fact.retry[0].anchor?.kind, 'value');
    const output = applyAndReparse(kubernetesExtractor, text, result.edits.replaceLiteral(fact.retry[0].anchor!, 3), K8S_FILE);
    assert.equal(only(extractK8s(output)).retry[0].maxAttempts, 4);
  });

  it('CronJob: the job template’s pods, with a hint about its schedule', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-eval
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: eval
            image: eval:1
            resources: {limits: {nvidia.com/gpu: 1}}
          nodeSelector: {cloud.google.com/gke-accelerator: nvidia-l4, cloud.google.com/gke-spot: "true"}
`;
    const fact = only(extractK8s(text));
    assert.equal(fact.gpu?.model, 'L4');
    assert.equal(fact.purchase, 'spot');
    assert.equal(fact.retry[0].maxAttempts, 3);
    assert.ok(fact.purpose.hints.some((h) => h.includes('0 2 * * *')));
  });

  it('counts init containers as the larger of their GPUs and the containers’ sum; NeuronCores as devices', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: neuron}
spec:
  initContainers:
  - {name: warm, image: a, resources: {limits: {aws.amazon.com/neuroncore: 8}}}
  containers:
  - {name: a, image: a, resources: {requests: {aws.amazon.com/neuroncore: 2}}}
  - {name: b, image: b, resources: {limits: {aws.amazon.com/neuroncore: 2}}}
`;
    assert.equal(only(extractK8s(text)).gpu?.count, 4);
  });

  it('EKS accelerator labels name the model; a spot toleration counts as spot, with a hint', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: t4}
spec:
  nodeSelector:
    k8s.amazonaws.com/accelerator: nvidia-tesla-t4
  tolerations:
  - key: kubernetes.azure.com/scalesetpriority
    operator: Equal
    value: spot
    effect: NoSchedule
  containers: [{name: c, image: img, resources: {limits: {nvidia.com/gpu: 1}}}]
`;
    const fact = only(extractK8s(text));
    assert.deepEqual([fact.gpu?.model, fact.gpu?.label, fact.purchase], ['T4', 'k8s.amazonaws.com/accelerator', 'spot']);
    assert.ok(fact.purpose.hints.some((h) => /tolerates the kubernetes.azure.com\/scalesetpriority taint/.test(h)));
  });

  it('a workload without GPUs is no fact, and services beside it are ignored', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}], selector: {gpu: nvidia.com/gpu}}
`;
    assert.deepEqual(resources(extractK8s(text)), []);
  });

  it('adds missing labels to the workload and its pod template, creating the template’s metadata', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tgi
  labels:
    app: tgi
spec:
  template:
    spec:
      containers:
      - name: tgi
        image: ghcr.io/huggingface/text-generation-inference:3.0
        resources: {limits: {nvidia.com/gpu: 1}}
`;
    const result = extractK8s(text);
    const fact = only(result);
    const output = applyAndReparse(kubernetesExtractor, text, result.edits.addTags(fact.tags.anchor!, { team: 'ml' }), K8S_FILE);
    assert.equal(
      output,
      text
        .replace('    app: tgi\n', '    app: tgi\n    team: ml\n')
        .replace('spec:\n  template:\n    spec:\n', 'spec:\n  template:\n    spec:\n')
        .replace(/(        resources: \{limits: \{nvidia.com\/gpu: 1\}\}\n)$/, '$1    metadata:\n      labels:\n        team: ml\n'),
    );
    assert.deepEqual(only(extractK8s(output)).tags.own, { app: 'tgi', team: 'ml' });
  });
});
