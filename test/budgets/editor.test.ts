import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BudgetService, describeBudget, editorBudgetSource, shareOfBudget } from '../../server/budgets';
import { loadConfigFor } from '../../server/config/load';
import { contractEntry, json, scriptedServer } from '../support/budgets';
import { tempProject } from '../support/cli';

describe('budgets for the editor (status bar and % of team budget)', () => {
  let server: Awaited<ReturnType<typeof scriptedServer>>;
  before(async () => {
    server = await scriptedServer((_req, res) => json(res, 200, { schemaVersion: 1, budgets: [contractEntry('search', { budget: '2000.00', actual: '500.00', forecast: '1500.00' })] }));
  });
  after(() => server.close());

  it('looks up the folder’s config and asks with what the editor passes (SecretStorage token, user-level origin, trust)', async () => {
    const dir = tempProject({ '.costlint.yaml': `teams:\n  search: ["services/search/**"]\nbudgets:\n  url: ${server.url}\n` });
    const source = editorBudgetSource(new BudgetService({ cacheDir: null, timeoutMs: 500 }), loadConfigFor);
    const folder = path.join(dir, 'services/search');
    const untrusted = await source.budgetFor('search', folder, { trusted: false, token: 'tok-123456', origin: `${server.origin}/` });
    assert.equal(describeBudget(untrusted), 'budget unknown (workspace not trusted: no network)');
    assert.equal(server.requests.length, 0);
    const state = await source.budgetFor('search', folder, { trusted: true, token: 'tok-123456', origin: `${server.origin}/` });
    assert.equal(state.kind, 'known');
    assert.equal(server.requests[0].headers.authorization, 'Bearer tok-123456');
    assert.equal(shareOfBudget(state, 100), 5, 'a $100/mo call is 5% of a $2,000 budget');
    assert.equal(describeBudget(state), 'search: spent $500.00/mo of $2,000/mo, forecast $1,500/mo (data as of 2026-11-20T06:00:00Z)');
    assert.equal(shareOfBudget(untrusted, 100), null);
  });

  it('a broken config is a reason, not a throw', async () => {
    const dir = tempProject({ '.costlint.yaml': 'budgets: [nope]\n' });
    const source = editorBudgetSource(new BudgetService({ cacheDir: null }), loadConfigFor);
    assert.deepEqual(await source.budgetFor('search', dir, { trusted: true, token: null }), { kind: 'unknown', team: 'search', reason: 'the config has errors' });
  });
});
