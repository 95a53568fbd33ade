import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp';
import { extractorFor, initExtractors } from '../../server/languages';
import { diskProject } from '../../server/engine/run';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Opens an example as the editor would and returns its first diagnostics. */
async function openExample(client: LspClient, relative: string, languageId: string): Promise<{ uri: string; text: string; file: string; diagnostics: Diagnostic[] }> {
  const file = path.join(EXAMPLES, relative);
  const text = fs.readFileSync(file, 'utf8');
  const mark = client.diagnostics.length;
  const uri = client.open(file, text, languageId);
  return { uri, text, file, diagnostics: await client.nextDiagnostics(uri, mark) };
}

async function quickFixes(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
}

/** Applies an action's edits and checks the real parser of that language accepts the result. */
function applyAndParse(doc: { uri: string; text: string; file: string }, action: CodeAction, languageId: string): string {
  const edits = action.edit!.changes![doc.uri] as TextEdit[];
  const text = TextDocument.applyEdits(TextDocument.create(doc.uri, languageId, 1, doc.text), edits);
  const options = { wrappers: [], project: diskProject };
  const extractor = extractorFor(doc.file, text, options)!;
  assert.deepEqual(extractor.extract({ path: doc.file, text }, options).errors, [], `${action.title} leaves code that parses:\n${text}`);
  return text;
}

describe('language server: Python, Terraform, Kubernetes YAML and CloudFormation JSON', function () {
  this.timeout(120_000);
  let client: LspClient;

  before(async () => {
    await initExtractors();
    client = (await LspClient.start(EXAMPLES)).client;
  });
  after(async () => {
    assert.equal(await client?.stop(), 0);
  });

  it('python: diagnostics, the fix, and a # disable comment', async () => {
    const doc = await openExample(client, 'python/triage/digest.py', 'python');
    const missing = doc.diagnostics.find((d) => d.code === 'missing-max-tokens');
    assert.ok(missing, JSON.stringify(doc.diagnostics.map((d) => d.code)));
    assert.equal(missing.range.start.line, 12);
    const actions = await quickFixes(client, doc.uri, missing);
    const fixed = applyAndParse(doc, actions[0], 'python');
    assert.match(fixed, /max_completion_tokens=1024/);
    const disable = actions.find((a) => a.title === 'Disable missing-max-tokens for this line')!;
    const disabled = applyAndParse(doc, disable, 'python');
    assert.match(disabled.split('\n')[12], /^\s+# costlint-disable-next-line missing-max-tokens -- reason$/);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: doc.uri } })) as CodeLens[];
    const resolved = (await client.connection.sendRequest('codeLens/resolve', lenses.find((l) => !l.command))) as CodeLens;
    assert.match(resolved.command!.title, /^≈ \$[\d,.]+\/mo at 60,000 calls · \.costlint\.yaml:\d+$/, 'usage by function name from the config');
  });

  it('terraform: the tag fix, a price hint per hour, hover with the instance price', async () => {
    const doc = await openExample(client, 'infra/terraform/untagged.tf', 'terraform');
    const tags = doc.diagnostics.find((d) => d.code === 'missing-cost-tags');
    assert.ok(tags);
    const actions = await quickFixes(client, doc.uri, tags);
    assert.match(actions[0].title, /team/);
    const fixed = applyAndParse(doc, actions[0], 'terraform');
    assert.match(fixed, /team\s*=\s*"ml-platform"/);
    applyAndParse(doc, actions.find((a) => a.title.startsWith('Disable missing-cost-tags for the entire file'))!, 'terraform');
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })) as InlayHint[];
    assert.match(String(hints[0].label), /^≈ \$[\d,.]+\/h$/);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 5, character: 10 } })) as Hover;
    const value = (hover.contents as MarkupContent).value as string;
    assert.match(value, /Price: `azure\/Standard_NC24ads_A100_v4` from .+, as of \S/);
    assert.match(value, /Hours per month: 730 — built-in default/);
  });

  it('kubernetes yaml: a retry bound and a # disable comment that parse', async () => {
    const doc = await openExample(client, 'infra/kubernetes/finetune-job.yaml', 'yaml');
    const retry = doc.diagnostics.find((d) => d.code === 'unbounded-retry');
    assert.ok(retry);
    assert.equal(retry.severity, 1);
    const actions = await quickFixes(client, doc.uri, retry);
    const disabled = applyAndParse(doc, actions.find((a) => a.title === 'Disable unbounded-retry for this line')!, 'yaml');
    assert.equal(disabled.split('\n')[8], '  # costlint-disable-next-line unbounded-retry -- reason');
    for (const action of actions.filter((a) => a.edit)) applyAndParse(doc, action, 'yaml');
  });

  it('cloudformation json: no comment to disable with, the other actions stay', async () => {
    const doc = await openExample(client, 'infra/cloudformation/gpu-asg.json', 'json');
    const tags = doc.diagnostics.find((d) => d.code === 'missing-cost-tags');
    assert.ok(tags);
    const titles = (await quickFixes(client, doc.uri, tags)).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Disable')), titles.join('\n'));
    assert.ok(titles.includes('Show documentation for missing-cost-tags'));
  });
});
