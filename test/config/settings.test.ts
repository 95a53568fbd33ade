import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadConfigFile, settingsFor, type LoadedConfig } from '../../server/config/load';
import { configProblems, loadConfigOrDefaults } from '../../server/config/problems';
import { lintSource } from '../../server/engine/lint';
import { estimateCompute } from '../../server/estimate/compute';
import type { ComputeResource } from '../../server/engine/facts';
import type { LlmCall } from '../../server/engine/facts';
import { initExtractors } from '../../server/languages';
import { rules } from '../../rules';
import { defaultCatalog } from '../../pricing/catalog';
import { tempProject } from '../support/cli';

const TODAY = '2026-11-23';
const CALL = `import OpenAI from 'openai';
const client = new OpenAI();
export async function answer(q: string) {
  return client.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: 400, messages: [{ role: 'user', content: q }] });
}
`;

function lint(dir: string, file: string, text: string, loaded = loadConfigFile(path.join(dir, '.costlint.yaml'))) {
  const full = path.join(dir, file);
  return lintSource({ path: full, text }, settingsFor(loaded, rules, defaultCatalog(), full), rules, { today: TODAY });
}

describe('config → what one file is linted with', () => {
  before(() => initExtractors());

  it('usage: defaults, then usage, then every matching usage.files entry (later wins), then by function', () => {
    const dir = tempProject({
      '.costlint.yaml': [
        'usage:',
        '  monthly_calls: 1000',
        '  output_tokens: 200',
        '  files:',
        '    - files: "apps/**"',
        '      monthly_calls: 5000',
        '      dynamic_input_tokens: 50',
        '    - files: "apps/support/**"',
        '      monthly_calls: 9000',
        '  functions:',
        '    nightlyDigest: { monthly_calls: 60000 }',
        '',
      ].join('\n'),
    });
    const loaded = loadConfigFile(path.join(dir, '.costlint.yaml'));
    const usage = (file: string) => settingsFor(loaded, rules, defaultCatalog(), path.join(dir, file)).usage;
    assert.equal(usage('lib/a.ts').monthlyCalls.value, 1000);
    const support = usage('apps/support/a.ts');
    assert.deepEqual([support.monthlyCalls.value, support.monthlyCalls.source.line, support.dynamicInputTokens.value, support.outputTokens.value], [9000, 9, 50, 200]);
    assert.equal(support.functions.nightlyDigest.monthlyCalls?.value, 60000);
    assert.equal(support.historyInputTokens.source.kind, 'default');
  });

  it('pricing: a negotiated discount and a changed model price, each traced to its config line', () => {
    const dir = tempProject({
      '.costlint.yaml': [
        'pricing:',
        '  discounts:',
        '    openai: { percent: 20, source: "MSA 2026-114", as_of: 2026-01-01 }',
        '  models:',
        '    - provider: openai',
        '      id: gpt-5-mini',
        '      output_per_mtok_usd: 1.5',
        '      source: "order form OF-7"',
        '      as_of: 2026-10-01',
        '',
      ].join('\n'),
    });
    const report = lint(dir, 'a.ts', CALL);
    const estimate = report.estimates[0];
    const output = estimate.components.find((c) => c.name.startsWith('Output'))!;
    // 400 tokens at $1.50/M, 20% off.
    assert.ok(Math.abs(output.unitPrice! - 1.5e-6 * 0.8) < 1e-15, String(output.unitPrice));
    const input = estimate.components.find((c) => c.name === 'Input tokens')!;
    assert.deepEqual([input.source.kind, input.source.line, input.source.asOf], ['pricing-override', 5, '2026-10-01']);
    assert.match(input.source.detail, /order form OF-7/);
    const discount = estimate.assumptions.find((a) => a.name === 'Negotiated discount (%)')!;
    assert.deepEqual([discount.value, discount.source.line, discount.source.file], [20, 3, path.join(dir, '.costlint.yaml')]);
    assert.match(discount.source.detail, /MSA 2026-114/);
  });

  it('pricing: a private fine-tuned model is priced; a new row missing prices is an error at its line', () => {
    const fineTuned = 'ft:gpt-4o-mini:acme::abc123';
    const dir = tempProject({
      '.costlint.yaml': `pricing:\n  models:\n    - { provider: openai, id: "${fineTuned}", tier: small, input_per_mtok_usd: 0.3, output_per_mtok_usd: 1.2, source: "fine-tune invoice", as_of: 2026-11-01 }\n`,
      'bad/.costlint.yaml': 'pricing:\n  models:\n    - provider: openai\n      id: acme-private\n      source: guess\n      as_of: 2026-11-01\n',
    });
    const report = lint(dir, 'a.ts', CALL.replace('gpt-5-mini', fineTuned));
    assert.equal(report.estimates[0].price?.id, `openai/${fineTuned}`);
    assert.ok(report.estimates[0].monthly! > 0);
    const problems = configProblems(path.join(dir, 'bad/.costlint.yaml'), rules, defaultCatalog());
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0].problems[0], { line: 3, message: 'pricing.models[0].tier: Invalid option: expected one of "frontier"|"mid"|"small" (a new model needs every price field)' });
  });

  it('pricing: a self-hosted GPU rate replaces the catalog’s, with its line', () => {
    const dir = tempProject({ '.costlint.yaml': 'pricing:\n  gpus:\n    - { gpu_model: L4, on_demand_per_gpu_hour_usd: 0.35, source: "our DC, amortised", as_of: 2026-11-01 }\n' });
    const settings = settingsFor(loadConfigFile(path.join(dir, '.costlint.yaml')), rules, defaultCatalog(), path.join(dir, 'k8s/a.yaml'));
    const resource = {
      kind: 'ComputeResource', range: { start: 0, end: 1 }, nameRange: { start: 0, end: 1 }, name: 'Deployment/vllm', cloud: 'kubernetes', computeKind: 'k8s-workload', resourceType: 'Deployment',
      instanceType: null, gpu: { model: 'L4', count: 2 }, replicas: { desired: 1, min: null, max: null }, purchase: 'on-demand',
      autoscaling: { present: false, min: null, max: null }, purpose: { value: 'inference', hints: [] }, tags: { own: {}, inherited: {} }, retry: [],
    } satisfies ComputeResource;
    const estimate = estimateCompute({ resource, catalog: settings.catalog, usage: settings.usage });
    assert.equal(estimate.hourly, 0.7);
    assert.deepEqual([estimate.components[0].source.kind, estimate.components[0].source.line], ['pricing-override', 3]);
    assert.notEqual(defaultCatalog().findGpu('L4')?.on_demand_per_gpu_hour_usd, 0.35, 'the shipped catalog is unchanged');
  });

  it('flags prices older than pricing.max_age_days as stale, with a note', () => {
    const dir = tempProject({ '.costlint.yaml': 'pricing:\n  max_age_days: 30\n' });
    const estimate = lint(dir, 'a.ts', CALL).estimates[0];
    assert.equal(estimate.price?.stale, true);
    assert.ok(estimate.notes.some((n) => /^price of openai\/gpt-5-mini is 61 days old \(as of 2026-09-23; pricing\.max_age_days is 30\)/.test(n)), estimate.notes.join('; '));
    assert.equal(estimate.components[0].source.stale, true);
    const fresh = tempProject({ '.costlint.yaml': 'usage: {}\n' });
    assert.equal(lint(fresh, 'a.ts', CALL).estimates[0].price?.stale, undefined, 'the default age (365 days) keeps current prices fresh');
  });

  it('severity thresholds scale a finding with its monthly cost', () => {
    const uncapped = (model: string) => CALL.replace("max_completion_tokens: 400, ", '').replace('gpt-5-mini', model);
    const dir = tempProject({ '.costlint.yaml': 'rules:\n  frontier-model-default: off\nseverity:\n  warning_above_monthly_usd: 50\n  error_above_monthly_usd: 500\nusage:\n  monthly_calls: 100000\n' });
    const severity = (model: string) => lint(dir, 'a.ts', uncapped(model)).findings.find((f) => f.ruleId === 'missing-max-tokens')?.severity;
    assert.equal(severity('gpt-5-nano'), 'info'); // ≈ $40/mo
    assert.equal(severity('gpt-5-mini'), 'warning'); // ≈ $200/mo
    assert.equal(severity('gpt-5'), 'error'); // ≈ $1,000/mo
  });

  it('wrappers: calls through the team’s own function are LLM calls, by argument position or option key', () => {
    const dir = tempProject({
      '.costlint.yaml': 'wrappers:\n  - { name: callModel, provider: openai, model: 0, prompt: 1, options: 2 }\n  - { name: llm.complete, model: model, prompt: prompt }\n',
    });
    const code = `import { callModel, llm } from './llm';
export const a = (q: string) => callModel('gpt-5-mini', q, { max_tokens: 100 });
export const b = (q: string) => llm.complete({ model: 'anthropic/claude-sonnet-4-5', prompt: q });
`;
    const calls = lint(dir, 'a.ts', code).facts as LlmCall[];
    assert.deepEqual(calls.map((c) => [c.sdk, c.provider, c.model.value, c.outputCap?.value ?? null]), [
      ['wrapper:callModel', 'openai', 'gpt-5-mini', 100],
      ['wrapper:llm.complete', 'anthropic', 'anthropic/claude-sonnet-4-5', null],
    ]);
  });

  it('wrappers: the same signatures read Python calls, by position or keyword', () => {
    const dir = tempProject({
      '.costlint.yaml': 'wrappers:\n  - { name: call_model, provider: openai, model: 0, prompt: 1, options: 2 }\n  - { name: llm.complete, model: model, prompt: prompt }\n',
    });
    const code = `from .llm import call_model, llm

def a(q):
    return call_model("gpt-5-mini", q, {"max_tokens": 100})

def b(q):
    return llm.complete(model="anthropic/claude-sonnet-4-5", prompt=q)
`;
    const calls = lint(dir, 'a.py', code).facts as LlmCall[];
    assert.deepEqual(calls.map((c) => [c.sdk, c.provider, c.model.value, c.outputCap?.value ?? null, code.slice(c.range.start, c.range.end)]), [
      ['wrapper:call_model', 'openai', 'gpt-5-mini', 100, 'call_model("gpt-5-mini", q, {"max_tokens": 100})'],
      ['wrapper:llm.complete', 'anthropic', 'anthropic/claude-sonnet-4-5', null, 'llm.complete(model="anthropic/claude-sonnet-4-5", prompt=q)'],
    ]);
  });
});

describe('config problems for the editor', () => {
  const catalog = defaultCatalog();

  it('lists every problem per file with lines, and is empty for a good config', () => {
    const dir = tempProject({
      '.costlint.yaml': 'extends: ./base.yaml\nrules:\n  missing-max-tokens: [warning, { cap: -1 }]\noverrides:\n  - files: "x/**"\n    rules: { nope: off }\n',
      'base.yaml': 'usage:\n  monthly_calls: 10\n',
      'good/.costlint.yaml': 'usage:\n  monthly_calls: 10\n',
    });
    assert.deepEqual(configProblems(path.join(dir, '.costlint.yaml'), rules, catalog), [
      {
        file: path.join(dir, '.costlint.yaml'),
        problems: [
          { line: 3, message: 'missing-max-tokens: cap Too small: expected number to be >0' },
          { line: 6, message: 'unknown rule "nope"' },
        ],
      },
    ]);
    assert.deepEqual(configProblems(path.join(dir, 'good/.costlint.yaml'), rules, catalog), []);
  });

  it('a broken config gives defaults to lint with, and its problems', () => {
    const dir = tempProject({ '.costlint.yaml': 'usage:\n  monthly_calls: lots\n', 'src/a.ts': CALL });
    const { loaded, problems } = loadConfigOrDefaults(path.join(dir, 'src'), rules, catalog);
    assert.equal((loaded as LoadedConfig).file, null);
    assert.equal(loaded.root, dir);
    assert.deepEqual(problems, [{ file: path.join(dir, '.costlint.yaml'), problems: [{ line: 2, message: 'usage.monthly_calls: Invalid input: expected number, received string' }] }]);
  });
});
