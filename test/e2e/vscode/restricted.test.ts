// costlint in Restricted Mode (an untrusted workspace): it lints locally and never calls the
// cost API, even when the config names one and the user allowed its origin.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CostlintApi } from '../../../client/extension';
import type { ReportResult } from '../../../server/lsp/protocol';
import { EXTENSION_ID, costlintDiagnostics, startCostApi, useCostApi, waitFor, type CostApi } from './helpers';

describe('costlint in VS Code, Restricted Mode', function () {
  this.timeout(120_000);
  let api: CostlintApi;
  let uri: vscode.Uri;
  let costApi: CostApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<CostlintApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded by VS Code ${vscode.version}`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the example app is open as the workspace');
    costApi = await startCostApi('support', '4000.00', '2000.00');
    await useCostApi(folder.uri.fsPath, costApi);
    uri = vscode.Uri.joinPath(folder.uri, 'src', 'digest.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    api = await extension.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('costlint').update('budgets.allowedOrigins', undefined, vscode.ConfigurationTarget.Global);
    await costApi?.close();
  });

  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('lints locally', async () => {
    await waitFor('the missing-max-tokens diagnostic', () => costlintDiagnostics(uri, 'missing-max-tokens').length > 0);
  });

  it('says the budget is unknown because the workspace is not trusted', async () => {
    // First "looking up…", then the answer of the lookup, which never left the machine.
    const status = await waitFor('the budget status', () => {
      const current = api.status();
      return current && /not trusted/.test(current.tooltip) ? current : undefined;
    });
    assert.equal(status.state, 'unknown');
    assert.equal(status.text, 'costlint: budget unknown');
  });

  it('never calls the cost API, not even on refresh or for the report', async () => {
    await vscode.commands.executeCommand('costlint.refreshBudgets');
    const report = await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
    assert.ok(report.files.some((f) => f.uri.endsWith('/src/digest.ts')));
    const support = report.teams.find((t) => t.team === 'support');
    assert.equal(support?.state, 'unknown', JSON.stringify(report.teams));
    assert.deepEqual(costApi.requests, []);
  });
});
