import * as assert from 'node:assert/strict';
import type { ComputeResource } from '../../server/engine/facts';
import { estimateCompute } from '../../server/estimate/compute';
import { defaultUsage } from '../../server/estimate/usage';
import { defaultCatalog } from '../../pricing/catalog';
import { lintSource } from '../../server/engine/lint';
import { defaultSettings } from '../../server/config/settings';
import { initExtractors } from '../../server/languages';

const catalog = defaultCatalog();

function resource(over: Partial<ComputeResource>): ComputeResource {
  return {
    kind: 'ComputeResource',
    range: { start: 0, end: 1 },
    nameRange: { start: 0, end: 1 },
    name: 'r',
    cloud: 'aws',
    computeKind: 'node-group',
    resourceType: 'aws_eks_node_group',
    instanceType: null,
    gpu: null,
    replicas: { desired: 1, min: null, max: null },
    purchase: 'on-demand',
    autoscaling: { present: false, min: null, max: null },
    purpose: { value: 'unknown', hints: [] },
    tags: { own: {}, inherited: {} },
    retry: [],
    ...over,
  };
}

const estimate = (r: ComputeResource, extra: Partial<Parameters<typeof estimateCompute>[0]> = {}) => estimateCompute({ resource: r, catalog, usage: defaultUsage(), ...extra });
const close = (actual: number | null | undefined, expected: number) => {
  assert.ok(actual !== null && actual !== undefined, 'no figure');
  assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);
};

describe('compute estimates', () => {
  it('prices an instance row × instances × 730 hours', () => {
    const e = estimate(resource({ instanceType: { value: 'p4d.24xlarge' }, gpu: { model: 'A100-40', count: 8 }, replicas: { desired: 2, min: 2, max: 2 } }));
    close(e.hourly, 21.96 * 2);
    close(e.monthly, 21.96 * 2 * 730);
    assert.equal(e.components.length, 1);
    assert.equal(e.components[0].name, 'Instance usage, p4d.24xlarge (on-demand)');
    assert.equal(e.components[0].quantity, 2);
    assert.equal(e.price?.id, 'aws/p4d.24xlarge');
    assert.deepEqual(e.assumptions.map((a) => [a.name, a.value]), [['Instances or replicas', 2], ['Hours per month', 730]]);
  });

  it("applies the GPU's typical spot discount from gpus.yaml", () => {
    const e = estimate(resource({ instanceType: { value: 'p4d.24xlarge' }, purchase: 'spot' }));
    close(e.hourly, 21.96 * (1 - 0.51));
    assert.equal(e.components[0].name, 'Instance usage, p4d.24xlarge (spot)');
    assert.deepEqual(e.assumptions.find((a) => a.name === 'Spot discount')?.value, 0.51);
  });

  it('takes hours from a usage annotation, and instance counts from min when desired is unknown', () => {
    const e = estimate(resource({ instanceType: { value: 'g5.xlarge' }, replicas: { desired: null, min: 3, max: 6 } }), { annotation: { monthlyHours: 200, line: 4 } });
    close(e.monthly, 1.006 * 3 * 200);
    assert.equal(e.assumptions[1].source.kind, 'annotation');
  });

  it('prices GCP accelerators per GPU and shows the VM part unpriced', () => {
    const e = estimate(resource({ cloud: 'gcp', instanceType: { value: 'n1-standard-8' }, gpu: { model: 'T4', count: 2 } }));
    close(e.hourly, 0.35 * 2);
    close(e.monthly, 0.35 * 2 * 730);
    assert.deepEqual(e.components.map((c) => [c.name, c.unit, c.quantity, c.unitPrice]), [
      ['GPU usage, 2× T4 (accelerator:nvidia-tesla-t4) (on-demand)', 'GPU-hour', 2, 0.35],
      ['VM usage, n1-standard-8 (vCPU and memory) (on-demand)', 'hour', 1, null],
    ]);
    assert.equal(e.components[1].cost, null);
    assert.deepEqual(e.notes, ['VM part of n1-standard-8 not priced: the figure covers its GPUs only']);
    assert.equal(e.price?.id, 'gcp/accelerator:nvidia-tesla-t4');
  });

  it('prices GCP machine types with built-in GPUs: the whole VM when listed, else their GPUs', () => {
    close(estimate(resource({ cloud: 'gcp', instanceType: { value: 'a2-highgpu-1g' } })).monthly, 3.673385 * 730);
    const g2 = estimate(resource({ cloud: 'gcp', instanceType: { value: 'g2-standard-24' }, gpu: { model: 'L4', count: 2 }, replicas: { desired: 3, min: null, max: null } }));
    close(g2.hourly, 0.56004 * 2 * 3);
    assert.equal(g2.components[1].name, 'VM usage, g2-standard-24 (vCPU and memory) (on-demand)');
    assert.equal(g2.components[1].quantity, 3);
  });

  it('falls back to the GPU-hour rate for a catalog instance without a price', () => {
    const e = estimate(resource({ instanceType: { value: 'p5en.48xlarge' } }));
    close(e.hourly, 10.4365 * 8);
    assert.deepEqual(e.notes, ['no list price for p5en.48xlarge: priced at H200 GPU-hour rate']);
    assert.equal(e.price?.id, 'gpu/H200');
  });

  it('prices Azure VM sizes from their rows', () => {
    close(estimate(resource({ cloud: 'azure', instanceType: { value: 'Standard_NC24ads_A100_v4' } })).monthly, 3.673 * 730);
  });

  it('prices SageMaker ml.* instances at their EC2 host rate, as a stated lower bound', () => {
    const e = estimate(resource({ computeKind: 'managed-endpoint', resourceType: 'aws_sagemaker_endpoint_configuration', instanceType: { value: 'ml.g5.2xlarge' }, gpu: { model: 'A10G', count: 1 }, replicas: { desired: 2, min: null, max: null } }));
    close(e.monthly, 1.212 * 2 * 730);
    assert.equal(e.components[0].name, 'Instance usage, ml.g5.2xlarge at the EC2 g5.2xlarge rate (on-demand)');
    assert.deepEqual(e.notes, ['SageMaker ml.g5.2xlarge priced at the EC2 g5.2xlarge rate: SageMaker charges more, so this is a lower bound']);
  });

  it('gives a range, not a guess, for GPUs of an unknown model', () => {
    const e = estimate(resource({ cloud: 'kubernetes', computeKind: 'k8s-workload', gpu: { model: null, count: 2 }, replicas: { desired: 1, min: null, max: null } }));
    assert.equal(e.monthly, null);
    assert.equal(e.hourly, null);
    const rates = catalog.data.gpus.map((g) => g.on_demand_per_gpu_hour_usd);
    close(e.monthlyRange?.low, Math.min(...rates) * 2 * 730);
    close(e.monthlyRange?.high, Math.max(...rates) * 2 * 730);
    close(e.monthlyRange?.low, 0.526 * 2 * 730);
    close(e.monthlyRange?.high, 10.4365 * 2 * 730);
  });

  it('leaves an unknown instance type unpriced, with a note', () => {
    const e = estimate(resource({ instanceType: { value: 'x9.mega' } }));
    assert.equal(e.monthly, null);
    assert.deepEqual(e.notes, ['no price for instance type x9.mega; add it under pricing overrides']);
  });

  it('prices a change: another instance type brings its own GPUs; another GPU model its rate', () => {
    const r = resource({ instanceType: { value: 'p4d.24xlarge' }, gpu: { model: 'A100-40', count: 8 }, replicas: { desired: 2, min: null, max: null } });
    close(estimate(r, { change: { instanceType: 'g6e.xlarge' } }).monthly, 1.861 * 2 * 730);
    close(estimate(r, { change: { purchase: 'spot' } }).monthly, 21.96 * 0.49 * 2 * 730);
    const pod = resource({ cloud: 'kubernetes', computeKind: 'k8s-workload', gpu: { model: 'H100', count: 1 } });
    close(estimate(pod, { change: { gpuModel: 'L40S' } }).monthly, 1.861 * 730);
  });

  it('prices reserved capacity at on-demand, and says so', () => {
    const e = estimate(resource({ instanceType: { value: 'p5.48xlarge' }, purchase: 'reserved' }));
    close(e.monthly, 55.04 * 730);
    assert.deepEqual(e.notes, ['reserved capacity priced at on-demand: the catalog has no reserved prices']);
  });

  it('charges a pod pinned to a large instance its share of the node, by the GPUs it requests', () => {
    const pod = (count: number) =>
      resource({ cloud: 'kubernetes', computeKind: 'k8s-workload', resourceType: 'Deployment', instanceType: { value: 'p4d.24xlarge' }, gpu: { model: 'A100-40', count }, replicas: { desired: 2, min: null, max: null }, purchase: 'spot' });
    const one = estimate(pod(1));
    close(one.hourly, (21.96 / 8) * 2 * (1 - 0.51));
    assert.equal(one.components[0].name, 'Instance usage, p4d.24xlarge, 1 of 8 GPUs (spot)');
    assert.ok(one.notes.some((n) => n === '1 of the 8 GPUs of p4d.24xlarge: charged that share of the node'));
    close(estimate(pod(8)).hourly, 21.96 * 2 * (1 - 0.51));
    // A node group is charged whole nodes, whatever GPUs it declares.
    close(estimate(resource({ instanceType: { value: 'p4d.24xlarge' }, gpu: { model: 'A100-40', count: 1 } })).hourly, 21.96);
  });

  it('prices a pool that starts empty from $0 up to its limit, and one without limits per node, never a flat $0', () => {
    const pool = (max: number | null) =>
      resource({ cloud: 'aws', computeKind: 'karpenter-nodepool', resourceType: 'NodePool', instanceType: { value: 'p5.48xlarge' }, gpu: { model: 'H100', count: 8 }, replicas: { desired: null, min: 0, max } });
    const limited = estimate(pool(4));
    assert.equal(limited.monthly, null);
    assert.equal(limited.hourly, null);
    assert.deepEqual(limited.monthlyRange, { low: 0, high: 55.04 * 4 * 730 });
    assert.deepEqual(limited.assumptions[0], { name: 'Nodes at most', value: 4, source: { kind: 'declared', detail: "0 to 4 nodes: from empty up to the pool's limits" } });
    const open = estimate(pool(null));
    assert.deepEqual([open.monthly, open.monthlyRange], [null, undefined]);
    assert.ok(open.notes.includes('no limits: each node costs $55.04/h, and nothing caps how many run'), open.notes.join('\n'));
    // A node group scaling from zero is the same; one that runs nodes is priced at what runs.
    assert.deepEqual(estimate(resource({ instanceType: { value: 'g5.xlarge' }, replicas: { desired: 0, min: 0, max: 3 } })).monthlyRange, { low: 0, high: 1.006 * 3 * 730 });
    close(estimate(resource({ instanceType: { value: 'g5.xlarge' }, replicas: { desired: 1, min: 0, max: 3 } })).monthly, 1.006 * 730);
  });

  it('says when the capacity type is unknown instead of silently pricing it on demand', () => {
    const e = estimate(resource({ cloud: 'kubernetes', computeKind: 'k8s-workload', gpu: { model: 'L4', count: 1 }, purchase: 'unknown' }));
    close(e.hourly, 0.8048);
    assert.equal(e.components[0].name, 'GPU usage, 1× L4 (capacity unknown, on-demand price)');
    assert.deepEqual(e.assumptions.find((a) => a.name === 'Purchase option')?.value, 'unknown');
    assert.ok(e.notes.some((n) => /^capacity type unknown/.test(n)));
  });

  describe('from Terraform files', () => {
    before(() => initExtractors());
    const lint = (text: string) => lintSource({ path: '/project/infra/main.tf', text }, defaultSettings(catalog, new Map()), [], { today: '2026-11-23' });

    it('reads a costlint-usage comment above the resource for its hours', () => {
      const report = lint(`# GPUs run during office hours only.
# costlint-usage monthly_hours=200
resource "aws_eks_node_group" "gpu" {
  instance_types = ["g6e.xlarge"]
  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 2
  }
}
`);
      assert.equal(report.estimates.length, 1);
      close(report.estimates[0].monthly, 1.861 * 2 * 200);
      assert.equal(report.estimates[0].assumptions[1].source.kind, 'annotation');
    });

    it('prices a GKE pool per zone with its accelerators and spot capacity', () => {
      const report = lint(`resource "google_container_node_pool" "l4" {
  node_locations = ["us-central1-a", "us-central1-b"]
  node_count     = 1
  node_config {
    machine_type = "g2-standard-8"
    spot         = true
    guest_accelerator {
      type  = "nvidia-l4"
      count = 1
    }
  }
}
`);
      const [e] = report.estimates;
      close(e.hourly, 0.56004 * (1 - 0.6) * 2);
      close(e.monthly, 0.56004 * 0.4 * 2 * 730);
      assert.equal(e.components[1].unitPrice, null);
    });
  });
});
