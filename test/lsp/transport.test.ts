import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as os from 'node:os';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER } from '../support/lsp';

const UNTITLED = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export const ask = (q: string) => anthropic.messages.create({ model: 'claude-opus-4-1', max_tokens: 300, messages: [{ role: 'user', content: q }] });
`;

describe('language server over node IPC (how vscode-languageclient starts it)', function () {
  this.timeout(120_000);

  it('initializes, lints an untitled document by its language id, and exits 0', async () => {
    const child = fork(SERVER, ['--node-ipc'], { cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: PublishDiagnosticsParams[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
    connection.onRequest(() => null);
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { trusted: false } })) as InitializeResult;
      assert.equal(result.serverInfo?.name, 'costlint');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'typescript', version: 1, text: UNTITLED } });
      const deadline = Date.now() + 60_000;
      let diagnostics: Diagnostic[] | undefined;
      while (!(diagnostics = published.find((p) => p.uri === 'untitled:Untitled-1')?.diagnostics)) {
        assert.ok(Date.now() < deadline, 'diagnostics for the untitled document');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(diagnostics.map((d) => d.code), ['frontier-model-default']);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
