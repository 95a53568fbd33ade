import rule from '../../rules/expensive-gpu-for-inference';
import { ruleTester } from '../support/rule-tester';

const vllmOn = (selector: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  replicas: 1
  template:
    spec:
      nodeSelector:
        ${selector}
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.8.5
          resources:
            limits:
              nvidia.com/gpu: 1
`;

const sagemaker = (type: string) => `Resources:
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants:
        - VariantName: AllTraffic
          ModelName: assistant
          InstanceType: ${type}
          InitialInstanceCount: 1
`;

ruleTester.run('expensive-gpu-for-inference', rule, {
  valid: [
    {
      lang: 'tf',
      name: 'terraform: serving on L40S, an inference-class GPU',
      code: `resource "aws_eks_node_group" "vllm_serving" {
  instance_types = ["g6e.xlarge"]
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: H100s for training are not inference',
      code: `resource "aws_eks_node_group" "training" {
  instance_types = ["p5.48xlarge"]
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: nothing says what the H100s are for',
      code: `resource "aws_eks_node_group" "gpu" {
  instance_types = ["p5.48xlarge"]
}
`,
    },
    { lang: 'k8s', name: 'kubernetes: vLLM on an L4', code: vllmOn('cloud.google.com/gke-accelerator: nvidia-l4') },
    { lang: 'k8s', name: 'kubernetes: H100 allowed by option for a model that needs it', options: { allow: ['h100'] }, code: vllmOn('karpenter.k8s.aws/instance-gpu-name: h100') },
    { lang: 'cfn', name: 'cloudformation: a SageMaker endpoint on an A10G', code: sagemaker('ml.g5.xlarge') },
  ],
  invalid: [
    {
      lang: 'tf',
      name: 'terraform: a vLLM node group on 8× H100 gets the 8× L40S instance',
      code: `resource "aws_eks_node_group" "vllm_serving" {
  instance_types = ["p5.48xlarge"]
}
`,
      errors: [
        {
          messageId: 'training',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 45,
          suggestions: [
            {
              title: 'Switch to g6e.48xlarge (L40S) — saves ≈ $18,183/mo',
              output: `resource "aws_eks_node_group" "vllm_serving" {
  instance_types = ["g6e.48xlarge"]
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
      name: 'terraform: a SageMaker endpoint keeps its ml. prefix',
      code: `resource "aws_sagemaker_endpoint_configuration" "assistant" {
  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "assistant"
    instance_type          = "ml.p4d.24xlarge"
    initial_instance_count = 1
  }
}
`,
      errors: [
        {
          messageId: 'training',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 60,
          suggestions: [
            {
              title: /^Switch to ml\.g6\.48xlarge \(L4\) — saves ≈ \$[\d,]+\/mo$/,
              output: `resource "aws_sagemaker_endpoint_configuration" "assistant" {
  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "assistant"
    instance_type          = "ml.g6.48xlarge"
    initial_instance_count = 1
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
      name: 'terraform: a GKE inference pool swaps its V100 accelerator for a T4',
      code: `resource "google_container_node_pool" "inference" {
  node_count = 1
  autoscaling {
    min_node_count = 0
    max_node_count = 2
  }
  node_config {
    machine_type = "n1-standard-8"
    guest_accelerator {
      type  = "nvidia-tesla-v100"
      count = 1
    }
  }
}
`,
      errors: [
        {
          messageId: 'training',
          line: 1,
          column: 10,
          endLine: 1,
          endColumn: 50,
          suggestions: [
            {
              title: /^Switch to nvidia-tesla-t4 \(T4\) — saves ≈ \$[\d,.]+\/mo$/,
              output: `resource "google_container_node_pool" "inference" {
  node_count = 1
  autoscaling {
    min_node_count = 0
    max_node_count = 2
  }
  node_config {
    machine_type = "n1-standard-8"
    guest_accelerator {
      type  = "nvidia-tesla-t4"
      count = 1
    }
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
      lang: 'k8s',
      name: 'kubernetes: vLLM on an H100 picked by Karpenter gets an L40S',
      code: vllmOn('karpenter.k8s.aws/instance-gpu-name: h100'),
      errors: [
        {
          messageId: 'training',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 13,
          suggestions: [{ title: 'Switch to l40s (L40S) — saves ≈ $3,664/mo', output: vllmOn('karpenter.k8s.aws/instance-gpu-name: l40s') }],
        },
      ],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: GKE has no L40S, so an H100 server gets an L4',
      code: vllmOn('cloud.google.com/gke-accelerator: nvidia-h100-80gb'),
      errors: [
        {
          messageId: 'training',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 13,
          suggestions: [{ title: /^Switch to nvidia-l4 \(L4\)/, output: vllmOn('cloud.google.com/gke-accelerator: nvidia-l4') }],
        },
      ],
      output: null,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a KServe predictor on an A100 80GB by GPU product',
      code: `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: classifier
spec:
  predictor:
    minReplicas: 0
    nodeSelector:
      nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB
    model:
      modelFormat:
        name: huggingface
      resources:
        limits:
          nvidia.com/gpu: "1"
`,
      errors: [
        {
          messageId: 'training',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 19,
          suggestions: [
            {
              title: /^Switch to NVIDIA-L40S \(L40S\)/,
              output: `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: classifier
spec:
  predictor:
    minReplicas: 0
    nodeSelector:
      nvidia.com/gpu.product: NVIDIA-L40S
    model:
      modelFormat:
        name: huggingface
      resources:
        limits:
          nvidia.com/gpu: "1"
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'cfn',
      name: 'cloudformation: a SageMaker endpoint on 8× A100 gets the 8× L4 instance',
      code: sagemaker('ml.p4d.24xlarge'),
      errors: [
        {
          messageId: 'training',
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 34,
          suggestions: [{ title: /^Switch to ml\.g6\.48xlarge \(L4\)/, output: sagemaker('ml.g6.48xlarge') }],
        },
      ],
      output: null,
    },
  ],
});
