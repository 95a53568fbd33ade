import * as assert from 'node:assert/strict';
import { extract, loadGrammar, only, resources, textAt } from './support';

/** Shaped like the public data-on-eks JARK blueprint: locals and providers in main.tf, the cluster in eks.tf. */
const mainTf = `provider "aws" {
  region = local.region
}

locals {
  name   = var.name
  region = "us-west-2"
  tags = {
    Blueprint  = local.name
    GithubRepo = "github.com/awslabs/data-on-eks"
  }
}
`;

const variablesTf = `variable "name" {
  description = "Name of the VPC and EKS Cluster"
  default     = "jark-stack"
  type        = string
}

variable "gpu_instance_type" {
  default = "g5.12xlarge"
}
`;

const eksTf = `module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 19.15"

  cluster_name = local.name

  eks_managed_node_group_defaults = {
    ebs_optimized = true
    tags = {
      owner = "platform"
    }
  }

  eks_managed_node_groups = {
    core_node_group = {
      name           = "core-node-group"
      ami_type       = "AL2_x86_64"
      min_size       = 2
      max_size       = 8
      desired_size   = 2
      instance_types = ["m5.xlarge"]
    }

    # GPU node group for JupyterHub notebooks and Ray Serve
    gpu1 = {
      name         = "gpu-node-grp"
      ami_type     = "AL2_x86_64_GPU"
      min_size     = 1
      max_size     = 1
      desired_size = 1

      instance_types = [var.gpu_instance_type]

      labels = {
        WorkerType    = "ON_DEMAND"
        NodeGroupType = "gpu"
      }

      tags = merge(local.tags, {
        Name = "gpu-node-grp"
      })
    }
  }

  tags = local.tags
}
`;

describe('terraform extractor: terraform-aws-modules/eks node groups', () => {
  loadGrammar();

  it('finds the GPU group of a blueprint across its files, not the CPU one', () => {
    const files = { 'main.tf': mainTf, 'variables.tf': variablesTf, 'eks.tf': eksTf };
    const fact = only(files, 'eks.tf');
    assert.equal(fact.name, 'module.eks.eks_managed_node_groups["gpu1"]');
    assert.equal(textAt(eksTf, fact.nameRange), 'gpu1');
    assert.equal(fact.resourceType, 'eks_managed_node_group');
    assert.equal(fact.computeKind, 'node-group');
    assert.equal(fact.instanceType?.value, 'g5.12xlarge');
    assert.equal(fact.instanceType?.anchor, undefined, 'the type comes from a variable');
    assert.deepEqual(fact.gpu, { model: 'A10G', count: 4 });
    assert.deepEqual(fact.replicas, { desired: 1, min: 1, max: 1 });
    assert.equal(fact.autoscaling.present, false);
    assert.equal(fact.purchase, 'on-demand');
    assert.equal(fact.purpose.value, 'unknown');
    assert.deepEqual(fact.tags.own, { Name: 'gpu-node-grp' });
    assert.deepEqual(fact.tags.inherited, { Blueprint: 'jark-stack', GithubRepo: 'github.com/awslabs/data-on-eks', owner: 'platform' });
    assert.equal(textAt(eksTf, fact.tags.anchor?.range), '{\n        Name = "gpu-node-grp"\n      }');
    assert.equal(fact.spotField?.key, 'capacity_type');
    assert.ok(textAt(eksTf, fact.spotField?.anchor.range)?.startsWith('{\n      name         = "gpu-node-grp"'));
    assert.deepEqual({ key: fact.autoscalingField?.key, value: fact.autoscalingField?.value }, { key: 'min_size', value: 0 });
  });

  it('uses the module defaults (min 0, max 3, desired 1, on-demand) for sizes left out', () => {
    const text = `module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    inference = {
      instance_types = ["g6.xlarge"]
      capacity_type  = "SPOT"
    }
  }
}
`;
    const fact = only(text);
    assert.deepEqual(fact.replicas, { desired: 1, min: 0, max: 3 });
    assert.equal(fact.autoscaling.present, true);
    assert.equal(fact.purchase, 'spot');
    assert.equal(fact.purpose.value, 'inference');
    assert.deepEqual(fact.gpu, { model: 'L4', count: 1 });
  });

  it('takes settings from the group defaults', () => {
    const text = `module "eks" {
  source = "registry.terraform.io/terraform-aws-modules/eks/aws"
  eks_managed_node_group_defaults = {
    instance_types = ["p5.48xlarge"]
    capacity_type  = "SPOT"
  }
  eks_managed_node_groups = {
    pretrain = {}
  }
}
`;
    const fact = only(text);
    assert.equal(fact.instanceType?.value, 'p5.48xlarge');
    assert.equal(fact.purchase, 'spot');
    assert.equal(fact.purpose.value, 'training');
  });

  it('reads self-managed groups: instance_type and spot market options', () => {
    const text = `module "eks" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-eks.git?ref=v20.8.0"
  self_managed_node_groups = {
    trainium = {
      instance_type = "trn1.32xlarge"
      min_size      = 0
      max_size      = 2
      desired_size  = 0
      instance_market_options = {
        market_type = "spot"
      }
    }
  }
}
`;
    const fact = only(text);
    assert.equal(fact.name, 'module.eks.self_managed_node_groups["trainium"]');
    assert.equal(fact.computeKind, 'autoscaling-group');
    assert.deepEqual(fact.gpu, { model: 'Trainium1', count: 16 });
    assert.equal(fact.purchase, 'spot');
    assert.deepEqual(fact.replicas, { desired: 0, min: 0, max: 2 });
    assert.equal(fact.spotField?.key, 'instance_market_options.market_type');
  });

  it('reads the eks-managed-node-group submodule as one group, with count', () => {
    const text = `module "gpu_nodes" {
  source  = "terraform-aws-modules/eks/aws//modules/eks-managed-node-group"
  version = "~> 20.0"
  count   = 2

  name           = "vllm"
  instance_types = ["g6e.12xlarge"]
  min_size       = 1
  max_size       = 3
  desired_size   = 1
  tags = {
    team = "serving"
  }
}
`;
    const fact = only(text);
    assert.equal(fact.name, 'module.gpu_nodes');
    assert.equal(textAt(text, fact.nameRange), '"gpu_nodes"');
    assert.deepEqual(fact.gpu, { model: 'L40S', count: 4 });
    assert.deepEqual(fact.replicas, { desired: 2, min: 2, max: 6 });
    assert.equal(fact.purpose.value, 'inference');
    assert.deepEqual(fact.tags.own, { team: 'serving' });
  });

  it('reads EKS Blueprints v4 managed_node_groups, numbers written as strings', () => {
    const text = `module "eks_blueprints" {
  source = "github.com/aws-ia/terraform-aws-eks-blueprints?ref=v4.32.1"
  managed_node_groups = {
    mng_gpu = {
      node_group_name = "triton"
      instance_types  = ["g4dn.xlarge"]
      capacity_type   = "ON_DEMAND"
      desired_size    = "3"
      max_size        = "3"
      min_size        = "3"
    }
  }
  tags = var.tags
}
`;
    const fact = only(text);
    assert.deepEqual(fact.gpu, { model: 'T4', count: 1 });
    assert.deepEqual(fact.replicas, { desired: 3, min: 3, max: 3 });
    assert.equal(fact.purpose.value, 'inference');
    assert.equal(fact.tags.unresolved, true, 'module tags come from a variable without a default');
  });

  it('reads node groups held in a local of another file', () => {
    const files = {
      'locals.tf': `locals {
  gpu_groups = {
    a100 = {
      instance_types = ["p4d.24xlarge"]
      min_size       = 0
    }
  }
}
`,
      'main.tf': `module "eks" {
  source                  = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = local.gpu_groups
}
`,
    };
    const fact = only(files);
    assert.equal(fact.name, 'module.eks.eks_managed_node_groups["a100"]');
    assert.equal(fact.spotField, undefined, 'no fix into another file');
    assert.equal(textAt(files['main.tf'], fact.nameRange), '"eks"', 'the module label stands for a group written elsewhere');
  });

  it('reads the instance type of a launch template a group launches from', () => {
    const text = `resource "aws_launch_template" "gpu" {
  name_prefix   = "gpu-"
  instance_type = "g6.xlarge"
}

module "eks" {
  source = "terraform-aws-modules/eks/aws"
  eks_managed_node_groups = {
    external_lt = {
      create_launch_template  = false
      launch_template_name    = aws_launch_template.gpu.name
      launch_template_version = aws_launch_template.gpu.default_version
    }
  }
}
`;
    const fact = only(text);
    assert.equal(fact.name, 'module.eks.eks_managed_node_groups["external_lt"]', 'the template is counted with its group, not twice');
    assert.deepEqual(fact.gpu, { model: 'L4', count: 1 });
    assert.equal(textAt(text, fact.instanceType?.anchor?.range), '"g6.xlarge"');
  });

  it('ignores other modules', () => {
    assert.deepEqual(resources(`module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  managed_node_groups = {}\n}\n`), []);
    assert.deepEqual(extract(`module "x" {\n  source = "./nodes"\n  instance_types = ["p5.48xlarge"]\n}\n`).facts, []);
  });
});
