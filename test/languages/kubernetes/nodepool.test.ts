import * as assert from 'node:assert/strict';
import { kubernetesExtractor } from '../../../server/languages/kubernetes';
import { K8S_FILE, applyAndReparse, extractK8s, only, resources, textAt, writeField } from '../yaml/support';

// Shaped after awslabs/data-on-eks GPU NodePools (g5 family, spot and on-demand, GPU taint).
const g5Pool = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: g5-gpu-karpenter
spec:
  template:
    metadata:
      labels:
        NodeGroupType: g5-gpu-karpenter
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: g5-gpu-karpenter
      taints:
      - key: nvidia.com/gpu
        value: "true"
        effect: NoSchedule
      requirements:
        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: ["g5"]
        - key: karpenter.k8s.aws/instance-size
          operator: In
          values: ["2xlarge", "4xlarge", "8xlarge"]
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["spot", "on-demand"]
  limits:
    cpu: 1000
`;

describe('kubernetes: Karpenter NodePools', () => {
  it('a g5 pool: the family’s GPU model and count, spot allowed, scales from zero', () => {
    const fact = only(extractK8s(g5Pool));
    assert.equal(fact.name, 'NodePool/g5-gpu-karpenter');
    assert.equal(textAt(g5Pool, fact.nameRange), 'g5-gpu-karpenter');
    assert.equal(fact.computeKind, 'karpenter-nodepool');
    assert.equal(fact.cloud, 'aws');
    assert.deepEqual([fact.gpu?.model, fact.gpu?.count, fact.instanceType], ['A10G', 1, null]);
    assert.equal(fact.purchase, 'spot');
    assert.equal(fact.spotField, undefined);
    assert.deepEqual(fact.replicas, { desired: null, min: 0, max: null });
    assert.equal(fact.autoscaling.present, true);
    assert.deepEqual(fact.tags.own, { NodeGroupType: 'g5-gpu-karpenter' });
  });

  it('on-demand only: the spot fix rewrites the capacity requirement', () => {
    const text = g5Pool.replace('values: ["spot", "on-demand"]', 'values: ["on-demand"]');
    const result = extractK8s(text);
    const fact = only(result);
    assert.equal(fact.purchase, 'on-demand');
    const output = applyAndReparse(kubernetesExtractor, text, writeField(result, fact.spotField), K8S_FILE);
    assert.equal(output, g5Pool);
    assert.equal(only(extractK8s(output)).purchase, 'spot');
  });

  it('no capacity requirement means on-demand; the fix appends one', () => {
    const text = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: training
spec:
  template:
    spec:
      requirements:
        - key: node.kubernetes.io/instance-type
          operator: In
          values: ["p5.48xlarge"]
  limits:
    nvidia.com/gpu: 32
`;
    const result = extractK8s(text);
    const fact = only(result);
    assert.deepEqual([fact.instanceType?.value, fact.gpu?.model, fact.gpu?.count, fact.purchase, fact.replicas.max], ['p5.48xlarge', 'H100', 8, 'on-demand', 4]);
    assert.equal(textAt(text, fact.instanceType?.anchor?.range), '"p5.48xlarge"');
    assert.equal(fact.purpose.value, 'training');
    const output = applyAndReparse(kubernetesExtractor, text, writeField(result, fact.spotField), K8S_FILE);
    assert.equal(
      output,
      text.replace(
        '          values: ["p5.48xlarge"]\n',
        '          values: ["p5.48xlarge"]\n        - key: karpenter.sh/capacity-type\n          operator: In\n          values:\n            - spot\n            - on-demand\n',
      ),
    );
    assert.equal(only(extractK8s(output)).purchase, 'spot');
  });

  it('EKS Auto Mode and GPU-name requirements name the model', () => {
    const text = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: gpu}
spec:
  template:
    spec:
      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: default}
      requirements:
        - {key: eks.amazonaws.com/instance-family, operator: In, values: [g6]}
        - {key: eks.amazonaws.com/instance-gpu-name, operator: In, values: [l4]}
---
apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: mixed}
spec:
  template:
    spec:
      requirements:
        - {key: karpenter.k8s.aws/instance-category, operator: In, values: [g, p]}
`;
    const [l4, mixed] = resources(extractK8s(text));
    assert.deepEqual([l4.gpu?.model, l4.gpu?.label], ['L4', 'eks.amazonaws.com/instance-gpu-name']);
    assert.equal(textAt(text, l4.gpu?.anchor?.range), 'l4');
    assert.equal(mixed.gpu?.model, null);
    assert.ok(mixed.purpose.hints.some((h) => /several GPU models/.test(h)));
  });

  it('a pool of CPU instances is no fact', () => {
    const text = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      requirements:
        - {key: karpenter.k8s.aws/instance-family, operator: In, values: [m5, c6i]}
        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
`;
    assert.deepEqual(resources(extractK8s(text)), []);
  });
});
