# expensive-gpu-for-inference: vLLM serves a 8B model on H100s, a training-class GPU.
resource "aws_eks_node_group" "vllm_serving" {
  cluster_name    = module.eks.cluster_name
  node_group_name = "vllm-serving"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = module.vpc.private_subnets
  ami_type        = "AL2_x86_64_GPU"
  instance_types  = ["p5.48xlarge"]

  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 3
  }

  labels = {
    "app.kubernetes.io/name" = "vllm"
  }
}

# A SageMaker endpoint is inference by definition; this one runs on 8× H100.
resource "aws_sagemaker_endpoint_configuration" "assistant" {
  name = "assistant-llm"

  production_variants {
    variant_name           = "AllTraffic"
    model_name             = "assistant-llm"
    instance_type          = "ml.p5.48xlarge"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_endpoint" "assistant" {
  name                 = "assistant-llm"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.assistant.name
}

resource "aws_appautoscaling_target" "assistant" {
  service_namespace  = "sagemaker"
  scalable_dimension = "sagemaker:variant:DesiredInstanceCount"
  resource_id        = "endpoint/${aws_sagemaker_endpoint.assistant.name}/variant/AllTraffic"
  min_capacity       = 1
  max_capacity       = 2
}
