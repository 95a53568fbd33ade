import * as assert from 'node:assert/strict';
import { loadGrammar, only, resources, textAt } from './support';

describe('terraform extractor: Azure VMs and AKS node pools', () => {
  loadGrammar();

  it('reads a Linux VM: size, Spot priority, tags', () => {
    const text = `resource "azurerm_linux_virtual_machine" "trainer" {
  name                = "finetune-a100"
  resource_group_name = azurerm_resource_group.ml.name
  location            = "eastus"
  size                = "Standard_NC24ads_A100_v4"
  priority            = "Spot"
  eviction_policy     = "Deallocate"

  tags = {
    team = "research"
  }
}
`;
    const fact = only(text);
    assert.equal(fact.cloud, 'azure');
    assert.equal(fact.computeKind, 'vm');
    assert.deepEqual(fact.gpu, { model: 'A100-80', count: 1 });
    assert.equal(fact.purchase, 'spot');
    assert.equal(textAt(text, fact.purchaseAnchor?.range), '"Spot"');
    assert.equal(fact.purpose.value, 'training');
    assert.deepEqual(fact.tags.own, { team: 'research' });
    assert.equal(only(text.replace('"Spot"', '"Regular"')).purchase, 'on-demand');
  });

  it("reads an AKS cluster's default node pool, with the cluster's tags inherited", () => {
    const text = `resource "azurerm_kubernetes_cluster" "aks" {
  name       = "ml-aks"
  dns_prefix = "ml"

  default_node_pool {
    name       = "gpu"
    vm_size    = "Standard_NC6s_v3"
    node_count = 2
  }

  tags = {
    team = "platform"
  }
}
`;
    const fact = only(text);
    assert.equal(fact.name, 'azurerm_kubernetes_cluster.aks.default_node_pool');
    assert.equal(textAt(text, fact.nameRange), 'default_node_pool');
    assert.deepEqual(fact.gpu, { model: 'V100', count: 1 });
    assert.deepEqual(fact.replicas, { desired: 2, min: null, max: null });
    assert.deepEqual(fact.tags.inherited, { team: 'platform' });
    assert.equal(fact.spotField, undefined, 'a system pool cannot be Spot');
    assert.equal(fact.autoscalingField, undefined);
  });

  describe('azurerm_kubernetes_cluster_node_pool', () => {
    const text = `resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
  name                  = "serving"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_NC24ads_A100_v4"
  node_count            = 3
  node_labels = {
    "nvidia.com/gpu.present" = "true"
  }
}
`;

    it('reads size, count, priority and the autoscaling switch of azurerm 4', () => {
      const fact = only(text);
      assert.deepEqual(fact.replicas, { desired: 3, min: null, max: null });
      assert.equal(fact.autoscaling.present, false);
      assert.equal(fact.purpose.value, 'inference');
      assert.deepEqual({ key: fact.autoscalingField?.key, value: fact.autoscalingField?.value }, { key: 'auto_scaling_enabled', value: true });
      assert.deepEqual({ key: fact.spotField?.key, value: fact.spotField?.value }, { key: 'priority', value: 'Spot' });
    });

    it('reads autoscaling in either spelling, and speaks azurerm 3 when the module pins it', () => {
      const v3 = only(text.replace('node_count            = 3', 'enable_auto_scaling = true\n  min_count           = 1\n  max_count           = 5'));
      assert.deepEqual({ ...v3.autoscaling, anchor: undefined }, { present: true, min: 1, max: 5, anchor: undefined });
      assert.equal(v3.autoscalingField?.key, 'enable_auto_scaling');
      const pinned = `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
  }
}
`;
      assert.equal(only({ 'main.tf': text, 'versions.tf': pinned }).autoscalingField?.key, 'enable_auto_scaling');
      assert.equal(only(text.replace('node_count            = 3', 'priority = "Spot"')).purchase, 'spot');
    });

    it('is not a fact on a CPU size', () => {
      assert.deepEqual(resources(text.replace('Standard_NC24ads_A100_v4', 'Standard_D4s_v5')), []);
    });
  });
});
