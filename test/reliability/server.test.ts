import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp';
import { tempProject } from '../support/cli';
import { tally } from './support';

/**
 * The language server stays up whatever the editor or the workspace throws at it: malformed
 * JSON-RPC, requests about documents it never saw, a document closed mid-analysis, a thousand
 * edits in a burst, broken configs. After every fault a real request must still be answered and
 * diagnostics must still be right.
 */

const SOURCE = `import OpenAI from 'openai';
const client = new OpenAI();

export async function summarize(text: string) {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: text }],
  });
}
`;

/**
 * A well-framed message with a bad body, as raw bytes on the server's stdin. (A wrong
 * Content-Length cannot be recovered from by any LSP server: the stream has no other framing.)
 */
function sendRaw(client: LspClient, body: string): void {
  client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** The server answers a real request and is still alive: the proof after each fault. */
async function stillServes(client: LspClient, uri: string): Promise<void> {
  tally.serverFaults++;
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } })) as Hover | null;
  assert.equal(client.exitCode, null, `the server exited: ${client.stderr.join('')}`);
  assert.ok(hover, 'hover over the call still answers');
}

/** Resident memory of the server process (Linux), in MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('reliability: the language server stays up', function () {
  this.timeout(180_000);
  let dir: string;
  let client: LspClient;
  let uri: string;

  before(async () => {
    dir = tempProject({ 'src/a.ts': SOURCE });
    for (let i = 0; i < 6; i++) fs.mkdirSync(path.join(dir, `config-${i}`));
    client = (await LspClient.start(dir)).client;
    uri = client.open(path.join(dir, 'src/a.ts'), SOURCE, 'typescript');
    await client.nextDiagnostics(uri, 0);
    await client.tokenizerLoaded();
  });
  after(async () => {
    await client?.stop();
  });

  describe('malformed LSP traffic', () => {
    const garbage: [name: string, send: (c: LspClient) => void][] = [
      ['a body that is not JSON', (c) => sendRaw(c, '{"jsonrpc":"2.0","id":9001,"method":"textDocument/hover",')],
      ['JSON that is not a message', (c) => sendRaw(c, '[1,2,3]')],
      ['a message without a method or id', (c) => sendRaw(c, '{"jsonrpc":"2.0"}')],
    ];
    for (const [name, send] of garbage) {
      it(`survives ${name}`, async () => {
        send(client);
        await stillServes(client, uri);
      });
    }

    const requests: [name: string, method: string, params: unknown][] = [
      ['an unknown method', 'costlint/doesNotExist', {}],
      ['hover without params', 'textDocument/hover', null],
      ['hover on a document never opened', 'textDocument/hover', { textDocument: { uri: 'file:///nowhere/x.ts' }, position: { line: 0, character: 0 } }],
      ['hover far past the end', 'textDocument/hover', { textDocument: { uri: '$uri' }, position: { line: 1e9, character: -5 } }],
      ['code actions with a nonsense range', 'textDocument/codeAction', { textDocument: { uri: '$uri' }, range: { start: { line: 99, character: 0 }, end: { line: -1, character: 3 } }, context: { diagnostics: [{ range: null, message: 7, source: 'costlint', data: 'x' }] } }],
      ['fix-all for an unknown document', 'textDocument/codeAction', { textDocument: { uri: 'untitled:ghost' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.costlint'] } }],
      ['codeLens/resolve with foreign data', 'codeLens/resolve', { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: { uri: 'file:///x', index: 'zero' } }],
      ['inlay hints with no range', 'textDocument/inlayHint', { textDocument: { uri: '$uri' } }],
      ['executeCommand with no arguments', 'workspace/executeCommand', { command: 'costlint.showDocumentation' }],
    ];
    for (const [name, method, params] of requests) {
      it(`answers ${name} (a result or an error), and goes on`, async () => {
        const withUri = JSON.parse(JSON.stringify(params).replace(/"\$uri"/g, JSON.stringify(uri)));
        await client.connection.sendRequest(method, withUri).then(
          () => undefined,
          (error: { code?: number }) => assert.equal(typeof error.code, 'number', 'a JSON-RPC error, not a dropped connection'),
        );
        await stillServes(client, uri);
      });
    }

    const notifications: [name: string, method: string, params: unknown][] = [
      ['didChange for a document never opened', 'textDocument/didChange', { textDocument: { uri: 'file:///nowhere/y.ts', version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['didChange with a range past the end', 'textDocument/didChange', { textDocument: { uri: '$uri', version: 2 }, contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 900, character: 4 } }, text: '' }] }],
      ['didClose of a document never opened', 'textDocument/didClose', { textDocument: { uri: 'file:///nowhere/z.ts' } }],
      ['didOpen of a binary-looking document', 'textDocument/didOpen', { textDocument: { uri: 'file:///nowhere/bin.ts', languageId: 'typescript', version: 1, text: '\u0000\u0001\uffff'.repeat(1000) } }],
      ['didChangeConfiguration with junk settings', 'workspace/didChangeConfiguration', { settings: { costlint: { enable: 'yes', usage: { monthlyCalls: 'lots' }, rules: { customizations: [null, 3] } } } }],
      ['didChangeWatchedFiles with a non-file URI', 'workspace/didChangeWatchedFiles', { changes: [{ uri: 'untitled:.costlint.yaml', type: 2 }] }],
      ['setToken with no token', 'costlint/setToken', { token: 42 }],
    ];
    for (const [name, method, params] of notifications) {
      it(`survives ${name}`, async () => {
        void client.connection.sendNotification(method, JSON.parse(JSON.stringify(params).replace(/"\$uri"/g, JSON.stringify(uri))));
        await stillServes(client, uri);
      });
    }
  });

  describe('documents in motion', () => {
    it('a document closed mid-analysis: no diagnostics are published for it after the close', async () => {
      // A large document, so its analysis is under way (or waiting) when the close arrives.
      const big = SOURCE + Array.from({ length: 2000 }, (_, i) => `export const v${i} = client.chat.completions.create({ model: 'gpt-5', messages: [] });`).join('\n');
      for (let round = 0; round < 3; round++) {
        const file = path.join(dir, `src/closing-${round}.ts`);
        const closingUri = client.open(file, big, 'typescript');
        void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: closingUri, version: 2 }, contentChanges: [{ text: `${big}\n` }] });
        void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: closingUri } });
        await stillServes(client, uri);
        // Whatever was published before the close, the last word on the closed document is "nothing".
        await client.waitFor('the cleared diagnostics', () => client.published(closingUri).at(-1)?.diagnostics.length === 0);
        const settled = client.diagnostics.length;
        await stillServes(client, uri);
        assert.deepEqual(client.published(closingUri, settled), [], 'nothing published after the close');
      }
    });

    it('1,000 rapid didChange edits: the last version wins and memory stays flat', async () => {
      const file = path.join(dir, 'src/typing.ts');
      const typingUri = client.open(file, SOURCE, 'typescript');
      await client.nextDiagnostics(typingUri, 0);
      let version = 1;
      const burst = async (): Promise<Diagnostic[]> => {
        const mark = client.diagnostics.length;
        for (let i = 0; i < 1000; i++) {
          version++;
          // Type and delete a character inside the prompt, ending with a cap added on the last edit.
          const text = i === 999 ? SOURCE.replace("model: 'gpt-4o-mini',", "model: 'gpt-4o-mini',\n    max_tokens: 200,") : SOURCE.replace('text }]', `text${'x'.repeat(i % 7)} }]`);
          void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: typingUri, version }, contentChanges: [{ text }] });
        }
        const last = await client.waitFor('diagnostics of the last version', () => client.published(typingUri, mark).find((p) => p.version === version));
        tally.serverFaults++;
        const versions = client.published(typingUri, mark).map((p) => p.version!);
        assert.ok(versions.length < 50, `debounced: ${versions.length} analyses for 1,000 edits`);
        assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'never an older version after a newer one');
        return last.diagnostics;
      };
      const first = await burst();
      assert.deepEqual(first.map((d) => d.code), [], 'the last text (with its cap) is what was analysed');
      const baseline = rssMb(client.process.pid!);
      for (let round = 0; round < 3; round++) await burst();
      const grown = rssMb(client.process.pid!) - baseline;
      assert.ok(grown < 64, `resident memory grew ${grown.toFixed(1)} MB over 3,000 more edits`);
      await stillServes(client, uri);
    });
  });

  describe('broken configs: a diagnostic on the config file, linting goes on with defaults', () => {
    // One folder per broken config, all in the one workspace: each file gets its nearest config.
    const broken: [name: string, files: Record<string, string>, line: number][] = [
      ['YAML that does not parse', { '.costlint.yaml': 'rules:\n  missing-max-tokens: [error\n' }, 3],
      ['an unknown rule', { '.costlint.yaml': 'rules:\n  missing-max-tokens: error\n  no-such-rule: warning\n' }, 3],
      ['an extends cycle', { '.costlint.yaml': 'extends: ./base.yaml\n', 'base.yaml': 'extends: ./.costlint.yaml\n' }, 1],
      ['extends naming code', { '.costlint.yaml': 'extends: ./config.js\n', 'config.js': 'module.exports = {}\n' }, 1],
      ['an alias bomb', { '.costlint.yaml': `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `b${i}: &b${i} [${Array(9).fill(i ? `*b${i - 1}` : '*a').join(', ')}]`).join('\n')}\n` }, 1],
      ['a binary file', { '.costlint.yaml': '\u0000\u0001\u0002garbage\u0000' }, 1],
    ];
    broken.forEach(([name, files, line], i) => {
      it(name, async () => {
        for (const [file, text] of Object.entries({ ...files, 'a.ts': SOURCE })) fs.writeFileSync(path.join(dir, `config-${i}`, file), text);
        const mark = client.diagnostics.length;
        const docUri = client.open(path.join(dir, `config-${i}`, 'a.ts'), SOURCE, 'typescript');
        const diagnostics = await client.nextDiagnostics(docUri, mark);
        assert.deepEqual(diagnostics.map((d) => d.code), ['missing-max-tokens'], 'the document is linted with defaults');
        const configUri = pathToFileURL(path.join(dir, `config-${i}`, '.costlint.yaml')).href;
        const baseUri = pathToFileURL(path.join(dir, `config-${i}`, 'base.yaml')).href;
        const problems = await client.waitFor('the config problem', () => client.published(configUri, mark).concat(client.published(baseUri, mark)).find((p) => p.diagnostics.length)?.diagnostics);
        assert.equal(problems[0].severity, 1);
        assert.equal(problems[0].range.start.line, line - 1, String(problems[0].message));
        await stillServes(client, docUri);
      });
    });
  });

  describe('and then', () => {
    it('after every fault, shutdown still ends the process cleanly', async () => {
      assert.equal(await client.stop(), 0);
    });
  });
});
