import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetService, type BudgetAccess, type BudgetConfigSource, type BudgetState } from '../../server/budgets';
import { redact, redactDeep } from '../../server/budgets/redact';
import { retryAfterMs } from '../../server/budgets/http';
import type { BudgetsConfig } from '../../server/config/schema';
import { contractEntry, json, scriptedServer } from '../support/budgets';

const TOKEN = 'admin-key-0123456789';
const NOW = Date.parse('2026-11-16T00:00:00Z'); // half of November gone

const source = (budgets: BudgetsConfig, root = os.tmpdir()): BudgetConfigSource => ({ file: path.join(root, '.costlint.yaml'), root, config: { budgets }, originOf: () => undefined });
const access = (origin: string): BudgetAccess => ({ token: TOKEN, allowedOrigins: [origin], offline: false, trusted: true });
const lookup = (team: string, budgets: BudgetsConfig, origin: string) => new BudgetService({ cacheDir: null, now: () => NOW, timeoutMs: 1000 }).budgetFor(team, source(budgets), access(origin));

function known(state: BudgetState) {
  assert.equal(state.kind, 'known', JSON.stringify(state));
  return state as Extract<BudgetState, { kind: 'known' }>;
}

describe('budget adapters (recorded response shapes)', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  // Shape of OpenCost's /allocation answer (opencost.io API examples): one set per step, keyed by the aggregate.
  const allocation = {
    code: 200,
    data: [
      {
        __idle__: { name: '__idle__', totalCost: 40.5, window: { start: '2026-11-01T00:00:00Z', end: '2026-11-16T00:00:00Z' } },
        search: { name: 'search', cpuCost: 120.25, gpuCost: 600, ramCost: 30, totalCost: 750.25, window: { start: '2026-11-01T00:00:00Z', end: '2026-11-16T00:00:00Z' } },
        'kube-system': { name: 'kube-system', totalCost: 12, window: { start: '2026-11-01T00:00:00Z', end: '2026-11-16T00:00:00Z' } },
      },
    ],
  };

  it('OpenCost: month-to-date allocation of the team namespace, budget from config, forecast extrapolated', async () => {
    server = await scriptedServer((_req, res) => json(res, 200, allocation));
    const state = known(await lookup('search', { adapter: 'opencost', url: server.url, monthly_usd: { search: 2000 } }, server.origin));
    assert.equal(server.requests[0].url, '/allocation?window=month&aggregate=namespace&accumulate=true');
    assert.deepEqual([state.actual, state.budget, state.source, state.dataAsOf], [750.25, 2000, 'OpenCost allocation (namespace search)', '2026-11-16T00:00:00Z']);
    assert.ok(Math.abs(state.forecast - 750.25 * 2) < 1e-6, `half the month gone: forecast doubles (${state.forecast})`);
  });

  it('Kubecost: the same shape under /model/allocation, a team as a label value', async () => {
    server = await scriptedServer((_req, res) => json(res, 200, { code: 200, status: 'success', data: [{ 'search-team': { ...allocation.data[0].search, name: 'search-team' } }] }));
    const state = known(await lookup('search', { adapter: 'kubecost', url: server.url, aggregate: 'label:team', teams: { search: 'search-team' }, monthly_usd: { search: 2000 } }, server.origin));
    assert.equal(server.requests[0].url, '/model/allocation?window=month&aggregate=label%3Ateam&accumulate=true');
    assert.equal(state.actual, 750.25);
  });

  it('OpenAI organization costs: sums the project over daily buckets and pages, Bearer admin key', async () => {
    const bucket = (day: number, value: number) => ({
      object: 'bucket',
      start_time: Date.parse(`2026-11-${String(day).padStart(2, '0')}T00:00:00Z`) / 1000,
      end_time: Date.parse(`2026-11-${String(day + 1).padStart(2, '0')}T00:00:00Z`) / 1000,
      results: [
        { object: 'organization.costs.result', amount: { value, currency: 'usd' }, line_item: null, project_id: 'proj_search' },
        { object: 'organization.costs.result', amount: { value: 99, currency: 'usd' }, line_item: null, project_id: 'proj_other' },
      ],
    });
    server = await scriptedServer((req, res) => {
      const page = new URL(req.url!, 'http://x').searchParams.get('page');
      if (!page) json(res, 200, { object: 'page', data: [bucket(1, 10.5), bucket(2, 20)], has_more: true, next_page: 'page_2' });
      else json(res, 200, { object: 'page', data: [bucket(3, 0.25)], has_more: false, next_page: null });
    });
    const state = known(await lookup('search', { adapter: 'openai', url: server.url, teams: { search: 'proj_search' }, monthly_usd: { search: 100 } }, server.origin));
    assert.equal(server.requests[0].url, `/v1/organization/costs?start_time=${Date.parse('2026-11-01T00:00:00Z') / 1000}&bucket_width=1d&group_by=project_id&limit=31`);
    assert.equal(server.requests[1].url.endsWith('&page=page_2'), true);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual([state.actual, state.budget, state.currency, state.dataAsOf], [30.75, 100, 'USD', '2026-11-04T00:00:00.000Z']);
  });

  it('Anthropic cost report: amounts in cents as decimal strings, x-api-key and anthropic-version headers', async () => {
    server = await scriptedServer((_req, res) =>
      json(res, 200, {
        data: [
          { starting_at: '2026-11-01T00:00:00Z', ending_at: '2026-11-02T00:00:00Z', results: [{ currency: 'USD', amount: '12345.50', workspace_id: 'wrkspc_search', description: 'Claude Sonnet', cost_type: 'tokens' }, { currency: 'USD', amount: '99900', workspace_id: null }] },
          { starting_at: '2026-11-02T00:00:00Z', ending_at: '2026-11-03T00:00:00Z', results: [{ currency: 'USD', amount: '654.50', workspace_id: 'wrkspc_search' }] },
        ],
        has_more: false,
        next_page: null,
      }),
    );
    const state = known(await lookup('search', { adapter: 'anthropic', url: server.url, teams: { search: 'wrkspc_search' }, monthly_usd: { search: 500 } }, server.origin));
    assert.match(server.requests[0].url, /^\/v1\/organizations\/cost_report\?starting_at=2026-11-01T00%3A00%3A00\.000Z&bucket_width=1d&group_by\[\]=workspace_id&limit=31$/);
    assert.equal(server.requests[0].headers['x-api-key'], TOKEN);
    assert.equal(server.requests[0].headers.authorization, undefined);
    assert.equal(server.requests[0].headers['anthropic-version'], '2023-06-01');
    assert.deepEqual([state.actual, state.budget], [130, 500]);
  });

  it('a spend-only source without a configured budget is "no budget set", not a guess', async () => {
    server = await scriptedServer((_req, res) => json(res, 200, allocation));
    const state = await lookup('search', { adapter: 'opencost', url: server.url }, server.origin);
    assert.equal(state.kind, 'unknown');
    assert.match((state as { reason: string }).reason, /no budget set for search/);
  });

  it('a static JSON file of the contract’s shape: no network, no token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-static-'));
    fs.writeFileSync(path.join(dir, 'budgets.json'), JSON.stringify({ schemaVersion: '1.0', budgets: [contractEntry('search', { budget: '800', actual: '200', forecast: '500' })] }));
    const state = known(await new BudgetService({ cacheDir: null, now: () => NOW }).budgetFor('search', source({ file: 'budgets.json' }, dir), { token: null, allowedOrigins: [], offline: true, trusted: false }));
    assert.deepEqual([state.budget, state.forecast], [800, 500]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('token redaction and Retry-After parsing', () => {
  it('redacts a secret and its URL-encoded form, in strings and JSON values', () => {
    const secret = 'abc+def/ghi=';
    assert.equal(redact(`a ${secret} b ${encodeURIComponent(secret)}`, [secret]), 'a [redacted] b [redacted]');
    assert.deepEqual(redactDeep({ [`k${secret}`]: [secret, 1, { x: `Bearer ${secret}` }] }, [secret]), { 'k[redacted]': ['[redacted]', 1, { x: 'Bearer [redacted]' }] });
    assert.equal(redact('nothing to hide', [null, '']), 'nothing to hide');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs('Fri, 20 Nov 2026 12:01:00 GMT', Date.parse('2026-11-20T12:00:00Z')), 60_000);
    assert.equal(retryAfterMs('soon'), null);
  });
});
