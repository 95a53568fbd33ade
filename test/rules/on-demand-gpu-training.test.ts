import rule from '../../rules/on-demand-gpu-training';
import { ruleTester } from '../support/rule-tester';

const eks = (extra = '') => `resource "aws_eks_node_group" "training" {
  instance_types = ["p4d.24xlarge"]
  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 4
  }
${extra}}
`;

const job = (capacity: string, name = 'finetune', command = '["torchrun", "train.py"]') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  template:
    spec:
      restartPolicy: Never
      nodeSelector:
        karpenter.sh/capacity-type: ${capacity}
        karpenter.k8s.aws/instance-gpu-name: a100
      containers:
        - name: main
          image: registry.example.com/job:1
          command: ${command}
          resources:
            limits:
              nvidia.com/gpu: 8
`;

const nodePool = (requirements: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: training
spec:
  template:
    spec:
      requirements:
        - key: karpenter.k8s.aws/instance-gpu-name
          operator: In
          values: ["h100"]
${requirements}  limits:
    nvidia.com/gpu: 16
`;

const cfn = (extra = '') => `Resources:
  TrainingNodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: ml
      NodegroupName: training
      NodeRole: arn:aws:iam::123456789012:role/nodes
      Subnets: [subnet-1]
      InstanceTypes: [g5.12xlarge]
      ScalingConfig:
        MinSize: 0
        DesiredSize: 1
        MaxSize: 2
${extra}`;

const gkePool = (extra = '') => `module "gke" {
  source   = "terraform-google-modules/kubernetes-engine/google"
  regional = false
  zones    = ["us-central1-a"]
  node_pools = [
    {
      name              = "finetune"
      machine_type      = "a2-highgpu-1g"
      accelerator_type  = "nvidia-tesla-a100"
      accelerator_count = 1
      min_count         = 0
      max_count         = 2
${extra}    },
  ]
}
`;

const pytorchJob = (capacity: string) => `apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: pretrain
spec:
  pytorchReplicaSpecs:
    Worker:
      replicas: 2
      template:
        spec:
          nodeSelector:
            eks.amazonaws.com/capacityType: ${capacity}
          containers:
            - name: pytorch
              image: registry.example.com/train:2
              resources:
                limits:
                  nvidia.com/gpu: 1
`;

ruleTester.run('on-demand-gpu-training', rule, {
  valid: [
    { lang: 'tf', name: 'terraform: a training node group on spot', code: eks('  capacity_type = "SPOT"\n') },
    {
      lang: 'tf',
      name: 'terraform: a serving node group on demand is not training',
      code: `resource "aws_eks_node_group" "serving" {
  instance_types = ["g6.xlarge"]
}
`,
    },
    { lang: 'k8s', name: 'kubernetes: a training Job on spot', code: job('spot') },
    {
      lang: 'k8s',
      name: 'kubernetes: no capacity selector: the node pool decides, so it is not flagged',
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: finetune
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: train
          image: registry.example.com/sft:1
          command: ["torchrun", "train.py"]
          resources:
            limits:
              nvidia.com/gpu: 8
`,
    },
    { lang: 'k8s', name: 'kubernetes: a batch Job that does not say it trains, by default', code: job('on-demand', 'nightly-report', '["python", "report.py"]') },
    {
      lang: 'k8s',
      name: 'kubernetes: a Karpenter pool allowing spot',
      code: nodePool('        - key: karpenter.sh/capacity-type\n          operator: In\n          values: ["spot", "on-demand"]\n'),
    },
    { lang: 'cfn', name: 'cloudformation: a training node group on spot', code: cfn('      CapacityType: SPOT\n') },
  ],
  invalid: [
    {
      lang: 'tf',
      name: 'terraform: an EKS training node group on demand gets capacity_type = "SPOT"',
      code: eks(),
      errors: [
        {
          messageId: 'onDemand',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 41,
          suggestions: [{ title: 'Use spot capacity (capacity_type = "SPOT") — saves ≈ $8,176/mo', output: eks('  capacity_type = "SPOT"\n') }],
        },
      ],
      output: null,
    },
    {
      lang: 'tf',
      name: 'terraform: a GKE training pool from zero gets spot = true, saving up to its limit',
      code: `resource "google_container_node_pool" "train" {
  autoscaling {
    min_node_count = 0
    max_node_count = 2
  }
  node_config {
    machine_type = "a2-highgpu-1g"
    guest_accelerator {
      type  = "nvidia-tesla-a100"
      count = 1
    }
  }
}
`,
      errors: [
        {
          messageId: 'onDemand',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 46,
          suggestions: [
            {
              title: /^Use spot capacity \(spot = true\) — saves ≈ up to \$[\d,]+\/mo$/,
              output: `resource "google_container_node_pool" "train" {
  autoscaling {
    min_node_count = 0
    max_node_count = 2
  }
  node_config {
    machine_type = "a2-highgpu-1g"
    guest_accelerator {
      type  = "nvidia-tesla-a100"
      count = 1
    }
    spot = true
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'tf',
      name: 'terraform: a fine-tuning pool of the GKE module gets spot = true in its object',
      code: gkePool(),
      errors: [{ messageId: 'onDemand', line: 7, column: 27, endLine: 7, endColumn: 37, suggestions: [{ title: /^Use spot capacity \(spot = true\) — saves ≈ up to \$[\d,]+\/mo$/, output: gkePool('      spot              = true\n') }] }],
      output: null,
    },
    {
      lang: 'tf',
      name: 'terraform: an AKS fine-tuning pool gets priority = "Spot"',
      code: `resource "azurerm_kubernetes_cluster_node_pool" "finetune" {
  name                  = "finetune"
  kubernetes_cluster_id = "x"
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 1
}
`,
      errors: [
        {
          messageId: 'onDemand',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 59,
          suggestions: [
            {
              title: /^Use spot capacity \(priority = "Spot"\)/,
              output: `resource "azurerm_kubernetes_cluster_node_pool" "finetune" {
  name                  = "finetune"
  kubernetes_cluster_id = "x"
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 1
  priority              = "Spot"
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
      name: 'kubernetes: a training Job on on-demand capacity switches its selector to spot',
      code: job('on-demand'),
      errors: [{ messageId: 'onDemand', line: 4, column: 9, endLine: 4, endColumn: 17, suggestions: [{ title: /^Use spot capacity \(karpenter.sh\/capacity-type = "spot"\)/, output: job('spot') }] }],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: with batchJobs, any GPU Job on demand',
      options: { batchJobs: true },
      code: job('on-demand', 'nightly-report', '["python", "report.py"]'),
      errors: [{ messageId: 'onDemand', line: 4, column: 9, endLine: 4, endColumn: 23, suggestions: [{ output: job('spot', 'nightly-report', '["python", "report.py"]') }] }],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a Karpenter training pool gets a capacity-type requirement allowing spot',
      code: nodePool(''),
      errors: [
        {
          messageId: 'onDemand',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 17,
          suggestions: [
            {
              title: /^Use spot capacity \(karpenter.sh\/capacity-type = \["spot", "on-demand"\]\) — saves ≈ up to \$36,161\/mo$/,
              output: nodePool('        - key: karpenter.sh/capacity-type\n          operator: In\n          values:\n            - spot\n            - on-demand\n'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a PyTorchJob on EKS on-demand nodes, GPU model unknown',
      code: pytorchJob('ON_DEMAND'),
      errors: [
        {
          messageId: 'onDemandNoDiscount',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 11,
          suggestions: [
            {
              title: 'Use spot capacity (eks.amazonaws.com/capacityType = "SPOT") — saves ≈ unknown',
              output: pytorchJob('SPOT'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'cfn',
      name: 'cloudformation: an EKS training node group gets CapacityType: SPOT',
      code: cfn(),
      errors: [{ messageId: 'onDemand', line: 2, column: 3, endLine: 2, endColumn: 16, suggestions: [{ title: /^Use spot capacity \(CapacityType = "SPOT"\) — saves ≈ \$2,484\/mo$/, output: cfn('      CapacityType: SPOT\n') }] }],
      output: null,
    },
  ],
});
