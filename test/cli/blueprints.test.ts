import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCliAsync } from '../support/cli';
import { defaultCatalog } from '../../pricing/catalog';

/** Public GPU blueprints for EKS, GKE, KubeRay and KServe, reduced (see each file's header). */
const BLUEPRINTS = path.join(__dirname, '..', 'fixtures', 'blueprints');
const HOURS = 730;

interface Item {
  filePath: string;
  name: string;
  monthly: number | null;
  monthlyRange?: { low: number; high: number };
  gpu: { model: string | null; count: number } | null;
  replicas: number | null;
  purchase: string;
  notes: string[];
}

describe('public GPU blueprints, as a new user checks them', function () {
  // Each case runs the built CLI over every blueprint; a loaded CI machine needs the room.
  this.timeout(120_000);
  const catalog = defaultCatalog();
  let items: Map<string, Item>;

  before(async () => {
    const run = await runCliAsync(['estimate', '--format', 'json', BLUEPRINTS], BLUEPRINTS);
    assert.equal(run.code, 0, run.stderr);
    items = new Map((JSON.parse(run.stdout) as { items: Item[] }).items.map((i) => [i.name, i]));
  });

  it('finds the GPU node groups, pools and workloads, and nothing that has no GPU', () => {
    assert.deepEqual([...items.keys()].sort(), [
      'InferenceService/huggingface-llama2',
      'RayService/llama-3-8b/gpu-group',
      'module.eks.eks_managed_node_groups["gpu1"]',
      'module.gke.node_pools["gpu-pool"]',
    ]);
  });

  it('EKS (data-on-eks JARK stack): one g5.12xlarge, 4× A10G, on demand, priced from its catalog row', () => {
    const gpu = items.get('module.eks.eks_managed_node_groups["gpu1"]')!;
    assert.deepEqual([gpu.gpu, gpu.replicas, gpu.purchase], [{ model: 'A10G', count: 4 }, 1, 'on-demand']);
    assert.equal(gpu.monthly, catalog.findInstance('g5.12xlarge')!.on_demand_hourly_usd! * HOURS);
  });

  it('GKE (ai-on-gke through terraform-google-modules/kubernetes-engine and tfvars): 2× T4 per node in two zones, the VM part said to be unpriced', () => {
    const pool = items.get('module.gke.node_pools["gpu-pool"]')!;
    assert.deepEqual([pool.gpu, pool.replicas, pool.purchase], [{ model: 'T4', count: 2 }, 2, 'on-demand']);
    const t4 = catalog.findInstance('accelerator:nvidia-tesla-t4')!.on_demand_hourly_usd!;
    assert.ok(Math.abs(pool.monthly! - t4 * 2 * 2 * HOURS) < 0.01, `monthly ${pool.monthly}`);
    assert.ok(pool.notes.some((n) => /VM part of n1-standard-8 not priced/.test(n)));
  });

  it('KServe (Hugging Face runtime on an A100 80GB): one replica at the GPU-hour rate, capacity shown as unknown', () => {
    const isvc = items.get('InferenceService/huggingface-llama2')!;
    assert.deepEqual([isvc.gpu, isvc.purchase], [{ model: 'A100-80', count: 1 }, 'unknown']);
    assert.equal(isvc.monthly, catalog.findGpu('A100-80')!.on_demand_per_gpu_hour_usd * HOURS);
    assert.ok(isvc.notes.some((n) => /capacity type unknown/.test(n)));
  });

  it('KubeRay (vLLM on Ray Serve): 2 GPUs of no declared model give a range over the catalog, not a guess', () => {
    const ray = items.get('RayService/llama-3-8b/gpu-group')!;
    assert.deepEqual([ray.gpu, ray.monthly], [{ model: null, count: 2 }, null]);
    const rates = catalog.data.gpus.map((g) => g.on_demand_per_gpu_hour_usd);
    assert.deepEqual(ray.monthlyRange, { low: Math.min(...rates) * 2 * HOURS, high: Math.max(...rates) * 2 * HOURS });
  });

  it('check flags what wastes money in them, with no parsing error', async () => {
    const run = await runCliAsync(['check', '--format', 'json', BLUEPRINTS], BLUEPRINTS);
    assert.equal(run.code, 0, run.stderr);
    const files = JSON.parse(run.stdout) as { filePath: string; errorCount: number; messages: { ruleId: string; line: number }[] }[];
    const found = files.flatMap((f) => f.messages.map((m) => `${path.relative(BLUEPRINTS, f.filePath)}:${m.line} ${m.ruleId}`)).sort();
    assert.deepEqual(found, [
      'eks-jark-stack/eks.tf:31 gpu-without-autoscaling',
      'eks-jark-stack/eks.tf:31 missing-cost-tags',
      'gke-ai-on-gke/main.tf:9 missing-cost-tags',
      'kserve-huggingface/llama2.yaml:8 expensive-gpu-for-inference',
      'kserve-huggingface/llama2.yaml:8 missing-cost-tags',
      'kuberay-vllm/ray-service.vllm.yaml:27 gpu-without-autoscaling',
      'kuberay-vllm/ray-service.vllm.yaml:27 missing-cost-tags',
    ]);
    assert.ok(files.every((f) => f.errorCount === 0));
  });
});
