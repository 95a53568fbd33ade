import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as http from 'node:http';
import { formatters } from '../../server/formats';
import { runCliAsync, tempProject } from '../support/cli';
import { contractEntry, json, scriptedServer } from '../support/budgets';
import { BudgetService } from '../../server/budgets';
import { loadConfigFile } from '../../server/config/load';
import { tally } from './support';

/**
 * The cost API never hurts a lint run: every way it can fail, seen through the built CLI with a
 * real server on 127.0.0.1. The run finishes, the team's budget says "stale as of …" (or
 * "budget unknown"), and the token appears nowhere: not on stdout in any format, not on stderr,
 * not in the cache. Service-level cases (pages, Retry-After timing, cache ages) live in
 * test/budgets/; these are the user's view of the same faults.
 */

const TOKEN = 'ctk_live_REL_7a6b5c4d3e2f1a0b';
const APP = `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });\n`;

type Fault = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type Run = Awaited<ReturnType<typeof runCliAsync>>;

/** Runs jobs a few at a time: the CLI runs overlap their waits on the faulty server. */
async function pool<T>(jobs: (() => Promise<T>)[], size = 4): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

describe('reliability: the cost API never hurts', function () {
  this.timeout(180_000);
  /** Each team of a project is asked as `?team=<fault>`, so one server plays every fault at once. */
  const faultOf = new Map<string, Fault>();
  let warming = true;
  let api: Awaited<ReturnType<typeof scriptedServer>>;
  let elsewhere: Awaited<ReturnType<typeof scriptedServer>>;

  /**
   * A project with one team (and one file) per fault, whose budgets were fetched by the real
   * BudgetService (as the CLI does) `ageHours` ago: the cache is due, so the CLI run asks again
   * and each team meets its fault. Servers that answer get a generous deadline (a loaded machine
   * is slow, not faulty); silent ones a short one.
   */
  async function projectWithAgedCache(teams: readonly string[], ageHours: number, timeoutMs = 20_000): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
    const files: Record<string, string> = {
      '.costlint.yaml': `teams:\n${teams.map((t) => `  ${t}: ["src/${t}/**"]\n`).join('')}budgets:\n  url: ${api.url}\n  timeout_ms: ${timeoutMs}\n`,
    };
    for (const team of teams) files[`src/${team}/ask.ts`] = APP;
    const dir = tempProject(files);
    const env = { COSTLINT_TOKEN: TOKEN, COSTLINT_ALLOWED_ORIGINS: api.origin, COSTLINT_CACHE_DIR: path.join(dir, '.cache') };
    const service = new BudgetService({ cacheDir: env.COSTLINT_CACHE_DIR, now: () => Date.now() - ageHours * 3_600_000, timeoutMs: 30_000 });
    const warm = await service.budgetsFor(teams, loadConfigFile(path.join(dir, '.costlint.yaml')), { token: TOKEN, allowedOrigins: [api.origin], offline: false, trusted: true });
    for (const state of warm.values()) assert.equal(state.kind, 'known', JSON.stringify(state));
    return { dir, env };
  }

  const withBody = (status: number, body: string, headers: Record<string, string> = {}): Fault => (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
  const faults: Record<string, { fault: Fault; reason: RegExp; timeoutMs?: number }> = {
    '401': { fault: withBody(401, `{"error":"bad token ${TOKEN}"}`), reason: /unauthorized \(HTTP 401/ },
    '403': { fault: withBody(403, '{"error":"forbidden"}'), reason: /forbidden \(HTTP 403/ },
    '429 with a long Retry-After': {
      fault: withBody(429, '{}', { 'retry-after': '3600' }),
      // The first run learns the Retry-After; later runs do not ask before it.
      reason: /rate limited \(HTTP 429, retry after 3600 s\)|rate limited until \d{4}-/,
    },
    '500': { fault: withBody(500, 'Internal Server Error'), reason: /server error \(HTTP 500\)/ },
    '503': { fault: withBody(503, ''), reason: /server error \(HTTP 503\)/ },
    'malformed JSON': { fault: withBody(200, '{"schemaVersion":1,"budgets":[{'), reason: /malformed JSON/ },
    'an HTML login page': { fault: withBody(200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' }), reason: /not JSON \(an HTML page/ },
    'a JSON body of the wrong shape': { fault: withBody(200, '{"schemaVersion":1,"budgets":"lots"}'), reason: /./ },
    'a declared 5 GB body': {
      fault: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * 1024 ** 3) });
        res.write('{');
      },
      reason: /response too large \(5368709120 bytes/,
    },
    'an endless chunked body': {
      fault: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('error', () => undefined);
        pump();
      },
      reason: /response too large \(over 1000000 bytes\)/,
    },
    'a redirect to another origin': {
      fault: (_req, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/v1/budgets?team=search&period=current` });
        res.end();
      },
      reason: /redirected to another origin \(http:\/\/127\.0\.0\.1:\d+\): not followed/,
    },
    'a redirect to a protocol-relative URL': {
      fault: (_req, res) => {
        res.writeHead(301, { location: `//localhost:${new URL(elsewhere.url).port}/steal` });
        res.end();
      },
      reason: /redirected to another origin \(http:\/\/localhost:\d+\): not followed/,
    },
    'a redirect loop': {
      fault: (req, res) => {
        res.writeHead(307, { location: `${req.url}&again=1` });
        res.end();
      },
      reason: /too many redirects/,
    },
    'a server that never answers': { fault: () => undefined, reason: /timed out after 800 ms/, timeoutMs: 800 },
    'headers, then silence': {
      fault: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"schemaVersion":1,');
      },
      reason: /timed out after 800 ms/,
      timeoutMs: 800,
    },
    'a reset connection': { fault: (req) => req.socket.destroy(), reason: /cannot connect|request failed/ },
  };

  const formats = Object.keys(formatters);
  const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const answering = Object.keys(faults).filter((name) => !faults[name].timeoutMs);
  const silent = Object.keys(faults).filter((name) => faults[name].timeoutMs);
  /** CLI runs that met each fault, with their project's folder. */
  const runsOf = new Map<string, { dir: string; run: Run; format: string }[]>();
  const echoed: Run[] = [];
  let unknownRun: Run;

  before(async () => {
    elsewhere = await scriptedServer((req, res) => json(res, 200, { schemaVersion: 1, budgets: [contractEntry('search', { budget: '1', actual: `${req.headers.authorization}` })] }));
    api = await scriptedServer((req, res) => {
      const team = new URL(req.url!, 'http://x').searchParams.get('team') ?? '';
      const fault = faultOf.get(team);
      if (!warming && fault) return fault(req, res);
      json(res, 200, { schemaVersion: 1, budgets: [contractEntry(team, { budget: '1200.00', actual: '610.40', forecast: '1150.00' })] });
    });
    for (const name of Object.keys(faults)) faultOf.set(slugOf(name), faults[name].fault);
    faultOf.set('expired', () => undefined);
    faultOf.set('echo', (req, res) => json(res, 200, { schemaVersion: 1, budgets: [{ ...contractEntry('echo', { budget: '1200.00', actual: '610.40' }), source: `warehouse ${req.headers.authorization}` }] }));
    const loud = await projectWithAgedCache(answering.map(slugOf), 2);
    const quiet = await projectWithAgedCache(silent.map(slugOf), 2, 800);
    const expired = await projectWithAgedCache(['expired'], 25, 800);
    const echo = await projectWithAgedCache(['echo'], 2);
    warming = false;
    const record = (names: string[], dir: string, format: string) => async () => {
      const run = await runCliAsync(['check', '--format', format], dir, dir === loud.dir ? loud.env : quiet.env);
      for (const name of names) runsOf.set(name, [...(runsOf.get(name) ?? []), { dir, run, format }]);
    };
    await pool([
      // Every answering fault through every output format; the silent ones wait out their deadline once.
      ...formats.map((format) => record(answering, loud.dir, format)),
      record(silent, quiet.dir, 'json'),
      async () => {
        unknownRun = await runCliAsync(['check', '--format', 'json'], expired.dir, expired.env);
      },
      ...formats.map((format) => async () => {
        echoed.push(await runCliAsync(['check', '--format', format], echo.dir, echo.env));
      }),
      async () => {
        echoed.push(await runCliAsync(['estimate', '--explain'], echo.dir, echo.env));
      },
    ]);
  });
  after(async () => {
    await api?.close();
    await elsewhere?.close();
  });

  for (const [name, { reason }] of Object.entries(faults)) {
    it(`${name}: linting finishes, the budget is stale with the reason, no token anywhere`, () => {
      const runs = runsOf.get(name)!;
      assert.ok(runs.length >= 1);
      for (const { dir, run, format } of runs) {
        tally.serverFaults++;
        assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
        // The reports that list every file show the team's; the others (github annotations) only what they annotate.
        if (format === 'stylish' || format === 'json') assert.match(run.stdout, new RegExp(`${slugOf(name)}[\\\\/]ask\\.ts`), `${format}: the team's file was linted`);
        const line = run.stderr.split('\n').find((l) => l.startsWith(`costlint: ${slugOf(name)}: `));
        assert.ok(line, `${format}: a budget line for the team in\n${run.stderr}`);
        assert.match(line, /stale as of \d{4}-\d\d-\d\dT/);
        assert.match(line, reason);
        const cache = fs.readFileSync(path.join(dir, '.cache', 'budgets.json'), 'utf8');
        for (const text of [run.stdout, run.stderr, cache]) assert.equal(text.includes(TOKEN), false, `${format}: the token leaked:\n${text}`);
      }
    });
  }

  it('no redirect reached another origin, so the token never left the approved one', () => {
    assert.deepEqual(elsewhere.requests, []);
  });

  it('a cache older than a day and an API that never answers: "budget unknown (…, stale as of …)", over-budget silent', () => {
    tally.serverFaults++;
    assert.match(unknownRun.stderr, /^costlint: expired: budget unknown \(timed out after 800 ms, stale as of \d{4}-\d\d-\d\dT[^)]*\)$/m);
    assert.equal(unknownRun.stdout.includes('over-budget'), false);
    assert.equal((unknownRun.stdout + unknownRun.stderr).includes(TOKEN), false);
  });

  it('a server echoing the token in its figures: every output format shows it redacted', () => {
    assert.equal(echoed.length, formats.length + 1);
    for (const run of echoed) {
      tally.serverFaults++;
      for (const text of [run.stdout, run.stderr]) assert.equal(text.includes(TOKEN), false, `the token leaked:\n${text}`);
    }
    assert.ok(echoed.some((run) => run.stdout.includes('[redacted]')), 'the echo is there, redacted');
  });
});
