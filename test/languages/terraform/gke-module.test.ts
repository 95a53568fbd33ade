import * as assert from 'node:assert/strict';
import { applyAndParse, extract, loadGrammar, only, resources, textAt } from './support';

/** terraform-google-modules/kubernetes-engine with node pools written in the module block. */
const inline = (pool: string, extra = '') => `module "gke" {
  source   = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"
  version  = "~> 33.0"
  name     = "ml"
  regional = false
  zones    = ["us-central1-a"]
${extra}
  node_pools = [
    {
      name         = "default"
      machine_type = "e2-standard-8"
      min_count    = 1
      max_count    = 3
    },
    {
${pool}
    },
  ]
}
`;

const L4_POOL = `      name              = "l4-serving"
      machine_type      = "g2-standard-8"
      accelerator_type  = "nvidia-l4"
      accelerator_count = 1
      min_count         = 1
      max_count         = 4`;

describe('terraform: terraform-google-modules/kubernetes-engine node pools', () => {
  loadGrammar();

  it('reads a GPU pool from node_pools (the CPU pool has no GPU), with the module defaults for what is not set', () => {
    const code = inline(L4_POOL);
    const fact = only(code);
    assert.equal(fact.name, 'module.gke.node_pools["l4-serving"]');
    assert.equal(textAt(code, fact.nameRange), '"l4-serving"');
    assert.deepEqual([fact.cloud, fact.computeKind, fact.instanceType?.value], ['gcp', 'node-pool', 'g2-standard-8']);
    assert.deepEqual(fact.gpu && { model: fact.gpu.model, count: fact.gpu.count }, { model: 'L4', count: 1 });
    assert.deepEqual(fact.replicas, { desired: 1, min: 1, max: 4 });
    assert.deepEqual([fact.purchase, fact.autoscaling.present, fact.purpose.value], ['on-demand', true, 'inference']);
  });

  it('counts per-zone bounds in every zone of node_locations, totals as written, and node_count without autoscaling', () => {
    const zonal = only(inline(`${L4_POOL}\n      node_locations = "us-central1-a,us-central1-b"`));
    assert.deepEqual(zonal.replicas, { desired: 2, min: 2, max: 8 });
    const totals = only(inline(`      name = "t"\n      machine_type = "n1-standard-8"\n      accelerator_type = "nvidia-tesla-t4"\n      accelerator_count = 2\n      total_min_count = 0\n      total_max_count = 5`));
    assert.deepEqual(totals.replicas, { desired: 0, min: 0, max: 5 });
    const fixed = only(inline(`      name = "t"\n      machine_type = "n1-standard-8"\n      accelerator_type = "nvidia-tesla-t4"\n      accelerator_count = 1\n      autoscaling = false\n      node_count = 3`));
    assert.deepEqual([fixed.replicas.desired, fixed.autoscaling.present], [3, false]);
  });

  it('a regional cluster without zones spreads a pool over three zones', () => {
    const code = inline(L4_POOL).replace('  regional = false\n  zones    = ["us-central1-a"]\n', '');
    assert.deepEqual(only(code).replicas, { desired: 3, min: 3, max: 12 });
  });

  it('spot and preemptible pools are spot; the spot and autoscaling settings are written in the pool object', () => {
    assert.equal(only(inline(`${L4_POOL}\n      spot = true`)).purchase, 'spot');
    assert.equal(only(inline(`${L4_POOL}\n      preemptible = true`)).purchase, 'spot');
    const code = inline(L4_POOL);
    const result = extract(code);
    const fact = only(code);
    const spot = applyAndParse(code, result.edits!.setArgument(fact.spotField!.anchor, fact.spotField!.key, fact.spotField!.value));
    assert.match(spot, /max_count\s+= 4\n\s+spot\s+= true\n\s+},/);
    const scaled = applyAndParse(code, result.edits!.setArgument(fact.autoscalingField!.anchor, fact.autoscalingField!.key, fact.autoscalingField!.value));
    assert.equal(only(scaled).replicas.min, 0);
  });

  it('labels from node_pools_labels (all and the pool) and the cluster resource labels', () => {
    const fact = only(inline(L4_POOL, `  cluster_resource_labels = { team = "ml" }\n  node_pools_labels = {\n    all          = { env = "prod" }\n    "l4-serving" = { app = "chat" }\n  }`));
    assert.deepEqual([fact.tags.own, fact.tags.inherited, fact.tags.unresolved], [{ env: 'prod', app: 'chat' }, { team: 'ml' }, undefined]);
    const caller = only({ 'main.tf': inline(L4_POOL, '  node_pools_labels = { all = var.labels }'), 'variables.tf': 'variable "labels" {\n  type = map(string)\n}\n' });
    assert.equal(caller.tags.unresolved, true);
  });

  it('pools from variables and tfvars through a local with concat and a condition, as public GKE blueprints pass them', () => {
    const facts = resources({
      'main.tf': `locals {
  node_pools = concat((var.enable_gpu ? var.gpu_pools : []), var.cpu_pools)
}
module "gke" {
  source     = "terraform-google-modules/kubernetes-engine/google"
  zones      = ["us-central1-a", "us-central1-b"]
  node_pools = local.node_pools
}
`,
      'variables.tf': 'variable "gpu_pools" {}\nvariable "cpu_pools" {}\nvariable "enable_gpu" {\n  default = true\n}\n',
      'terraform.tfvars': 'cpu_pools = [{ name = "cpu", machine_type = "n2-standard-8" }]\ngpu_pools = [{ name = "gpu", machine_type = "n1-standard-8", accelerator_type = "nvidia-tesla-t4", accelerator_count = 2, max_count = 3 }]\n',
    });
    assert.deepEqual(facts.map((f) => [f.name, f.gpu?.model, f.gpu?.count, f.replicas.max]), [['module.gke.node_pools["gpu"]', 'T4', 2, 6]]);
    assert.equal(facts[0].spotField, undefined, 'pools reached through variables are not edited from here');
  });

  it('leaves other modules alone, and says when node_pools are not known here', () => {
    assert.deepEqual(resources(inline(L4_POOL).replace('terraform-google-modules/kubernetes-engine/google//modules/private-cluster', './modules/gke')), []);
    const result = extract({ 'main.tf': 'module "gke" {\n  source     = "terraform-google-modules/kubernetes-engine/google"\n  node_pools = var.pools\n}\n', 'variables.tf': 'variable "pools" {}\n' });
    assert.deepEqual(result.facts, []);
    assert.ok(result.notes.some((n) => /module\.gke: node_pools not known here/.test(n)), result.notes.join('\n'));
  });
});
