import rule from '../../rules/missing-cost-tags';
import { ruleTester } from '../support/rule-tester';

const team = { team: 'search', requireRequestMetadata: true };

const tei = (objectLabels: string, podLabels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tei
${objectLabels}spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: tei
${podLabels}    spec:
      containers:
        - name: tei
          image: ghcr.io/huggingface/text-embeddings-inference:1.5
          resources:
            limits:
              nvidia.com/gpu: 1
`;

const nodegroup = (tags: string) => `Resources:
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: ml
      NodeRole: arn:aws:iam::123456789012:role/nodes
      Subnets: [subnet-1]
      InstanceTypes: [g5.xlarge]
      Tags:
        env: prod
${tags}`;

ruleTester.run('missing-cost-tags', rule, {
  valid: [
    {
      lang: 'ts',
      name: 'request metadata is only required when the team asks for it',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 10 });`,
    },
    {
      lang: 'ts',
      name: 'request carries the team tag',
      policy: team,
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 10, metadata: { team: 'search' } });`,
    },
    {
      lang: 'py',
      name: 'py: request carries the team tag',
      policy: team,
      code: `from openai import OpenAI
client = OpenAI()
client.responses.create(model="gpt-5-mini", input="hi", max_output_tokens=10, metadata={"team": "search"})`,
    },
    {
      lang: 'tf',
      name: 'terraform: the provider default_tags carry the team',
      files: { 'providers.tf': 'provider "aws" {\n  default_tags {\n    tags = { team = "search" }\n  }\n}\n' },
      code: `resource "aws_eks_node_group" "gpu" {
  instance_types = ["g5.xlarge"]
  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 2
  }
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: the team tag comes through merge(local.tags, …)',
      code: `locals {
  tags = { team = "search" }
}
resource "aws_instance" "gpu" {
  instance_type = "g5.xlarge"
  tags          = merge(local.tags, { Name = "gpu" })
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: a suppression comment with its reason',
      code: `# costlint-disable-next-line missing-cost-tags -- shared research box, billed centrally
resource "aws_instance" "gpu" {
  instance_type = "g5.xlarge"
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: tags from a variable without a default may be set by the caller',
      code: `variable "tags" {
  type = map(string)
}
resource "aws_eks_node_group" "gpu" {
  instance_types = ["g5.xlarge"]
  tags           = var.tags
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: tags merged with a variable the caller sets',
      code: `variable "extra_tags" {
  type = map(string)
}
resource "aws_instance" "gpu" {
  instance_type = "g5.xlarge"
  tags          = merge(var.extra_tags, { Name = "gpu" })
}
`,
    },
    { lang: 'k8s', name: 'kubernetes: the workload and its pod template both carry the team', code: tei('  labels:\n    team: search\n', '        team: search\n') },
    { lang: 'cfn', name: 'cloudformation: the node group carries the team', code: nodegroup('        team: search\n') },
  ],
  invalid: [
    {
      lang: 'ts',
      name: 'no metadata at all',
      policy: team,
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 10 });`,
      errors: [{ messageId: 'request', line: 3, column: 7, endLine: 3, endColumn: 30 }],
      output: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 10, metadata: { team: 'search' } });`,
    },
    {
      lang: 'ts',
      name: 'metadata without the team tag',
      policy: team,
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [], metadata: { user_id: 'u1' } });`,
      errors: [{ messageId: 'request', line: 3, column: 7, endLine: 3, endColumn: 29 }],
      output: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [], metadata: { user_id: 'u1', team: 'search' } });`,
    },
    {
      lang: 'ts',
      name: 'no fix when the tag value is unknown',
      policy: { requireRequestMetadata: true, requiredTags: ['cost-center'] },
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 10 });`,
      errors: [{ messageId: 'request', line: 3, column: 7, endLine: 3, endColumn: 30 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: no metadata at all',
      policy: team,
      code: `from openai import OpenAI
client = OpenAI()
client.responses.create(model="gpt-5-mini", input="hi", max_output_tokens=10)`,
      errors: [{ messageId: 'request', line: 3, column: 1, endLine: 3, endColumn: 24 }],
      output: `from openai import OpenAI
client = OpenAI()
client.responses.create(model="gpt-5-mini", input="hi", max_output_tokens=10, metadata={"team": "search"})`,
    },
    {
      lang: 'py',
      name: 'py: metadata without the team tag',
      policy: team,
      code: `import anthropic
client = anthropic.Anthropic()
client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=10,
    messages=[],
    metadata={"user_id": "u1"},
)`,
      errors: [{ messageId: 'request', line: 3, column: 1, endLine: 3, endColumn: 23 }],
      output: `import anthropic
client = anthropic.Anthropic()
client.messages.create(
    model="claude-haiku-4-5",
    max_tokens=10,
    messages=[],
    metadata={"user_id": "u1", "team": "search"},
)`,
    },
    {
      lang: 'tf',
      name: 'terraform: a node group without tags gets a tags map',
      policy: { team: 'search' },
      code: `resource "aws_eks_node_group" "gpu" {
  instance_types = ["g5.xlarge"]
  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 2
  }
}
`,
      errors: [{ messageId: 'resource', line: 1, column: 10, endLine: 1, endColumn: 36 }],
      output: `resource "aws_eks_node_group" "gpu" {
  instance_types = ["g5.xlarge"]
  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 2
  }
  tags = { team = "search" }
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: the tag goes into the literal of merge(local.tags, { … })',
      policy: { team: 'search' },
      code: `locals {
  tags = { env = "prod" }
}
module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    train = {
      instance_types = ["p4d.24xlarge"]
      tags = merge(local.tags, {
        Name = "train"
      })
    }
  }
}
`,
      errors: [{ messageId: 'resource', line: 7, column: 5, endLine: 7, endColumn: 10 }],
      output: `locals {
  tags = { env = "prod" }
}
module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    train = {
      instance_types = ["p4d.24xlarge"]
      tags = merge(local.tags, {
        Name = "train"
        team = "search"
      })
    }
  }
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: tags from a local are merged with the missing one',
      policy: { team: 'search' },
      code: `locals {
  tags = { env = "prod" }
}
resource "azurerm_linux_virtual_machine" "a100" {
  size = "Standard_NC24ads_A100_v4"
  tags = local.tags
}
`,
      errors: [{ messageId: 'resource', line: 4, column: 10, endLine: 4, endColumn: 48 }],
      output: `locals {
  tags = { env = "prod" }
}
resource "azurerm_linux_virtual_machine" "a100" {
  size = "Standard_NC24ads_A100_v4"
  tags = merge(local.tags, { team = "search" })
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: GKE node pools get resource labels',
      policy: { team: 'search' },
      code: `resource "google_container_node_pool" "t4" {
  node_count = 1
  node_config {
    machine_type = "n1-standard-4"
    guest_accelerator {
      type  = "nvidia-tesla-t4"
      count = 1
    }
  }
}
`,
      errors: [{ messageId: 'resource', line: 1, column: 10, endLine: 1, endColumn: 43 }],
      output: `resource "google_container_node_pool" "t4" {
  node_count = 1
  node_config {
    machine_type = "n1-standard-4"
    guest_accelerator {
      type  = "nvidia-tesla-t4"
      count = 1
    }
    resource_labels = { team = "search" }
  }
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: autoscaling groups get a propagated tag block',
      policy: { team: 'search' },
      code: `resource "aws_launch_template" "gpu" {
  instance_type = "g5.xlarge"
}
resource "aws_autoscaling_group" "gpu" {
  min_size = 0
  max_size = 2
  launch_template {
    id = aws_launch_template.gpu.id
  }
}
`,
      errors: [{ messageId: 'resource', line: 4, column: 10, endLine: 4, endColumn: 39 }],
      output: `resource "aws_launch_template" "gpu" {
  instance_type = "g5.xlarge"
}
resource "aws_autoscaling_group" "gpu" {
  min_size = 0
  max_size = 2
  launch_template {
    id = aws_launch_template.gpu.id
  }
  tag {
    key                 = "team"
    value               = "search"
    propagate_at_launch = true
  }
}
`,
    },
    {
      lang: 'tf',
      name: 'terraform: a module node group without tags gets a tags map',
      policy: { team: 'search' },
      code: `module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    gpu = {
      instance_types = ["g6.xlarge"]
      min_size       = 0
    }
  }
}
`,
      errors: [{ messageId: 'resource', line: 4, column: 5, endLine: 4, endColumn: 8 }],
      output: `module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    gpu = {
      instance_types = ["g6.xlarge"]
      min_size       = 0
      tags           = { team = "search" }
    }
  }
}
`,
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a team label on the Deployment alone does not reach its pods',
      policy: { team: 'search' },
      code: tei('  labels:\n    team: search\n', ''),
      errors: [{ messageId: 'resource', line: 4, column: 9, endLine: 4, endColumn: 12 }],
      output: tei('  labels:\n    team: search\n', '        team: search\n'),
    },
    {
      lang: 'k8s',
      name: 'kubernetes: a team label on the pods alone is added to the workload',
      policy: { team: 'search' },
      code: tei('  labels:\n    app: tei\n', '        team: search\n'),
      errors: [{ messageId: 'resource', line: 4, column: 9, endLine: 4, endColumn: 12 }],
      output: tei('  labels:\n    app: tei\n    team: search\n', '        team: search\n'),
    },
    {
      lang: 'k8s',
      name: 'kubernetes: no labels anywhere: both get the team',
      policy: { team: 'search' },
      code: tei('', ''),
      errors: [{ messageId: 'resource', line: 4, column: 9, endLine: 4, endColumn: 12 }],
      output: tei('  labels:\n    team: search\n', '        team: search\n'),
    },
    {
      lang: 'cfn',
      name: 'cloudformation: a node group tag map gets the team',
      policy: { team: 'search' },
      code: nodegroup(''),
      errors: [{ messageId: 'resource', line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: nodegroup('        team: search\n'),
    },
  ],
});
