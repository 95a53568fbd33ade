variable "serving_instance_type" {
  description = "Instance type of the vLLM serving nodes"
  type        = string
  default     = "p5.48xlarge"
}
