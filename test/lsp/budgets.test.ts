import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp';
import { tempProject } from '../support/cli';
import { contractEntry, json, scriptedServer } from '../support/budgets';
import type { ReportResult } from '../../server/lsp/protocol';

const SOURCE = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o-mini', max_completion_tokens: 200, messages: [{ role: 'user', content: q }] });
`;
const TOKEN = 'tok-secret-4242';

describe('language server: team budgets from the cost API (real HTTP on 127.0.0.1)', function () {
  this.timeout(120_000);
  let api: Awaited<ReturnType<typeof scriptedServer>>;
  let forecast = '1500.00';
  before(async () => {
    api = await scriptedServer((_req, res) => json(res, 200, { schemaVersion: 1, budgets: [contractEntry('search', { budget: '2000.00', actual: '500.00', forecast })] }));
  });
  after(() => api.close());

  function project(): string {
    return tempProject({ '.costlint.yaml': `teams:\n  search: ["src/**"]\nbudgets:\n  url: ${api.url}\n`, 'src/ask.ts': SOURCE });
  }

  async function lensTitle(client: LspClient, uri: string): Promise<string> {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    return ((await client.connection.sendRequest('codeLens/resolve', lenses.find((l) => !l.command))) as CodeLens).command!.title;
  }

  it('trusted, approved origin and a token: % of team budget in lenses, the status and the report', async () => {
    const dir = project();
    const { client } = await LspClient.start(dir, { trusted: true, settings: { budgets: { allowedOrigins: [api.origin] } } });
    try {
      await client.connection.sendNotification('costlint/setToken', { token: TOKEN });
      const before = api.requests.length;
      const uri = client.open(path.join(dir, 'src/ask.ts'), SOURCE, 'typescript');
      const status = await client.waitFor('an ok status', () => client.statuses.find((s) => s.state === 'ok'));
      assert.deepEqual(status.text, 'costlint: 75% of search budget');
      assert.match(status.tooltip, /search: spent \$500\.00\/mo of \$2,000\/mo, forecast \$1,500\/mo/);
      assert.match(await lensTitle(client, uri), /^≈ \$[\d.]+\/mo at 10,000 calls · built-in default · [\d.]+% of search budget$/);
      assert.equal(api.requests[before].headers.authorization, `Bearer ${TOKEN}`);
      const report = (await client.connection.sendRequest('costlint/report')) as ReportResult;
      assert.equal(report.teams.length, 1);
      assert.equal(report.teams[0].team, 'search');
      assert.equal(report.teams[0].budget, 2000);
      assert.equal(report.teams[0].state, 'ok');
      assert.ok(report.teams[0].monthly > 0);

      // refreshBudgets asks the API again and republishes: now the forecast is over budget.
      forecast = '2500.00';
      const asked = api.requests.length;
      await client.connection.sendRequest('costlint/refreshBudgets');
      const over = await client.waitFor('an over status', () => client.statuses.find((s) => s.state === 'over'));
      assert.equal(over.text, 'costlint: 125% of search budget');
      assert.ok(api.requests.length > asked);
      assert.ok(client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh'));

      // A forecast just under the budget: this file's cost tips it over, and over-budget says so here.
      forecast = '1999.00';
      const mark = client.diagnostics.length;
      await client.connection.sendRequest('costlint/refreshBudgets');
      const diagnostics = await client.nextDiagnostics(uri, mark, (d) => d.some((x) => x.code === 'over-budget'));
      assert.match(String(diagnostics.find((d) => d.code === 'over-budget')!.message), /search/);
      assert.ok(!client.logs.join('\n').includes(TOKEN) && !client.stderr.join('').includes(TOKEN), 'the token is never logged');
    } finally {
      forecast = '1500.00';
      assert.equal(await client.stop(), 0);
    }
  });

  it('an untrusted workspace never calls the network: budget unknown, and why', async () => {
    const dir = project();
    const before = api.requests.length;
    const { client } = await LspClient.start(dir, { trusted: false, settings: { budgets: { allowedOrigins: [api.origin] } } });
    try {
      await client.connection.sendNotification('costlint/setToken', { token: TOKEN });
      const uri = client.open(path.join(dir, 'src/ask.ts'), SOURCE, 'typescript');
      const status = await client.waitFor('an unknown status with its reason', () => client.statuses.find((s) => s.state === 'unknown' && /not trusted/.test(s.tooltip)));
      assert.equal(status.text, 'costlint: budget unknown');
      assert.doesNotMatch(await lensTitle(client, uri), /budget/);
      assert.equal(api.requests.length, before, 'no request reached the cost API');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('an origin the user did not approve is never called, even in a trusted workspace', async () => {
    const dir = project();
    const before = api.requests.length;
    const { client } = await LspClient.start(dir, { trusted: true });
    try {
      await client.connection.sendNotification('costlint/setToken', { token: TOKEN });
      client.open(path.join(dir, 'src/ask.ts'), SOURCE, 'typescript');
      const status = await client.waitFor('an unknown status', () => client.statuses.find((s) => s.state === 'unknown' && /not approved/.test(s.tooltip)));
      assert.equal(status.text, 'costlint: budget unknown');
      assert.equal(api.requests.length, before);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('offline: the status says so and nothing is sent', async () => {
    const dir = project();
    const before = api.requests.length;
    const { client } = await LspClient.start(dir, { trusted: true, settings: { offline: true, budgets: { allowedOrigins: [api.origin] } } });
    try {
      await client.connection.sendNotification('costlint/setToken', { token: TOKEN });
      client.open(path.join(dir, 'src/ask.ts'), SOURCE, 'typescript');
      const status = await client.waitFor('an offline status', () => client.statuses.find((s) => s.state === 'offline'));
      assert.equal(status.text, 'costlint: offline');
      await client.connection.sendRequest('costlint/report');
      assert.equal(api.requests.length, before);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
