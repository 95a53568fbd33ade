import * as assert from 'node:assert/strict';
import { kubernetesExtractor } from '../../../server/languages/kubernetes';
import { cloudformationExtractor } from '../../../server/languages/cloudformation';
import { extractorFor } from '../../../server/languages';
import { K8S_FILE, extractK8s, only, projectWith, resources, textAt } from '../yaml/support';

const gpuDeployment = (name: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: server
        image: vllm/vllm-openai:latest
        resources: {limits: {nvidia.com/gpu: 1}}${extra}
`;

const options = { wrappers: [], project: projectWith(K8S_FILE) };

describe('kubernetes: files', () => {
  describe('autoscalers', () => {
    it('an HPA in the same file that targets the workload', () => {
      const text = `${gpuDeployment('chat')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: chat}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: chat}
  minReplicas: 1
  maxReplicas: 6
`;
      const fact = only(extractK8s(text));
      assert.deepEqual([fact.autoscaling.present, fact.autoscaling.min, fact.autoscaling.max], [true, 1, 6]);
      assert.match(textAt(text, fact.autoscaling.anchor?.range)!, /^scaleTargetRef/);
      assert.ok(fact.purpose.hints.some((h) => h === 'scaled by HorizontalPodAutoscaler in workload.yaml'));
    });

    it('a KEDA ScaledObject in another file of the folder (kind defaults to Deployment, min to 0)', () => {
      const keda = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: chat-scaler}
spec:
  scaleTargetRef:
    name: chat
  maxReplicaCount: 10
`;
      const fact = only(extractK8s(gpuDeployment('chat'), { 'keda.yaml': keda, 'other.yaml': keda.replace('name: chat\n', 'name: other\n') }));
      assert.deepEqual([fact.autoscaling.present, fact.autoscaling.min, fact.autoscaling.max, fact.autoscaling.anchor], [true, 0, 10, undefined]);
    });

    it('an autoscaler for another workload or kind does not count', () => {
      const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: x}
spec:
  scaleTargetRef: {kind: StatefulSet, name: chat}
  maxReplicas: 3
`;
      assert.equal(only(extractK8s(gpuDeployment('chat'), { 'hpa.yml': hpa })).autoscaling.present, false);
    });
  });

  it('reads every document; a broken one gives an error while the others still give facts', () => {
    const text = `${gpuDeployment('first')}---\napiVersion: v1\nkind: ConfigMap\ndata: {a: [1, 2}\n---\n${gpuDeployment('second')}`;
    const result = extractK8s(text);
    assert.equal(result.errors.length > 0, true);
    assert.ok(result.errors.every((e) => e.range && e.range.start > text.indexOf('ConfigMap') && e.range.start < text.lastIndexOf('apiVersion')), 'errors point into the broken document');
    assert.deepEqual(
      result.facts.map((f) => f.kind === 'ComputeResource' && f.name),
      ['Deployment/first', 'Deployment/second'],
    );
  });

  it('follows anchors and aliases; edits are not offered through an alias', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: a, labels: &labels {team: ml}}
  spec:
    template:
      spec:
        containers:
        - name: a
          image: img
          resources: &gpu {limits: {nvidia.com/gpu: 4}}
        nodeSelector: &selector
          karpenter.sh/capacity-type: on-demand
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: b, labels: *labels}
  spec:
    template:
      spec:
        containers:
        - {name: b, image: img, resources: *gpu}
        nodeSelector: *selector
`;
    const [a, b] = resources(extractK8s(text));
    assert.deepEqual([a.gpu?.count, b.gpu?.count], [4, 4]);
    assert.deepEqual([a.tags.own, b.tags.own], [{ team: 'ml' }, { team: 'ml' }]);
    assert.deepEqual([a.purchase, b.purchase], ['on-demand', 'on-demand']);
    assert.ok(a.spotField, 'the anchored original can be edited');
    assert.equal(b.spotField, undefined, 'not through the alias');
    assert.equal(b.purchaseAnchor, undefined);
  });

  it('reports exact ranges in a file with a BOM, CRLF line breaks and non-ASCII text', () => {
    const text = `\uFEFF# modèle servi en continu\r\n${gpuDeployment('llm-café').replace(/\n/g, '\r\n')}`;
    const fact = only(extractK8s(text));
    assert.equal(textAt(text, fact.nameRange), 'llm-café');
    assert.equal(text.slice(0, fact.range.start), '\uFEFF# modèle servi en continu\r\n');
    const comments = kubernetesExtractor.extract({ path: K8S_FILE, text }, options).comments;
    assert.equal(textAt(text, comments[0].range), '# modèle servi en continu');
  });

  it('skips a Helm template with a note, not an error', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
      - name: server
        resources:
          limits:
            nvidia.com/gpu: {{ .Values.gpus }}
`;
    const result = extractK8s(text);
    assert.deepEqual([result.facts, result.errors], [[], []]);
    assert.match(result.notes[0], /Helm\/Go template: skipped/);
  });

  it('a Helm action inside a value is a template too', () => {
    const result = extractK8s(gpuDeployment('llm').replace('name: llm', 'name: llm-{{ .Release.Name }}'));
    assert.deepEqual(result.facts, []);
    assert.equal(result.notes.length, 1);
  });

  it('a template string inside a quoted value is not Helm', () => {
    const fact = only(extractK8s(gpuDeployment('runtime', `\n        args: ['--served-model-name={{.Name}}']`)));
    assert.equal(fact.name, 'Deployment/runtime');
  });

  it('notes documents that are not Kubernetes objects', () => {
    const result = extractK8s(`${gpuDeployment('x')}---\nfoo: bar\n`);
    assert.deepEqual(result.notes, ['document 2 is not a Kubernetes object: skipped']);
  });

  describe('which extractor claims a file', () => {
    it('Kubernetes claims manifests of workloads with accelerators, CloudFormation claims templates', () => {
      const cfn = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Gpu:\n    Type: AWS::EC2::Instance\n    Properties: {InstanceType: g5.xlarge}\n';
      assert.equal(extractorFor('/p/deploy.yaml', gpuDeployment('x'), options)?.id, 'kubernetes');
      assert.equal(extractorFor('/p/stack.yaml', cfn, options)?.id, 'cloudformation');
      assert.equal(extractorFor('/p/stack.json', JSON.stringify({ Resources: { G: { Type: 'AWS::EKS::Nodegroup' } } }, null, 2), options)?.id, 'cloudformation');
    });

    it('nothing claims CPU-only manifests, other YAML, package.json or tsconfig.json', () => {
      const cpu = gpuDeployment('web').replace('nvidia.com/gpu: 1', 'cpu: 1');
      const workflow = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: npm test}]\n';
      const pkg = JSON.stringify({ name: 'x', scripts: { build: 'tsc' }, dependencies: { 'aws-cdk-lib': '2' } });
      const tsconfig = JSON.stringify({ compilerOptions: { strict: true } });
      assert.equal(extractorFor('/p/web.yaml', cpu, options), undefined);
      assert.equal(extractorFor('/p/.github/workflows/ci.yml', workflow, options), undefined);
      assert.equal(extractorFor('/p/package.json', pkg, options), undefined);
      assert.equal(extractorFor('/p/tsconfig.json', tsconfig, options), undefined);
      assert.equal(kubernetesExtractor.handlesPath('/p/manifest.json'), false, 'JSON is only for CloudFormation');
      assert.equal(cloudformationExtractor.mightContainFacts({ path: '/p/gpu.yaml', text: gpuDeployment('x') }, options), false);
    });
  });
});
