import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp';
import { tempProject } from '../support/cli';
import { extractorFor, initExtractors } from '../../server/languages';
import type { DiagnosticData, ReportResult } from '../../server/lsp/protocol';

/** Two OpenAI calls without an output cap, one on a frontier model (also the Neovim test's file). */
const SOURCE = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'lsp', 'summarize.ts'), 'utf8');

const OTHER = `import OpenAI from 'openai';
const client = new OpenAI();
export const once = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
`;

/** The text after applying an action's edits for `uri`. */
function applied(text: string, action: CodeAction, uri: string): string {
  const edits = action.edit?.changes?.[uri] as TextEdit[] | undefined;
  assert.ok(edits?.length, `${action.title} carries edits`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 1, text), edits);
}

/** The real parser accepts the text (no extractor errors). */
function assertParses(file: string, text: string): void {
  const options = { wrappers: [], project: { listDir: () => [], readText: () => undefined } };
  const extractor = extractorFor(file, text, options);
  assert.ok(extractor, `an extractor handles ${file}`);
  assert.deepEqual(extractor.extract({ path: file, text }, options).errors, [], `parses:\n${text}`);
}

const byRule = (diagnostics: Diagnostic[], rule: string) => diagnostics.filter((d) => d.code === rule);

describe('language server over stdio', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;
  let capabilities: Record<string, unknown>;
  let fileA: string;
  let uriA: string;
  let uriB: string;
  let diagnosticsA: Diagnostic[];

  before(async () => {
    await initExtractors();
    dir = tempProject({ 'src/a.ts': SOURCE, 'src/b.ts': OTHER });
    fileA = path.join(dir, 'src/a.ts');
    const started = await LspClient.start(dir);
    client = started.client;
    capabilities = started.initialize.capabilities as Record<string, unknown>;
  });
  after(async () => {
    await client?.stop();
  });

  it('initialize announces every feature', () => {
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.costlint'], resolveProvider: false });
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: true });
    assert.ok(capabilities.inlayHintProvider);
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual((capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.deepEqual(capabilities.executeCommandProvider, { commands: ['costlint.showDocumentation'] });
  });

  it('publishes diagnostics on open, with code, docs link and the estimate in data', async () => {
    uriA = client.open(fileA, SOURCE, 'typescript');
    uriB = client.open(path.join(dir, 'src/b.ts'), OTHER, 'typescript');
    diagnosticsA = await client.nextDiagnostics(uriA, 0);
    await client.nextDiagnostics(uriB, 0);
    assert.deepEqual(
      diagnosticsA.map((d) => [d.code, d.range.start.line, d.range.start.character, d.severity]),
      [
        ['missing-max-tokens', 4, 20, 2],
        ['frontier-model-default', 5, 11, 2],
        ['missing-max-tokens', 8, 22, 2],
      ],
    );
    const frontier = byRule(diagnosticsA, 'frontier-model-default')[0];
    assert.equal(frontier.source, 'costlint');
    assert.match(frontier.codeDescription!.href, /docs\/rules\/frontier-model-default\.md$/);
    const data = frontier.data as DiagnosticData;
    assert.equal(data.rule, 'frontier-model-default');
    assert.ok(data.monthly! > 50 && data.perCall! > 0, `estimate in data: ${JSON.stringify(data)}`);
    assert.ok(data.saving! > 0, 'the model swap carries its saving');
  });

  it('re-analyses only the changed document after an incremental change, once per typing pause', async () => {
    await client.tokenizerLoaded();
    // A round trip after it: the server answers in order, so its re-publishing is done.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriB }, position: { line: 0, character: 0 } });
    const mark = client.diagnostics.length;
    // Five quick edits (replace gpt-4o-mini by gpt-5, then back and forth): one analysis of the last text.
    const models = ['gpt-5', 'gpt-4o-mini', 'gpt-5', 'gpt-4o-mini', 'gpt-5'];
    let text = SOURCE;
    models.forEach((model, i) => {
      const line = text.split('\n')[9];
      const start = line.indexOf("'") + 1;
      const end = line.indexOf("'", start);
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: uriA, version: i + 2 },
        contentChanges: [{ range: { start: { line: 9, character: start }, end: { line: 9, character: end } }, text: model }],
      });
      text = text.split('\n').map((l, n) => (n === 9 ? l.slice(0, start) + model + l.slice(end) : l)).join('\n');
    });
    const after = await client.nextDiagnostics(uriA, mark);
    assert.equal(byRule(after, 'frontier-model-default').length, 2, 'the second call now uses gpt-5 too');
    const published = client.published(uriA, mark);
    assert.deepEqual(
      published.map((p) => p.version),
      [6],
      'stale versions were never analysed',
    );
    assert.equal(client.published(uriB, mark).length, 0, 'the unchanged document is not re-published');
    // Back to the original text for the next tests.
    const mark2 = client.diagnostics.length;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriA, version: 7 }, contentChanges: [{ text: SOURCE }] });
    diagnosticsA = await client.nextDiagnostics(uriA, mark2);
    assert.equal(byRule(diagnosticsA, 'frontier-model-default').length, 1);
  });

  async function actionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    return (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriA },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
  }

  it('offers every code action kind for a diagnostic, and each leaves code that parses', async () => {
    const first = byRule(diagnosticsA, 'missing-max-tokens')[0];
    const actions = await actionsFor(first);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Add max_completion_tokens: 1024',
        'Fix all missing-max-tokens problems in this file',
        'Disable missing-max-tokens for this line',
        'Disable missing-max-tokens for the entire file',
        'Show documentation for missing-max-tokens',
      ],
    );
    assert.equal(actions[0].isPreferred, true);
    const fixed = applied(SOURCE, actions[0], uriA);
    assert.match(fixed, /messages: \[.*\],\n    max_completion_tokens: 1024,\n  \}\);\n  const other/s);
    const all = applied(SOURCE, actions[1], uriA);
    assert.equal(all.match(/max_completion_tokens: 1024/g)?.length, 2, 'fix-all fixes both calls');
    const line = applied(SOURCE, actions[2], uriA);
    assert.equal(line.split('\n')[4], '  // costlint-disable-next-line missing-max-tokens -- reason');
    const file = applied(SOURCE, actions[3], uriA);
    assert.equal(file.split('\n')[0], '// costlint-disable-file missing-max-tokens -- reason');
    for (const text of [fixed, all, line, file]) assertParses(fileA, text);
    assert.deepEqual(actions[4].command, { title: 'Show documentation for missing-max-tokens', command: 'costlint.showDocumentation', arguments: [first.codeDescription!.href] });
  });

  it('titles a fix with what it saves, and a suggestion (model swap) is never preferred', async () => {
    const frontier = byRule(diagnosticsA, 'frontier-model-default')[0];
    const actions = await actionsFor(frontier);
    const swap = actions.find((a) => /gpt-5-mini/.test(a.title));
    assert.ok(swap, actions.map((a) => a.title).join('\n'));
    assert.match(swap.title, /^Switch to gpt-5-mini — saves ≈ \$\d+(\.\d+)?\/mo$/, 'the saving is said once');
    assert.notEqual(swap.isPreferred, true);
    assertParses(fileA, applied(SOURCE, swap, uriA));
  });

  it('a disable comment added for the line silences the diagnostic once the document changes', async () => {
    const actions = await actionsFor(byRule(diagnosticsA, 'missing-max-tokens')[0]);
    const text = applied(SOURCE, actions[2], uriA);
    const mark = client.diagnostics.length;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriA, version: 8 }, contentChanges: [{ text }] });
    const after = await client.nextDiagnostics(uriA, mark);
    assert.equal(byRule(after, 'missing-max-tokens').length, 1, 'only the other call is still reported');
    assert.equal(after.find((d) => d.code === 'missing-max-tokens')!.range.start.line, 9);
    // Disabling another rule on that line merges into the comment.
    const merged = await actionsFor(byRule(after, 'missing-max-tokens')[0]);
    assert.ok(merged);
    const mark2 = client.diagnostics.length;
    const withOther = text.replace("  const other", "  // costlint-disable-next-line frontier-model-default -- fine here\n  const other");
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriA, version: 9 }, contentChanges: [{ text: withOther }] });
    const again = await client.nextDiagnostics(uriA, mark2);
    const target = byRule(again, 'missing-max-tokens')[0];
    const disable = (await actionsFor(target)).find((a) => a.title === 'Disable missing-max-tokens for this line')!;
    const result = applied(withOther, disable, uriA);
    assert.match(result, /\n {2}\/\/ costlint-disable-next-line frontier-model-default, missing-max-tokens -- fine here\n {2}const other/);
    assertParses(fileA, result);
    const mark3 = client.diagnostics.length;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriA, version: 10 }, contentChanges: [{ text: SOURCE }] });
    diagnosticsA = await client.nextDiagnostics(uriA, mark3);
  });

  it('show documentation asks the client to open the rule docs', async () => {
    const href = byRule(diagnosticsA, 'missing-max-tokens')[0].codeDescription!.href;
    await client.connection.sendRequest('workspace/executeCommand', { command: 'costlint.showDocumentation', arguments: [href] });
    const request = await client.waitFor('window/showDocument', () => client.serverRequests.find((r) => r.method === 'window/showDocument'));
    assert.deepEqual(request.params, { uri: href, external: true });
  });

  it('source.fixAll.costlint applies only safe fixes (never the model swap)', async () => {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriA },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.costlint'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.costlint');
    const text = applied(SOURCE, actions[0], uriA);
    assert.equal(text.match(/max_completion_tokens: 1024/g)?.length, 2);
    assert.match(text, /model: 'gpt-5',/, 'the frontier model stays: a swap changes behaviour');
    assertParses(fileA, text);
    const quick = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriA },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(quick, [], 'fix-all is only offered when asked for');
  });

  it('inlay hints show prompt tokens and ≈ $/call after each call', async () => {
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: uriA },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
    })) as InlayHint[];
    const labels = hints.map((h) => [h.position.line, h.label]);
    const calls = labels.filter(([, l]) => /≈ \$[\d.e-]+\/call$/.test(String(l)));
    assert.deepEqual(calls.map(([line]) => line), [7, 11], 'after the closing parenthesis of each call');
    assert.match(String(calls[0][1]), /^\d+ in · [\d,.k]+ out · ≈ \$/);
    const prompt = labels.find(([line, l]) => line === 6 && /^\d+ tok$/.test(String(l)));
    assert.ok(prompt, `a token count after the static system prompt: ${JSON.stringify(labels)}`);
    const none = (await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: uriA },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    })) as InlayHint[];
    assert.deepEqual(none, [], 'only hints within the requested range');
  });

  it('code lenses above each call, titled lazily in codeLens/resolve', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriA } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command]), [[4, undefined], [8, undefined]]);
    const resolved = (await client.connection.sendRequest('codeLens/resolve', lenses.find((l) => !l.command))) as CodeLens;
    assert.match(resolved.command!.title, /^≈ \$[\d,.]+\/mo at 10,000 calls · built-in default$/);
  });

  it('hover shows the price row, its date, the assumptions and their sources', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriA }, position: { line: 5, character: 14 } })) as Hover;
    const value = (hover.contents as MarkupContent).value as string;
    assert.match(value, /openai gpt-5 · chat/);
    assert.match(value, /Price: `[^`]*gpt-5[^`]*` from .+, as of \d{4}-\d{2}-\d{2}/);
    assert.match(value, /\| Input tokens|\| input/i);
    assert.match(value, /- Calls per month: 10,000 — built-in default/);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriA }, position: { line: 0, character: 3 } });
    assert.equal(nothing, null);
  });

  it('settings: monthly volume, rule customizations, lenses and hints off', async () => {
    client.settings = { usage: { monthlyCalls: 50_000 }, rules: { customizations: [{ rule: 'frontier-*', severity: 'off' }, { rule: 'missing-max-tokens', severity: 'error' }] }, inlayHints: { enabled: false } };
    const mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.nextDiagnostics(uriA, mark);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['missing-max-tokens', 1], ['missing-max-tokens', 1]]);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriA } })) as CodeLens[];
    const resolved = (await client.connection.sendRequest('codeLens/resolve', lenses.find((l) => !l.command))) as CodeLens;
    assert.match(resolved.command!.title, /at 50,000 calls · editor setting costlint\.usage\.monthlyCalls/);
    const hints = await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: uriA }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    assert.deepEqual(hints, []);
    assert.ok(client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh'), 'lenses are refreshed');
    client.settings = {};
    const mark2 = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    diagnosticsA = await client.nextDiagnostics(uriA, mark2);
    assert.equal(diagnosticsA.length, 3);
  });

  it('reloads the config when .costlint.yaml changes (didChangeWatchedFiles), and reports its errors', async () => {
    const config = path.join(dir, '.costlint.yaml');
    fs.writeFileSync(config, 'rules:\n  missing-max-tokens: off\nusage:\n  monthly_calls: 3000\n');
    let mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 1 }] });
    let diagnostics = await client.nextDiagnostics(uriA, mark);
    assert.deepEqual(diagnostics.map((d) => d.code), ['frontier-model-default']);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriA } })) as CodeLens[];
    const resolved = (await client.connection.sendRequest('codeLens/resolve', lenses.find((l) => !l.command))) as CodeLens;
    assert.match(resolved.command!.title, /at 3,000 calls · \.costlint\.yaml:4$/);

    // A broken config: the last good one stays in force and the config file gets the error.
    fs.writeFileSync(config, 'rules:\n  missing-max-tokens: sometimes\n');
    mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    const problems = await client.nextDiagnostics(pathToFileURL(config).href, mark);
    assert.deepEqual([problems[0].range.start.line, problems[0].range.end.character], [1, 2 ** 31 - 1]);
    diagnostics = await client.nextDiagnostics(uriA, mark);
    assert.deepEqual(diagnostics.map((d) => d.code), ['frontier-model-default'], 'the last good config still applies');

    fs.rmSync(config);
    mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 3 }] });
    diagnosticsA = await client.nextDiagnostics(uriA, mark);
    assert.equal(diagnosticsA.length, 3);
    assert.deepEqual(await client.nextDiagnostics(pathToFileURL(config).href, mark), [], 'the config problem is cleared');
  });

  it('reloads when a file the config extends changes, and watches that file', async () => {
    const config = path.join(dir, '.costlint.yaml');
    const base = path.join(dir, 'shared', 'org.yaml');
    fs.mkdirSync(path.dirname(base), { recursive: true });
    fs.writeFileSync(base, 'rules:\n  frontier-model-default: off\n');
    fs.writeFileSync(config, 'extends: ./shared/org.yaml\n');
    let mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 1 }] });
    let diagnostics = await client.nextDiagnostics(uriA, mark);
    assert.deepEqual(diagnostics.map((d) => d.code), ['missing-max-tokens', 'missing-max-tokens']);
    const registration = await client.waitFor('a watcher for the extended file', () =>
      client.serverRequests.find((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('"pattern":"org.yaml"')),
    );
    assert.match(JSON.stringify(registration.params), new RegExp(`"baseUri":"${pathToFileURL(path.dirname(base)).href}"`));

    fs.writeFileSync(base, 'rules:\n  missing-max-tokens: off\n');
    mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(base).href, type: 2 }] });
    diagnostics = await client.nextDiagnostics(uriA, mark);
    assert.deepEqual(diagnostics.map((d) => d.code), ['frontier-model-default']);

    fs.rmSync(config);
    mark = client.diagnostics.length;
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 3 }] });
    diagnosticsA = await client.nextDiagnostics(uriA, mark);
    assert.equal(diagnosticsA.length, 3);
  });

  it('keeps the last good facts while a document does not parse', async () => {
    const mark = client.diagnostics.length;
    const broken = SOURCE.replace('return [res, other];', 'return [res, other;');
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriA, version: 20 }, contentChanges: [{ text: broken }] });
    const diagnostics = await client.nextDiagnostics(uriA, mark);
    const parseError = diagnostics.find((d) => /^Parse error/.test(String(d.message)));
    assert.ok(parseError, JSON.stringify(diagnostics));
    assert.equal(parseError.range.start.line, 12, 'the parse error is placed in the new text');
    assert.deepEqual(diagnostics.filter((d) => d.code).map((d) => d.code), ['missing-max-tokens', 'frontier-model-default', 'missing-max-tokens'], 'the last good findings stay');
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: uriA } })) as CodeLens[];
    assert.equal(lenses.length, 2, 'lenses of the last good analysis');
    const mark2 = client.diagnostics.length;
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uriA, version: 21 }, contentChanges: [{ text: SOURCE }] });
    diagnosticsA = await client.nextDiagnostics(uriA, mark2);
    assert.equal(diagnosticsA.length, 3);
  });

  it('costlint/report sums the workspace per file (open documents as typed)', async () => {
    const report = (await client.connection.sendRequest('costlint/report')) as ReportResult;
    const a = report.files.find((f) => f.uri === uriA);
    const b = report.files.find((f) => f.uri === uriB);
    assert.ok(a && b, JSON.stringify(report.files.map((f) => f.uri)));
    assert.deepEqual(a.items.map((i) => [i.line, i.kind]), [[4, 'llm-call'], [8, 'llm-call']]);
    assert.match(a.items[0].label, /client\.chat\.completions\.create \(openai gpt-5\)/);
    assert.ok(Math.abs(report.total - report.files.reduce((s, f) => s + f.monthly, 0)) < 1e-9);
    assert.ok(a.monthly > b.monthly);
    assert.deepEqual(report.teams, []);
    assert.equal(await client.connection.sendRequest('costlint/refreshBudgets'), null);

    // A folder added to the workspace joins the report; a removed one leaves it.
    const other = tempProject({ 'c.ts': OTHER });
    const folder = { uri: pathToFileURL(other).href, name: 'other' };
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    const withOther = (await client.connection.sendRequest('costlint/report')) as ReportResult;
    assert.ok(withOther.files.some((f) => f.uri === pathToFileURL(path.join(other, 'c.ts')).href));
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    const without = (await client.connection.sendRequest('costlint/report')) as ReportResult;
    assert.deepEqual(without.files.map((f) => f.uri).sort(), report.files.map((f) => f.uri).sort());
  });

  it('sends a status: no team owns the file', async () => {
    const status = await client.waitFor('a status', () => client.statuses.at(-1));
    assert.equal(status.state, 'off');
    assert.match(status.tooltip, /No team owns this file/);
  });

  it('closing a document clears its diagnostics', async () => {
    const mark = client.diagnostics.length;
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriB } });
    await client.nextDiagnostics(uriB, mark, (d) => d.length === 0);
    // A round trip later, nothing has brought them back.
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriA }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.published(uriB).at(-1)!.diagnostics, []);
  });

  it('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server: files that open documents import', function () {
  this.timeout(120_000);
  const APP = `import { client } from './lib';\nexport const ask = () => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });\n`;
  const LOOK_ALIKE = `export const client = { chat: { completions: { create: (x: unknown) => x } } };\n`;
  const REAL = `import OpenAI from 'openai';\nexport const client = new OpenAI();\n`;

  it('analyses open documents again when a file they import through a barrel changes on disk or is saved', async () => {
    const dir = tempProject({ 'src/app.ts': APP, 'src/lib/index.ts': `export * from './llm';\n`, 'src/lib/llm.ts': LOOK_ALIKE });
    const llm = path.join(dir, 'src/lib/llm.ts');
    const { client } = await LspClient.start(dir);
    try {
      const uri = client.open(path.join(dir, 'src/app.ts'), APP, 'typescript');
      assert.deepEqual(await client.nextDiagnostics(uri, 0), [], 'a look-alike client: nothing to price');
      // Once the tokenizer loads, the server analyses everything again: let that pass first.
      const opened = client.diagnostics.length;
      await client.tokenizerLoaded();
      await client.nextDiagnostics(uri, opened);
      const registration = JSON.stringify(client.serverRequests.filter((r) => r.method === 'client/registerCapability').map((r) => r.params));
      assert.match(registration, /"\*\*\/\*\.\{ts,tsx,mts,cts,js,jsx,mjs,cjs\}"/, 'source files are watched');

      // Changed outside the editor (a checkout, another tool): the watcher reports it.
      fs.writeFileSync(llm, REAL);
      let mark = client.diagnostics.length;
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(llm).href, type: 2 }] });
      assert.deepEqual((await client.nextDiagnostics(uri, mark)).map((d) => d.code), ['missing-max-tokens']);

      // Saved from the editor: the save alone is enough, whatever the client watches.
      fs.writeFileSync(llm, LOOK_ALIKE);
      mark = client.diagnostics.length;
      const llmUri = client.open(llm, LOOK_ALIKE, 'typescript');
      void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: llmUri } });
      assert.deepEqual(await client.nextDiagnostics(uri, mark), []);

      // A change to a file no extractor keeps answers about (a Markdown file) leaves the document alone.
      mark = client.diagnostics.length;
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'README.md')).href, type: 1 }] });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(client.published(uri, mark), []);
    } finally {
      await client.stop();
    }
  });
});
