import * as assert from 'node:assert/strict';
import { kubernetesExtractor } from '../../../server/languages/kubernetes';
import { K8S_FILE, applyAndReparse, extractK8s, only, resources, textAt, writeField } from '../yaml/support';

// Shaped after kubeflow/training-operator examples (PyTorchJob with Master and Worker replicas).
const pytorchJob = `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: bert-pretrain
spec:
  runPolicy:
    backoffLimit: 20
  pytorchReplicaSpecs:
    Master:
      replicas: 1
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: example.com/bert-train:1
              resources:
                limits:
                  nvidia.com/gpu: 8
          nodeSelector:
            node.kubernetes.io/instance-type: p4d.24xlarge
    Worker:
      replicas: 3
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: example.com/bert-train:1
              resources:
                limits:
                  nvidia.com/gpu: 8
          nodeSelector:
            node.kubernetes.io/instance-type: p4d.24xlarge
`;

// Shaped after ray-project/kuberay ray-operator/config/samples/vllm/ray-service.vllm.yaml.
const rayService = `apiVersion: ray.io/v1
kind: RayService
metadata:
  name: llama-3-8b
spec:
  serveConfigV2: |
    applications:
    - name: llm
      import_path: serve:model
  rayClusterConfig:
    headGroupSpec:
      rayStartParams:
        dashboard-host: '0.0.0.0'
      template:
        spec:
          containers:
          - name: ray-head
            image: rayproject/ray-ml:2.33.0-py311
            resources:
              limits: {cpu: "2", memory: "8Gi"}
    workerGroupSpecs:
    - replicas: 1
      minReplicas: 0
      maxReplicas: 4
      groupName: gpu-group
      rayStartParams: {}
      template:
        spec:
          containers:
          - name: llm
            image: rayproject/ray-ml:2.33.0-py311
            resources:
              limits:
                nvidia.com/gpu: "2"
          tolerations:
            - key: "nvidia.com/gpu"
              operator: "Exists"
              effect: "NoSchedule"
`;

describe('kubernetes: operators', () => {
  it('PyTorchJob: one fact per replica type, training by kind, the backoff limit on the first', () => {
    const [master, worker] = resources(extractK8s(pytorchJob));
    assert.deepEqual([master.name, worker.name], ['PyTorchJob/bert-pretrain/Master', 'PyTorchJob/bert-pretrain/Worker']);
    assert.equal(textAt(pytorchJob, worker.nameRange), 'Worker');
    assert.deepEqual([worker.gpu?.model, worker.gpu?.count, worker.replicas.desired, worker.instanceType?.value], ['A100-40', 8, 3, 'p4d.24xlarge']);
    assert.equal(worker.purpose.value, 'training');
    assert.equal(worker.batch, true);
    assert.equal(master.retry[0].maxAttempts, 21);
    assert.deepEqual(worker.retry, []);
    assert.equal(textAt(pytorchJob, worker.range)!.split('\n')[0], 'replicas: 3');
  });

  it('TFJob with an elastic-free Chief and PS: only replica types with GPUs are facts', () => {
    const text = `apiVersion: kubeflow.org/v1
kind: TFJob
metadata: {name: mnist}
spec:
  tfReplicaSpecs:
    PS:
      replicas: 2
      template: {spec: {containers: [{name: tensorflow, image: tf:2}]}}
    Worker:
      replicas: 4
      template:
        spec:
          containers: [{name: tensorflow, image: tf:2, resources: {limits: {nvidia.com/gpu: 1}}}]
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - key: nvidia.com/gpu.product
                    operator: In
                    values: [Tesla-T4]
`;
    const fact = only(extractK8s(text));
    assert.deepEqual([fact.name, fact.gpu?.model, fact.replicas.desired, fact.purpose.value], ['TFJob/mnist/Worker', 'T4', 4, 'training']);
  });

  it('RayService: worker groups with GPUs, their replica bounds, and an autoscaler switch that lets them reach zero', () => {
    const result = extractK8s(rayService);
    const fact = only(result);
    assert.equal(fact.name, 'RayService/llama-3-8b/gpu-group');
    assert.equal(textAt(rayService, fact.nameRange), 'gpu-group');
    assert.deepEqual(fact.replicas, { desired: 1, min: 0, max: 4 });
    assert.equal(fact.gpu?.count, 2);
    assert.equal(fact.gpu?.model, null);
    assert.equal(fact.purpose.value, 'inference');
    assert.equal(fact.batch, false);
    assert.equal(fact.autoscaling.present, false);
    assert.deepEqual({ key: fact.autoscalingField?.key, value: fact.autoscalingField?.value }, { key: 'enableInTreeAutoscaling', value: true });
    const output = applyAndReparse(kubernetesExtractor, rayService, writeField(result, fact.autoscalingField), K8S_FILE);
    assert.match(output, /tolerations:[\s\S]*effect: "NoSchedule"\n {4}enableInTreeAutoscaling: true\n$/);
    const after = only(extractK8s(output));
    assert.deepEqual(after.autoscaling.present, true);
    assert.equal(after.autoscalingField, undefined, 'min is already 0');
  });

  it('RayCluster with the autoscaler on and minReplicas above zero: the field lowers the minimum', () => {
    const text = `apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: batch
spec:
  enableInTreeAutoscaling: true
  headGroupSpec:
    template:
      spec:
        containers: [{name: head, image: rayproject/ray:2.46.0, resources: {limits: {nvidia.com/gpu: 1}}}]
  workerGroupSpecs:
  - groupName: a10
    replicas: 2
    minReplicas: 2
    maxReplicas: 8
    template:
      spec:
        containers: [{name: w, image: rayproject/ray:2.46.0, resources: {limits: {nvidia.com/gpu: 1}}}]
        nodeSelector: {karpenter.k8s.aws/instance-gpu-name: a10g}
`;
    const result = extractK8s(text);
    const [head, worker] = resources(result);
    assert.equal(head.name, 'RayCluster/batch/head');
    assert.equal(textAt(text, head.nameRange), 'headGroupSpec');
    assert.deepEqual(head.replicas.desired, 1);
    assert.deepEqual([worker.gpu?.model, worker.autoscaling.present, worker.autoscaling.min, worker.autoscaling.max], ['A10G', true, 2, 8]);
    const output = applyAndReparse(kubernetesExtractor, text, writeField(result, worker.autoscalingField), K8S_FILE);
    assert.match(output, /minReplicas: 0\n/);
  });

  it('RayJob: a training entrypoint says training', () => {
    const text = `apiVersion: ray.io/v1
kind: RayJob
metadata:
  generateName: text-classifier-
spec:
  entrypoint: python fine-tune-text-classifier.py
  backoffLimit: 1
  rayClusterSpec:
    headGroupSpec:
      template:
        spec:
          containers:
          - name: ray-head
            image: rayproject/ray-ml:2.46.0-py311-gpu
            resources:
              limits: {nvidia.com/gpu: "1"}
`;
    const fact = only(extractK8s(text));
    assert.deepEqual([fact.name, fact.purpose.value, fact.retry[0]?.maxAttempts], ['RayJob/text-classifier-/head', 'training', 2]);
  });

  describe('KServe InferenceService', () => {
    // Shaped after KServe huggingface/vLLM samples: a model with GPU resources pinned to an instance type.
    const isvc = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: llama-31-8b-instruct
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 1
    nodeSelector:
      node.kubernetes.io/instance-type: g5.8xlarge
    model:
      modelFormat:
        name: huggingface
      storageUri: pvc://models/llama-31-8b-instruct
      resources:
        limits:
          cpu: "24"
          nvidia.com/gpu: "1"
`;

    it('reads the predictor’s model resources, its instance type, and a fixed size', () => {
      const fact = only(extractK8s(isvc));
      assert.equal(fact.name, 'InferenceService/llama-31-8b-instruct');
      assert.deepEqual([fact.instanceType?.value, fact.gpu?.model, fact.gpu?.count], ['g5.8xlarge', 'A10G', 1]);
      assert.equal(fact.purpose.value, 'inference');
      assert.deepEqual(fact.autoscaling, { present: false, min: 1, max: 1, anchor: fact.autoscaling.anchor });
      assert.deepEqual(fact.replicas, { desired: null, min: 1, max: 1 });
    });

    it('offers scale to zero, which reads back as autoscaling down to 0', () => {
      const result = extractK8s(isvc);
      const output = applyAndReparse(kubernetesExtractor, isvc, writeField(result, only(result).autoscalingField), K8S_FILE);
      assert.equal(output, isvc.replace('minReplicas: 1', 'minReplicas: 0'));
      const after = only(extractK8s(output));
      assert.deepEqual([after.autoscaling.present, after.autoscaling.min], [true, 0]);
    });

    it('custom containers count too; RawDeployment mode offers no scale to zero', () => {
      const text = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: demo
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
spec:
  predictor:
    containers:
    - name: kserve-container
      image: docker.io/kserve/vllmserver:latest
      resources:
        limits: {nvidia.com/gpu: 2}
`;
      const fact = only(extractK8s(text));
      assert.deepEqual([fact.gpu?.count, fact.autoscaling.present, fact.autoscaling.min, fact.autoscalingField], [2, true, 1, undefined]);
    });
  });
});
