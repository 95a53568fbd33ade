import type { Value } from '../../engine/edits';

/**
 * The bits of provider schemas the edits need: which keys are nested blocks (written
 * `key { … }`) rather than attributes (`key = { … }`), and settings Terraform rejects alone.
 * Keys not listed here are attributes, which is also what modules take.
 */
const BLOCKS: Record<string, readonly string[]> = {
  aws_instance: ['instance_market_options', 'spot_options', 'launch_template', 'root_block_device', 'ebs_block_device', 'metadata_options', 'credit_specification', 'capacity_reservation_specification'],
  aws_launch_template: ['instance_market_options', 'spot_options', 'tag_specifications', 'block_device_mappings', 'ebs', 'metadata_options', 'iam_instance_profile', 'network_interfaces', 'placement', 'monitoring'],
  aws_autoscaling_group: ['launch_template', 'mixed_instances_policy', 'instances_distribution', 'launch_template_specification', 'override', 'tag', 'instance_refresh', 'warm_pool'],
  aws_eks_node_group: ['scaling_config', 'launch_template', 'update_config', 'taint', 'remote_access'],
  aws_sagemaker_endpoint_configuration: ['production_variants', 'shadow_production_variants', 'managed_instance_scaling', 'routing_config', 'serverless_config', 'core_dump_config', 'data_capture_config', 'async_inference_config'],
  aws_sagemaker_notebook_instance: ['instance_metadata_service_configuration'],
  google_compute_instance: ['scheduling', 'guest_accelerator', 'boot_disk', 'initialize_params', 'network_interface', 'access_config', 'service_account', 'shielded_instance_config', 'attached_disk', 'scratch_disk', 'node_affinities', 'max_run_duration'],
  google_container_node_pool: ['autoscaling', 'node_config', 'guest_accelerator', 'gpu_driver_installation_config', 'gpu_sharing_config', 'management', 'upgrade_settings', 'network_config', 'placement_policy', 'taint', 'workload_metadata_config', 'shielded_instance_config', 'reservation_affinity', 'queued_provisioning'],
  azurerm_linux_virtual_machine: ['os_disk', 'source_image_reference', 'admin_ssh_key', 'identity', 'boot_diagnostics', 'plan', 'additional_capabilities'],
  azurerm_windows_virtual_machine: ['os_disk', 'source_image_reference', 'identity', 'boot_diagnostics', 'plan', 'additional_capabilities'],
  azurerm_kubernetes_cluster: ['default_node_pool', 'identity', 'network_profile', 'linux_profile', 'upgrade_settings', 'kubelet_config', 'linux_os_config', 'node_network_profile'],
  azurerm_kubernetes_cluster_node_pool: ['upgrade_settings', 'kubelet_config', 'linux_os_config', 'node_network_profile', 'windows_profile'],
};

/** Whether `key` inside a block of `resourceType` is a nested block. */
export function isBlockKey(resourceType: string | undefined, key: string): boolean {
  return Boolean(resourceType && BLOCKS[resourceType]?.includes(key));
}

/**
 * Settings that need partners: Azure rejects a Spot VM without an eviction policy, and AKS
 * autoscaling without bounds. Keyed by resource type, then by the key written.
 */
export interface Companion {
  key: string;
  value: (current: (key: string) => number | undefined) => Value;
  /** Keep a value already there (a chosen eviction policy, a maximum). */
  onlyIfAbsent?: boolean;
  /** Only when the key is written with this value. */
  when?: (value: Value) => boolean;
}

const AZURE_SPOT: Companion[] = [{ key: 'eviction_policy', value: () => 'Deallocate', onlyIfAbsent: true, when: (v) => v === 'Spot' }];
const AKS_AUTOSCALING: Companion[] = [
  { key: 'min_count', value: () => 0, when: (v) => v === true },
  { key: 'max_count', value: (current) => Math.max(1, current('node_count') ?? 1), onlyIfAbsent: true, when: (v) => v === true },
];

const COMPANIONS: Record<string, Record<string, Companion[]>> = {
  azurerm_linux_virtual_machine: { priority: AZURE_SPOT },
  azurerm_windows_virtual_machine: { priority: AZURE_SPOT },
  azurerm_kubernetes_cluster_node_pool: { auto_scaling_enabled: AKS_AUTOSCALING, enable_auto_scaling: AKS_AUTOSCALING },
};

export function companionsOf(resourceType: string | undefined, key: string, value: Value): Companion[] {
  return ((resourceType && COMPANIONS[resourceType]?.[key]) || []).filter((c) => !c.when || c.when(value));
}
