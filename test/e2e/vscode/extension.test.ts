// costlint in a real editor: the packaged extension, its language server and the example app,
// driven through the same `vscode` API commands the editor's UI uses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CostlintApi } from '../../../client/extension';
import type { ReportResult } from '../../../server/lsp/protocol';
import { reportHtml } from '../../../client/report';
import { EXTENSION_ID, costlintDiagnostics, drive, driven, ruleOf, startCostApi, useCostApi, waitFor, type CostApi } from './helpers';

function hintText(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** The quick fixes the editor offers at a rule's diagnostic, resolved. */
async function quickFixes(uri: vscode.Uri, rule: string): Promise<vscode.CodeAction[]> {
  const [diagnostic] = costlintDiagnostics(uri, rule);
  assert.ok(diagnostic, `a ${rule} diagnostic`);
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 100);
}

function describeActions(actions: vscode.CodeAction[]): string {
  return JSON.stringify(actions.map((a) => ({ title: a.title, edit: Boolean(a.edit), rules: a.diagnostics?.map(ruleOf) })));
}

/** A token with characters JSON escapes; the runner checks its random id never reaches a log file. */
const TOKEN_ID = `e2e-token-${Math.random().toString(36).slice(2)}`;
const E2E_TOKEN = `${TOKEN_ID}-"q"-\\`;

describe('costlint in VS Code', function () {
  this.timeout(120_000);
  let api: CostlintApi;
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let costApi: CostApi | undefined;

  after(async () => {
    await vscode.workspace.getConfiguration('costlint').update('budgets.allowedOrigins', undefined, vscode.ConfigurationTarget.Global);
    await costApi?.close();
  });

  before(async () => {
    const extension = vscode.extensions.getExtension<CostlintApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded by VS Code ${vscode.version} (check engines.vscode)`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the example app is open as the workspace');
    uri = vscode.Uri.joinPath(folder.uri, 'src', 'digest.ts');
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(11, 0, 11, 0) });
    api = await extension.activate();
  });

  it('activates for the workspace and its languages', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    const events: string[] = extension.packageJSON.activationEvents;
    for (const language of ['typescript', 'python', 'terraform', 'yaml', 'json']) assert.ok(events.includes(`onLanguage:${language}`), language);
    assert.ok(events.includes('workspaceContains:**/.costlint.yaml'));
  });

  it('publishes diagnostics with the rule, a docs link and the cost', async () => {
    const [missingCap] = await waitFor('the missing-max-tokens diagnostic', () => {
      const found = costlintDiagnostics(uri, 'missing-max-tokens');
      return found.length ? found : undefined;
    });
    assert.equal(missingCap.range.start.line, 11);
    assert.equal(missingCap.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missingCap.message, /no output cap.*\$/);
    const code = missingCap.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /missing-max-tokens/);
    const rules = new Set(costlintDiagnostics(uri).map(ruleOf));
    for (const rule of ['frontier-model-default', 'llm-call-in-loop', 'oversized-prompt']) assert.ok(rules.has(rule), `${rule} in ${[...rules]}`);
  });

  it('hovers a call with its price row, as-of date and assumptions', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(11, 40));
    const text = hoverText(hovers);
    assert.match(text, /gpt-5/);
    assert.match(text, /\$/);
    assert.match(text, /\d{4}-\d{2}(-\d{2})?/, 'the price row carries its as-of date');
  });

  it('shows tokens and ≈ $/call as inlay hints', async () => {
    const hints = await waitFor('inlay hints', async () => {
      const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, doc.lineCount, 0));
      return found?.length ? found : undefined;
    });
    const labels = hints.map(hintText);
    assert.ok(labels.some((l) => /\$[\d.,]+\s*\/\s*call/.test(l)), `a ≈ $/call hint in ${JSON.stringify(labels)}`);
    assert.ok(labels.some((l) => /\d[\d.,k]* (in|tok)\b/.test(l)), `a token count in ${JSON.stringify(labels)}`);
    assert.ok(hints.every((h) => h.position.line >= 11), 'hints sit at or after the first call');
  });

  it('shows $/month above each call as code lenses, resolved', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    const titles = lenses.map((l) => l.command?.title ?? '');
    const lines = new Set(lenses.filter((l) => /\/mo\b/.test(l.command?.title ?? '')).map((l) => l.range.start.line));
    assert.ok(lines.has(11) && lines.has(27), `lenses above both calls: ${JSON.stringify(titles)}`);
    assert.ok(titles.some((t) => /\$[\d,.]+\/mo at [\d,]+ calls/.test(t)), JSON.stringify(titles));
    await drive('editor', { action: 'screenshot' });
  });

  it('applies the quick fix and the diagnostic goes', async () => {
    const actions = await quickFixes(uri, 'missing-max-tokens');
    // The API command's actions carry no diagnostics: pick the fix by what it does.
    const fix = actions.find((a) => a.edit && /^Add max_completion_tokens/.test(a.title));
    assert.ok(fix?.edit, `a fix among ${describeActions(actions)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /max_completion_tokens:\s*\d+/);
    await waitFor('the fixed diagnostic to go', () => costlintDiagnostics(uri, 'missing-max-tokens').length === 0);
    // The rest of the file is still analysed after the edit.
    assert.ok(costlintDiagnostics(uri, 'frontier-model-default').length > 0);
  });

  it('disables a rule for one line with a reason placeholder', async () => {
    const actions = await quickFixes(uri, 'frontier-model-default');
    const disable = actions.find((a) => a.edit && a.title === 'Disable frontier-model-default for this line');
    assert.ok(disable?.edit, `a disable-for-line action among ${describeActions(actions)}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.match(doc.getText(), /costlint-disable-next-line frontier-model-default -- /);
    await waitFor('the suppressed diagnostic to go', () => costlintDiagnostics(uri, 'frontier-model-default').length === 0);
  });

  it('says in the status bar why there is no budget to show', async () => {
    const status = await waitFor('a status from the server', () => api.status());
    assert.equal(status.state, 'off');
    assert.equal(status.text, 'costlint');
    assert.match(status.tooltip, /No team owns this file/);
  });

  it('shows the team budget share from the cost API once the config names it', async () => {
    const started = await startCostApi('support', '4000.00', '2000.00');
    costApi = started;
    await useCostApi(vscode.workspace.workspaceFolders![0].uri.fsPath, started);
    const status = await waitFor('the budget share in the status bar', () => {
      const current = api.status();
      return current && /% of support budget/.test(current.text) ? current : undefined;
    });
    assert.equal(status.state, 'ok');
    assert.match(status.text, /^costlint: \d+% of support budget$/);
    assert.ok(started.requests.some((r) => r.url.startsWith('/v1/budgets?team=support')), JSON.stringify(started.requests));
    const titles = await waitFor('a lens with the budget share', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      const found = lenses.map((l) => l.command?.title ?? '');
      return found.some((t) => /% of .*budget/.test(t)) ? found : undefined;
    });
    assert.ok(titles.some((t) => /\/mo at [\d,]+ calls/.test(t)), JSON.stringify(titles));
  });

  it('asks the cost API again on refresh', async () => {
    assert.ok(costApi, 'the cost API of the previous test');
    const { requests } = costApi;
    const before = requests.length;
    await vscode.commands.executeCommand('costlint.refreshBudgets');
    await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
    assert.ok(requests.length > before);
  });

  // Typing into the input box needs a driver; under test-electron this case is not registered.
  if (driven) {
    it('hands the API token from SecretStorage to the server, which sends it to the allowed cost API', async () => {
      assert.ok(costApi, 'the cost API of the budget test');
      const { requests } = costApi;
      fs.writeFileSync(path.join(process.env.E2E_DRIVER_DIR!, 'token-id'), TOKEN_ID);
      const asked = vscode.commands.executeCommand('costlint.setApiToken');
      await drive('token', { action: 'type', text: E2E_TOKEN });
      await asked;
      await vscode.commands.executeCommand('costlint.refreshBudgets');
      await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
      await waitFor('a request with the token', () => requests.some((r) => r.authorization === `Bearer ${E2E_TOKEN}`));
    });
  }

  it('opens the workspace cost report', async () => {
    const report = await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
    const digest = report.files.find((f) => f.uri.endsWith('/src/digest.ts'));
    assert.ok(digest, `digest.ts in ${JSON.stringify(report.files.map((f) => f.uri))}`);
    assert.ok(digest.monthly > 0 && digest.items.length >= 2);
    assert.ok(report.total >= digest.monthly);
    const support = report.teams.find((t) => t.team === 'support');
    assert.equal(support?.budget, 4000, JSON.stringify(report.teams));
    await waitFor('the report tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.label === 'costlint: cost report'),
    );
  });

  it('renders the report as a script-free table whose rows open the code', async () => {
    const report = await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
    const html = reportHtml({ ...report, teams: [...report.teams, { team: '<img src=x>', monthly: 1, state: 'unknown' }] });
    assert.match(html, /<td>support<\/td><td>\$[\d,.]+<\/td><td>\$4,000\.00<\/td>/);
    assert.match(html, /src\/digest\.ts/);
    assert.match(html, /href="command:vscode\.open\?[^"]+"/);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /<script|<img/);
  });

  it('restarts the server and lints again', async () => {
    await vscode.commands.executeCommand('costlint.restartServer');
    const report = await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
    assert.ok(report.files.length > 0);
    await waitFor('diagnostics after the restart', () => costlintDiagnostics(uri).length > 0);
  });

  it('never sends the token to an origin only the workspace allows', async () => {
    assert.ok(costApi, 'the cost API of the budget test');
    // A repo points the budget URL elsewhere and allows that origin in its .vscode/settings.json.
    const other = await startCostApi('support', '1.00', '1.00');
    try {
      const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
      const config = path.join(folder, '.costlint.yaml');
      fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(costApi.origin, other.origin));
      fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'costlint.budgets.allowedOrigins': [other.origin] }));
      // VS Code itself ignores a workspace value of this machine-scoped setting; the client also
      // hands the server only the user's value. The server reads the new URL and refuses it.
      const status = await waitFor('the server to refuse the new origin', async () => {
        await vscode.commands.executeCommand('costlint.refreshBudgets');
        await vscode.commands.executeCommand<ReportResult>('costlint.showCostReport');
        const current = api.status();
        return current?.tooltip.includes(other.origin) ? current : undefined;
      });
      assert.equal(status.state, 'unknown');
      assert.match(status.tooltip, /not approved/);
      assert.deepEqual(other.requests, []);
    } finally {
      await other.close();
    }
  });
});
