# on-demand-gpu-training: the fine-tuning node group runs A100s on on-demand capacity.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name    = "${local.name}-eks"
  cluster_version = "1.31"

  eks_managed_node_groups = {
    core = {
      instance_types = ["m6i.xlarge"]
      min_size       = 2
      max_size       = 4
      desired_size   = 2
    }

    finetune = {
      ami_type       = "AL2_x86_64_GPU"
      instance_types = ["p4d.24xlarge"]
      min_size       = 0
      max_size       = 4
      desired_size   = 2

      labels = {
        workload = "training"
      }

      tags = merge(local.tags, {
        Name = "finetune"
      })
    }
  }
}
