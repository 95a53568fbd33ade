import * as assert from 'node:assert/strict';
import { loadGrammar, only, resources, textAt } from './support';

describe('terraform extractor: GCE instances and GKE node pools', () => {
  loadGrammar();

  describe('google_compute_instance', () => {
    const text = `provider "google" {
  project = "ml-prod"
  default_labels = {
    team = "vision"
  }
}

resource "google_compute_instance" "gpu_vm" {
  name         = "inference-t4"
  machine_type = "n1-standard-8"
  zone         = "us-central1-a"

  guest_accelerator {
    type  = "nvidia-tesla-t4"
    count = 2
  }

  scheduling {
    on_host_maintenance = "TERMINATE"
  }

  labels = {
    env = "prod"
  }
}
`;

    it('reads the machine type, attached accelerators and labels', () => {
      const fact = only(text);
      assert.equal(fact.cloud, 'gcp');
      assert.equal(fact.instanceType?.value, 'n1-standard-8');
      assert.deepEqual({ ...fact.gpu, anchor: undefined }, { model: 'T4', count: 2, anchor: undefined, label: 'cloud.google.com/gke-accelerator' });
      assert.equal(textAt(text, fact.gpu?.anchor?.range), '"nvidia-tesla-t4"');
      assert.equal(fact.purchase, 'on-demand');
      assert.equal(fact.purpose.value, 'inference');
      assert.deepEqual(fact.tags.own, { env: 'prod' });
      assert.deepEqual(fact.tags.inherited, { team: 'vision' });
      assert.equal(fact.spotField?.key, 'scheduling');
      assert.deepEqual(fact.spotField?.value, { provisioning_model: 'SPOT', preemptible: true, automatic_restart: false });
    });

    it('reads spot and preemptible scheduling', () => {
      assert.equal(only(text.replace('on_host_maintenance = "TERMINATE"', 'provisioning_model = "SPOT"')).purchase, 'spot');
      assert.equal(only(text.replace('on_host_maintenance = "TERMINATE"', 'preemptible = true')).purchase, 'spot');
    });

    it('finds GPUs built into A2 machine types, and accelerator types written as URLs', () => {
      const a2 = only(text.replace('n1-standard-8', 'a2-highgpu-8g').replace(/\n  guest_accelerator \{[^}]*\}\n/, '\n'));
      assert.deepEqual(a2.gpu, { model: 'A100-40', count: 8 });
      const url = only(text.replace('"nvidia-tesla-t4"', '"projects/ml-prod/zones/us-central1-a/acceleratorTypes/nvidia-tesla-v100"'));
      assert.equal(url.gpu?.model, 'V100');
      assert.deepEqual(resources(text.replace(/\n  guest_accelerator \{[^}]*\}\n/, '\n')), [], 'a CPU machine is not a fact');
    });
  });

  describe('google_container_node_pool', () => {
    const text = `resource "google_container_node_pool" "l4" {
  name           = "g2-standard-24"
  cluster        = google_container_cluster.main.id
  node_locations = ["us-central1-a", "us-central1-c"]
  node_count     = 1

  node_config {
    machine_type = "g2-standard-24"
    spot         = true

    guest_accelerator {
      type  = "nvidia-l4"
      count = 2
      gpu_driver_installation_config {
        gpu_driver_version = "LATEST"
      }
    }

    labels = {
      role = "llm-serving"
    }
  }
}
`;

    it('reads node config, spot, and counts per zone', () => {
      const fact = only(text);
      assert.equal(fact.computeKind, 'node-pool');
      assert.equal(fact.instanceType?.value, 'g2-standard-24');
      assert.equal(fact.gpu?.model, 'L4');
      assert.equal(fact.gpu?.count, 2);
      assert.equal(fact.gpu?.label, undefined, 'L4 only attaches to G2 machines: no accelerator swap');
      assert.equal(fact.purchase, 'spot');
      assert.deepEqual(fact.replicas, { desired: 2, min: null, max: null });
      assert.equal(fact.autoscaling.present, false);
      assert.equal(fact.purpose.value, 'inference');
      assert.deepEqual(fact.tags.own, { role: 'llm-serving' });
      assert.deepEqual(fact.autoscalingField?.key, 'autoscaling');
      assert.deepEqual(fact.autoscalingField?.value, { min_node_count: 0, max_node_count: 1 });
      assert.equal(fact.spotField?.key, 'spot');
      assert.match(textAt(text, fact.spotField?.anchor.range) ?? '', /^node_config \{/);
    });

    it('reads autoscaling bounds, per zone or total', () => {
      const perZone = only(text.replace('  node_count     = 1\n', '  autoscaling {\n    min_node_count = 0\n    max_node_count = 3\n  }\n'));
      assert.deepEqual({ ...perZone.autoscaling, anchor: undefined }, { present: true, min: 0, max: 6, anchor: undefined });
      assert.deepEqual(perZone.replicas, { desired: 0, min: 0, max: 6 });
      assert.equal(perZone.autoscalingField?.key, 'autoscaling.min_node_count');
      const total = only(text.replace('  node_count     = 1\n', '  autoscaling {\n    total_min_node_count = 1\n    total_max_node_count = 4\n  }\n'));
      assert.deepEqual([total.autoscaling.min, total.autoscaling.max], [1, 4]);
      assert.equal(total.autoscalingField?.key, 'autoscaling.total_min_node_count');
    });

    it('gives one fact per for_each key when the body reads each.value', () => {
      const pools = `locals {
  gpu_pools = {
    a100 = { machine = "a2-highgpu-1g", accelerator = "nvidia-tesla-a100", purpose = "training" }
    t4   = { machine = "n1-standard-4", accelerator = "nvidia-tesla-t4", purpose = "inference" }
  }
}

resource "google_container_node_pool" "gpu" {
  for_each   = local.gpu_pools
  name       = "\${each.key}-pool"
  node_count = 1

  node_config {
    machine_type = each.value.machine
    guest_accelerator {
      type  = each.value.accelerator
      count = 1
    }
    resource_labels = {
      purpose = each.value.purpose
    }
  }
}
`;
      const facts = resources(pools);
      assert.deepEqual(facts.map((f) => [f.name, f.instanceType?.value, f.gpu?.model, f.purpose.value]), [
        ['google_container_node_pool.gpu["a100"]', 'a2-highgpu-1g', 'A100-40', 'training'],
        ['google_container_node_pool.gpu["t4"]', 'n1-standard-4', 'T4', 'inference'],
      ]);
      assert.deepEqual(facts[1].tags.own, { purpose: 'inference' });
    });
  });
});
