import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalogDir, catalogSourcesHash, defaultCatalog, prebuildCatalog, readCatalogData, readShippedCatalog, type PrebuiltCatalog } from '../../pricing/catalog';

describe('pricing catalog', () => {
  const catalog = defaultCatalog();

  it('loads every file through its schema', () => {
    assert.equal(catalog.data.models.length, 120);
    assert.ok(catalog.data.instances.length > 90);
    assert.ok(catalog.data.gpus.length >= 11);
    assert.ok(catalog.data.providers.length >= 8);
  });

  it('names cheaper siblings that exist, cheaper for every frontier model (the ones a rule suggests)', () => {
    for (const model of catalog.data.models) {
      if (!model.cheaper_sibling) continue;
      const sibling = catalog.cheaperSibling(model);
      assert.ok(sibling, `${model.id}: sibling ${model.cheaper_sibling} is not in the catalog`);
      const price = (m: typeof model) => m.input_per_mtok_usd + m.output_per_mtok_usd;
      if (model.tier === 'frontier') assert.ok(price(sibling) < price(model), `${model.id} → ${sibling.id} is not cheaper`);
      else assert.ok(price(sibling) <= price(model), `${model.id} → ${sibling.id} costs more`);
    }
  });

  it('has one row per id and alias within a provider', () => {
    const seen = new Map<string, string>();
    for (const model of catalog.data.models) {
      for (const name of [model.id, ...model.aliases]) {
        const key = `${model.provider}/${name.toLowerCase()}`;
        assert.ok(!seen.has(key) || seen.get(key) === model.id, `${key} names both ${seen.get(key)} and ${model.id}`);
        seen.set(key, model.id);
      }
    }
  });

  it('gives every LLM provider a provider entry, and every instance GPU a GPU entry', () => {
    for (const model of catalog.data.models) assert.ok(catalog.provider(model.provider), model.provider);
    for (const instance of catalog.data.instances) {
      if (['A10', 'P4'].includes(instance.gpu_model)) continue; // priced per instance only
      assert.ok(catalog.findGpu(instance.gpu_model), `${instance.instance_type}: ${instance.gpu_model}`);
    }
  });

  it('resolves model ids as code writes them', () => {
    const cases: [string, string, string, string][] = [
      ['openai', 'gpt-5', 'gpt-5', 'id'],
      ['openai', 'gpt-5-2025-08-07', 'gpt-5', 'alias'],
      ['openai', 'gpt-4o-2024-05-13', 'gpt-4o', 'nearest'],
      ['azure-openai', 'gpt-35-turbo', 'gpt-3.5-turbo', 'alias'],
      ['unknown', 'anthropic/claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'alias'],
      ['google', 'models/gemini-2.5-flash', 'gemini-2.5-flash', 'id'],
      ['google', 'claude-sonnet-4-5@20250929', 'claude-sonnet-4-5-20250929', 'alias'],
      ['bedrock', 'us.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0', 'alias'],
      ['bedrock', 'apac.amazon.nova-lite-v1:0', 'amazon.nova-lite-v1:0', 'id'],
      ['unknown', 'bedrock/amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0', 'id'],
    ];
    for (const [provider, id, expected, how] of cases) {
      const match = catalog.findModel(provider, id);
      assert.equal(match?.model.id, expected, `${provider} ${id}`);
      assert.equal(match?.matchedBy, how, `${provider} ${id}`);
    }
    assert.equal(catalog.findModel('openai', 'ft:gpt-4o-mini:acme::abc'), undefined);
  });

  it('finds GPUs by catalog name, vendor name and node label', () => {
    assert.equal(catalog.findGpu('H100')?.gpu_model, 'H100');
    assert.equal(catalog.findGpu('nvidia-tesla-t4')?.gpu_model, 'T4');
    assert.equal(catalog.findGpu('NVIDIA-A100-SXM4-80GB')?.gpu_model, 'A100-80');
    assert.equal(catalog.gpuForLabel('cloud.google.com/gke-accelerator', 'nvidia-l4')?.gpu_model, 'L4');
    assert.equal(catalog.gpuForLabel('karpenter.k8s.aws/instance-gpu-name', 'a10g')?.gpu_model, 'A10G');
    assert.equal(catalog.findInstance('p5.48xlarge')?.gpu_count, 8);
    assert.deepEqual(catalog.instancesWithGpu('aws', 'L4').slice(0, 1).map((i) => i.instance_type), ['g6.xlarge']);
  });
});

describe('prebuilt catalog (dist/catalog.json)', () => {
  const dist = path.join(__dirname, '..', '..', 'dist', 'catalog.json');
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-catalog-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is what the build wrote from the YAML: same hash, same validated rows', () => {
    const prebuilt = JSON.parse(fs.readFileSync(dist, 'utf8')) as PrebuiltCatalog;
    assert.equal(prebuilt.sources, catalogSourcesHash());
    assert.deepEqual(prebuilt.data, readCatalogData());
  });

  it('is used while it matches the YAML, and ignored once the YAML changes or it is unreadable', () => {
    const yaml = path.join(dir, 'pricing');
    fs.cpSync(catalogDir(), yaml, { recursive: true });
    const prebuilt = prebuildCatalog(yaml);
    prebuilt.data.models = prebuilt.data.models.slice(0, 1);
    const file = path.join(dir, 'catalog.json');
    fs.writeFileSync(file, JSON.stringify(prebuilt));
    assert.equal(readShippedCatalog(file, yaml).models.length, 1);
    fs.appendFileSync(path.join(yaml, 'llm-models.yaml'), '\n# edited\n');
    assert.equal(readShippedCatalog(file, yaml).models.length, 120);
    fs.writeFileSync(file, '{"sources": ');
    assert.equal(readShippedCatalog(file, yaml).models.length, 120);
  });
});
