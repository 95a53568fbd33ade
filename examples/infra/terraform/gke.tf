# gpu-without-autoscaling: two T4 nodes per zone run around the clock, busy or idle.
resource "google_container_node_pool" "batch_embeddings" {
  name           = "embeddings-t4"
  cluster        = "ml-platform"
  location       = "us-central1"
  node_locations = ["us-central1-a"]
  node_count     = 2

  node_config {
    machine_type = "n1-standard-8"

    guest_accelerator {
      type  = "nvidia-tesla-t4"
      count = 1
    }

    resource_labels = {
      team = "ml-platform"
    }
  }
}
