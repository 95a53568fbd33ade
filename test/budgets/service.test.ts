import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BudgetService, type BudgetAccess, type BudgetConfigSource, type BudgetState } from '../../server/budgets';
import type { BudgetsConfig } from '../../server/config/schema';
import { contractEntry, json, scriptedServer } from '../support/budgets';

const TOKEN = 'sk-test-9f8e7d6c5b4a';
const NOW = Date.parse('2026-11-20T12:00:00Z');

function config(budgets: BudgetsConfig, root = os.tmpdir()): BudgetConfigSource {
  return { file: path.join(root, '.costlint.yaml'), root, config: { budgets }, originOf: () => undefined };
}

const access = (origin: string, extra: Partial<BudgetAccess> = {}): BudgetAccess => ({ token: TOKEN, allowedOrigins: [origin], offline: false, trusted: true, ...extra });
/** A service with an in-memory cache and short limits, so failures are quick. */
const service = (extra: ConstructorParameters<typeof BudgetService>[0] = {}) => new BudgetService({ cacheDir: null, now: () => NOW, timeoutMs: 400, maxRetryWaitMs: 300, ...extra });

function known(state: BudgetState) {
  assert.equal(state.kind, 'known', JSON.stringify(state));
  return state as Extract<BudgetState, { kind: 'known' }>;
}
function unknown(state: BudgetState) {
  assert.equal(state.kind, 'unknown', JSON.stringify(state));
  return state as Extract<BudgetState, { kind: 'unknown' }>;
}
const contract = (...budgets: unknown[]) => ({ schemaVersion: 1, budgets });

describe('budgets from the cost API (a real server on 127.0.0.1)', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>> | undefined;
  let other: Awaited<ReturnType<typeof scriptedServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    await other?.close();
    server = other = undefined;
  });

  it('reads the contract: GET /v1/budgets?team=…&period=current with the Bearer token, decimal strings parsed', async () => {
    server = await scriptedServer((_req, res) => json(res, 200, contract(contractEntry('search-eng', { budget: '5000.00', actual: '2100.50', forecast: '4800.25' }))));
    const state = known(await service().budgetFor('search', config({ url: server.url, teams: { search: 'search-eng' } }), access(server.origin)));
    assert.equal(server.requests[0].url, '/v1/budgets?team=search-eng&period=current');
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual([state.team, state.budget, state.actual, state.forecast, state.forecastKind, state.currency], ['search', 5000, 2100.5, 4800.25, 'reported', 'USD']);
    assert.deepEqual([state.monthlyLimit, state.spentMonthly, state.stale, state.source], [5000, 2100.5, false, 'finance-warehouse']);
    assert.deepEqual(state.breakdown, [{ category: 'llm', actual: 2100.5 }]);
  });

  it('follows nextCursor pages until the team is found', async () => {
    server = await scriptedServer((req, res) => {
      const cursor = new URL(req.url!, 'http://x').searchParams.get('cursor');
      if (!cursor) json(res, 200, { ...contract(contractEntry('ads', { budget: '1', actual: '1' })), nextCursor: 'p2' });
      else json(res, 200, contract(contractEntry('search', { budget: '900', actual: '450' })));
    });
    const state = known(await service().budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.deepEqual(server.requests.map((r) => r.url), ['/v1/budgets?team=search&period=current', '/v1/budgets?team=search&period=current&cursor=p2']);
    assert.equal(state.budget, 900);
    // No forecast from the server: spend so far (450 by Nov 20 06:00) scaled to the month.
    assert.equal(state.forecastKind, 'extrapolated');
    assert.ok(state.forecast > 700 && state.forecast < 720, String(state.forecast));
  });

  const failures: [string, (res: import('node:http').ServerResponse) => void, RegExp][] = [
    ['401', (res) => json(res, 401, { error: 'bad token' }), /unauthorized \(HTTP 401: check COSTLINT_TOKEN\)/],
    ['403', (res) => json(res, 403, { error: 'no scope' }), /forbidden \(HTTP 403/],
    ['404', (res) => json(res, 404, { error: 'no such team' }), /not found \(HTTP 404/],
    ['500', (res) => json(res, 500, { error: 'boom' }), /server error \(HTTP 500\)/],
    ['503', (res) => json(res, 503, { error: 'maintenance' }), /server error \(HTTP 503\)/],
    ['truncated JSON', (res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"schemaVersion":1,"budgets":[{"team":"se'); }, /malformed JSON/],
    ['wrong shape', (res) => json(res, 200, { schemaVersion: 1, budgets: [{ team: 'search', budget: 5000 }] }), /unexpected response shape \(budgets\.0\.period/],
    ['amounts as numbers, not decimal strings', (res) => json(res, 200, contract({ ...contractEntry('search', { budget: '1', actual: '1' }), actual: 12.5 })), /unexpected response shape \(budgets\.0\.actual/],
    ['an unknown schemaVersion', (res) => json(res, 200, { ...contract(contractEntry('search', { budget: '1', actual: '1' })), schemaVersion: 2 }), /unsupported schemaVersion 2/],
    ['an HTML error page', (res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html><body>Sign in</body></html>'); }, /not JSON \(an HTML page/],
    ['a 50 MB body announced by Content-Length', (res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) }); res.write('{"budgets":['); }, /response too large \(52428800 bytes/],
  ];
  for (const [name, answer, reason] of failures) {
    it(`${name} → budget unknown with the reason, never a throw`, async () => {
      server = await scriptedServer((_req, res) => answer(res));
      const state = unknown(await service().budgetFor('search', config({ url: server.url }), access(server.origin)));
      assert.match(state.reason, reason);
    });
  }

  it('a 50 MB chunked body is cut off at the size cap', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (sent < 50 && res.write(chunk)) sent++;
        if (sent < 50) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const started = Date.now();
    const state = unknown(await service({ timeoutMs: 5000 }).budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.match(state.reason, /response too large \(over 1000000 bytes\)/);
    assert.ok(sent < 50, `stopped reading early (${sent} MB sent)`);
    assert.ok(Date.now() - started < 3000);
  });

  it('slow beyond the timeout, or never answering, → timed out within the limit', async () => {
    server = await scriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"schemaVersion":1,'); // …and the rest never comes
    });
    other = await scriptedServer(() => undefined);
    for (const target of [server, other]) {
      const started = Date.now();
      const state = unknown(await service({ timeoutMs: 300 }).budgetFor('search', config({ url: target.url }), access(target.origin)));
      assert.equal(state.reason, 'timed out after 300 ms');
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    }
  });

  it('honours Retry-After on 429: retries once after a short wait', async () => {
    server = await scriptedServer((_req, res, n) => (n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '0' }) : json(res, 200, contract(contractEntry('search', { budget: '100', actual: '10' })))));
    known(await service().budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.equal(server.requests.length, 2);
  });

  it('honours a long Retry-After: reports it and does not ask again before it', async () => {
    let now = NOW;
    server = await scriptedServer((_req, res, n) => (n === 1 ? json(res, 200, contract(contractEntry('search', { budget: '100', actual: '10' }))) : json(res, 429, {}, { 'retry-after': '3600' })));
    const budgets = service({ now: () => now });
    const source = config({ url: server.url });
    known(await budgets.budgetFor('search', source, access(server.origin)));
    now += 16 * 60_000; // past fresh: asks again, is told to wait an hour
    budgets.refresh();
    const limited = known(await budgets.budgetFor('search', source, access(server.origin)));
    assert.equal(limited.stale, true);
    assert.match(limited.staleReason!, /rate limited \(HTTP 429, retry after 3600 s\)/);
    now += 10 * 60_000;
    budgets.refresh();
    const waiting = known(await budgets.budgetFor('search', source, access(server.origin)));
    assert.match(waiting.staleReason!, /rate limited until 2026-11-20T13:16:00\.000Z/);
    assert.equal(server.requests.length, 2, 'no request before Retry-After');
  });

  it('never follows a redirect to another origin, so the token never arrives there', async () => {
    other = await scriptedServer((_req, res) => json(res, 200, contract(contractEntry('search', { budget: '1', actual: '1' }))));
    server = await scriptedServer((_req, res) => {
      res.writeHead(302, { location: `${other!.url}/v1/budgets?team=search&period=current` });
      res.end();
    });
    const state = unknown(await service().budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.match(state.reason, new RegExp(`redirected to another origin \\(${other.origin.replace(/[.]/g, '\\.')}\\): not followed`));
    assert.equal(other.requests.length, 0, 'the other origin was never contacted');
  });

  it('follows a redirect within the approved origin', async () => {
    server = await scriptedServer((req, res) => {
      if (req.url!.startsWith('/v1/')) {
        res.writeHead(307, { location: '/api/v1/budgets?team=search&period=current' });
        res.end();
      } else json(res, 200, contract(contractEntry('search', { budget: '100', actual: '10' })));
    });
    known(await service().budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('redacts a token the server echoes back, in figures and in reasons', async () => {
    server = await scriptedServer((req, res, n) => {
      const echoed = req.headers.authorization ?? '';
      if (n === 1) json(res, 200, contract({ ...contractEntry('search', { budget: '100', actual: '10' }), source: `warehouse (called with ${echoed})` }));
      else json(res, 200, { schemaVersion: 1, budgets: 'token was ' + echoed });
    });
    const budgets = service();
    const state = known(await budgets.budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.equal(state.source, 'warehouse (called with Bearer [redacted])');
    const failed = unknown(await service().budgetFor('search', config({ url: server.url }), access(server.origin)));
    assert.doesNotMatch(JSON.stringify([state, failed]), new RegExp(TOKEN));
  });

  it('does no network without an approved origin, offline, or in an untrusted workspace', async () => {
    server = await scriptedServer((_req, res) => json(res, 200, contract(contractEntry('search', { budget: '1', actual: '1' }))));
    const source = config({ url: server.url });
    assert.match(unknown(await service().budgetFor('search', source, access('https://elsewhere.example'))).reason, /origin http:\/\/127\.0\.0\.1:\d+ is not approved/);
    assert.equal(unknown(await service().budgetFor('search', source, access(server.origin, { offline: true }))).reason, 'offline');
    assert.match(unknown(await service().budgetFor('search', source, access(server.origin, { trusted: false }))).reason, /workspace not trusted/);
    assert.equal(server.requests.length, 0);
  });

  it('asks a failing API at most once a minute, however many lenses ask; refresh asks again', async () => {
    server = await scriptedServer((_req, res) => json(res, 503, {}));
    const budgets = service();
    const source = config({ url: server.url });
    const states = await Promise.all([1, 2, 3].map(() => budgets.budgetFor('search', source, access(server!.origin))));
    await budgets.budgetFor('search', source, access(server.origin));
    assert.ok(states.every((s) => s.kind === 'unknown'));
    assert.equal(server.requests.length, 1);
    budgets.refresh();
    await budgets.budgetFor('search', source, access(server.origin));
    assert.equal(server.requests.length, 2);
  });

  it('says why when there is no team, no budgets section, or no budget for the team', async () => {
    server = await scriptedServer((_req, res) => json(res, 200, contract(contractEntry('search', { budget: null, actual: '10' }))));
    assert.match(unknown(await service().budgetFor(null, config({ url: server.url }), access(server.origin))).reason, /no team owns this file/);
    assert.match(unknown(await service().budgetFor('search', { ...config({}), config: {} }, access(server.origin))).reason, /no budget source configured/);
    assert.match(unknown(await service().budgetFor('search', config({ url: server.url }), access(server.origin))).reason, /no budget set for search in finance-warehouse/);
  });
});

describe('budget cache (injected clock)', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>>;
  let up = true;
  let dir: string;
  beforeEach(async () => {
    up = true;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-cache-'));
    server = await scriptedServer((_req, res) => (up ? json(res, 200, contract(contractEntry('search', { budget: '100', actual: '10' }))) : json(res, 503, {})));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fresh for 15 minutes on disk (a new process reads it without asking), then asks again', async () => {
    let now = NOW;
    const make = () => new BudgetService({ cacheDir: dir, now: () => now, timeoutMs: 400 });
    const source = config({ url: server.url });
    known(await make().budgetFor('search', source, access(server.origin)));
    now += 14 * 60_000;
    const cached = known(await make().budgetFor('search', source, access(server.origin)));
    assert.equal(cached.fetchedAt, new Date(NOW).toISOString());
    assert.equal(server.requests.length, 1);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'budgets.json'), 'utf8'), new RegExp(TOKEN), 'the cache never holds the token');
    now += 2 * 60_000;
    known(await make().budgetFor('search', source, access(server.origin)));
    assert.equal(server.requests.length, 2);
  });

  it('stale up to 24 hours when the API fails, with its age and the reason', async () => {
    let now = NOW;
    const make = () => new BudgetService({ cacheDir: dir, now: () => now, timeoutMs: 400 });
    const source = config({ url: server.url });
    known(await make().budgetFor('search', source, access(server.origin)));
    up = false;
    now += 23 * 60 * 60_000;
    const stale = known(await make().budgetFor('search', source, access(server.origin)));
    assert.deepEqual([stale.stale, stale.staleReason, stale.fetchedAt], [true, 'server error (HTTP 503)', '2026-11-20T12:00:00.000Z']);
    const offline = known(await make().budgetFor('search', source, access(server.origin, { offline: true })));
    assert.equal(offline.staleReason, 'offline');
  });

  it('an answer asked for before a refresh (or a new token) and landing after it is not fresh: the next lookup asks again', async () => {
    const held: (() => void)[] = [];
    const slow = await scriptedServer((_req, res) => held.push(() => json(res, 200, contract(contractEntry('search', { budget: '100', actual: '10' })))));
    const answerNext = async () => {
      while (!held.length) await new Promise((resolve) => setTimeout(resolve, 5));
      held.shift()!();
    };
    try {
      let now = NOW;
      const budgets = new BudgetService({ cacheDir: dir, now: () => now, timeoutMs: 10_000 });
      const source = config({ url: slow.url });
      const before = budgets.budgetFor('search', source, access(slow.origin));
      while (!slow.requests.length) await new Promise((resolve) => setTimeout(resolve, 5));
      now += 1_000;
      budgets.refresh();
      await answerNext();
      known(await before);
      const after = budgets.budgetFor('search', source, access(slow.origin));
      const asked = async () => {
        while (!held.length) await new Promise((resolve) => setTimeout(resolve, 5));
        return 'asked again';
      };
      assert.equal(await Promise.race([after.then(() => 'answered from the cache'), asked()]), 'asked again');
      await answerNext();
      known(await after);
      assert.equal(slow.requests.length, 2);
    } finally {
      await slow.close();
    }
  });

  it('expired after 24 hours: budget unknown, stale as of the last answer', async () => {
    let now = NOW;
    const make = () => new BudgetService({ cacheDir: dir, now: () => now, timeoutMs: 400 });
    const source = config({ url: server.url });
    known(await make().budgetFor('search', source, access(server.origin)));
    up = false;
    now += 25 * 60 * 60_000;
    const state = unknown(await make().budgetFor('search', source, access(server.origin)));
    assert.deepEqual([state.reason, state.staleAsOf], ['server error (HTTP 503)', '2026-11-20T12:00:00.000Z']);
  });
});
