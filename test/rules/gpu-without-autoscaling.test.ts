import rule from '../../rules/gpu-without-autoscaling';
import { ruleTester } from '../support/rule-tester';

const eks = (min: number) => `resource "aws_eks_node_group" "serving" {
  instance_types = ["g6.xlarge"]
  scaling_config {
    desired_size = 2
    min_size     = ${min}
    max_size     = 2
  }
}
`;

const gke = (scaling: string) => `resource "google_container_node_pool" "embeddings" {
  node_count = 2
  node_config {
    machine_type = "n1-standard-8"
    guest_accelerator {
      type  = "nvidia-tesla-t4"
      count = 1
    }
  }
${scaling}}
`;

const tei = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tei
spec:
  replicas: 2
  template:
    spec:
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-l4
      containers:
        - name: tei
          image: ghcr.io/huggingface/text-embeddings-inference:1.5
          resources:
            limits:
              nvidia.com/gpu: 1
`;

const kserve = (min: number, max: number) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: classifier
spec:
  predictor:
    minReplicas: ${min}
    maxReplicas: ${max}
    model:
      modelFormat:
        name: huggingface
      resources:
        limits:
          nvidia.com/gpu: 1
`;

const cfn = (min: number) => `Resources:
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: ml
      NodeRole: arn:aws:iam::123456789012:role/nodes
      Subnets: [subnet-1]
      InstanceTypes: [g5.xlarge]
      ScalingConfig:
        MinSize: ${min}
        DesiredSize: 2
        MaxSize: 2
`;

ruleTester.run('gpu-without-autoscaling', rule, {
  valid: [
    { lang: 'tf', name: 'terraform: a node group that scales to zero', code: eks(0) },
    {
      lang: 'tf',
      name: 'terraform: a single VM is not a pool',
      code: `resource "aws_instance" "box" {
  instance_type = "g5.xlarge"
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: a notebook instance is one machine, not a pool',
      code: `resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.g5.xlarge"
  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"
}
`,
    },
    { lang: 'tf', name: 'terraform: autoscaled above zero, without requireScaleToZero', code: gke('  autoscaling {\n    min_node_count = 1\n    max_node_count = 3\n  }\n') },
    {
      lang: 'k8s',
      name: 'kubernetes: an HPA in the same folder scales the Deployment',
      code: tei,
      files: {
        'hpa.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: tei
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: tei
  minReplicas: 1
  maxReplicas: 4
`,
      },
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a Job runs to completion',
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: embed-corpus
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: embed
          image: registry.example.com/embed:1
          resources:
            limits:
              nvidia.com/gpu: 1
`,
    },
    { lang: 'k8s', name: 'kubernetes: KServe scaling to zero', code: kserve(0, 2) },
    { lang: 'cfn', name: 'cloudformation: a node group that scales to zero', code: cfn(0) },
  ],
  invalid: [
    {
      lang: 'tf',
      name: 'terraform: a fixed-size EKS node group may go down to zero',
      code: eks(2),
      errors: [{ messageId: 'fixed', line: 1, column: 10, endLine: 1, endColumn: 40, suggestions: [{ title: 'Autoscale (scaling_config.min_size)', output: eks(0) }] }],
      output: null,
    },
    {
      lang: 'tf',
      name: 'terraform: a GKE pool without autoscaling gets an autoscaling block',
      code: gke(''),
      errors: [
        {
          messageId: 'fixed',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 51,
          suggestions: [{ title: 'Autoscale (autoscaling)', output: gke('  autoscaling {\n    min_node_count = 0\n    max_node_count = 2\n  }\n') }],
        },
      ],
      output: null,
    },
    {
      lang: 'tf',
      name: 'terraform: with requireScaleToZero, a pool that never goes below one',
      options: { requireScaleToZero: true },
      code: gke('  autoscaling {\n    min_node_count = 1\n    max_node_count = 3\n  }\n'),
      errors: [
        {
          messageId: 'noScaleToZero',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 51,
          suggestions: [{ title: 'Autoscale (autoscaling.min_node_count)', output: gke('  autoscaling {\n    min_node_count = 0\n    max_node_count = 3\n  }\n') }],
        },
      ],
      output: null,
    },
    {
      lang: 'tf',
      name: 'terraform: an AKS pool gets autoscaling from zero',
      code: `resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = "x"
  vm_size               = "Standard_NC4as_T4_v3"
  node_count            = 2
}
`,
      errors: [
        {
          messageId: 'fixed',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 54,
          suggestions: [
            {
              title: 'Autoscale (auto_scaling_enabled)',
              output: `resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "gpu"
  kubernetes_cluster_id = "x"
  vm_size               = "Standard_NC4as_T4_v3"
  node_count            = 2
  auto_scaling_enabled  = true
  min_count             = 0
  max_count             = 2
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a Deployment with no HPA or ScaledObject beside it (no edit)',
      code: tei,
      errors: [{ messageId: 'fixed', line: 4, column: 9, endLine: 4, endColumn: 12, suggestions: [] }],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a KServe predictor pinned to one replica',
      code: kserve(1, 1),
      errors: [{ messageId: 'fixed', line: 4, column: 9, endLine: 4, endColumn: 19, suggestions: [{ title: 'Autoscale (minReplicas)', output: kserve(0, 1) }] }],
      output: null,
    },
    {
      lang: 'cfn',
      name: 'cloudformation: a fixed-size node group',
      code: cfn(2),
      errors: [{ messageId: 'fixed', line: 2, column: 3, endLine: 2, endColumn: 8, suggestions: [{ title: 'Autoscale (MinSize)', output: cfn(0) }] }],
      output: null,
    },
  ],
});
