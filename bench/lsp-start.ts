import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { round } from './tools';

export const SERVER = path.join(__dirname, '..', 'dist', 'server.js');

export interface ColdStart {
  /** Spawn of `node dist/server.js --stdio` to the first `textDocument/publishDiagnostics` for the opened file (with the server's code cache). */
  ms: number;
  /** The same for the first start after an install or upgrade: no code cache yet (the server writes it then). */
  firstStartMs: number;
  /** Diagnostics in that first publication (the file has LLM calls, so a working server reports some). */
  diagnostics: number;
}

const SAMPLE = `import OpenAI from 'openai';

const client = new OpenAI();

export async function answer(question: string) {
  const response = await client.chat.completions.create({
    model: 'gpt-5',
    messages: [{ role: 'user', content: question }],
  });
  return response.choices[0].message.content;
}
`;

/**
 * Cold start of the language server to first diagnostics, over the protocol as an editor speaks
 * it: initialize, initialized, didOpen, then wait for publishDiagnostics of that document. Twice,
 * with a cache folder of its own: the first start compiles the bundle and writes the code cache,
 * the second is every later start.
 */
export async function measureColdStart(timeoutMs = 60_000): Promise<ColdStart> {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-bench-cache-'));
  try {
    const first = await startOnce(timeoutMs, { XDG_CACHE_HOME: cache });
    const again = await startOnce(timeoutMs, { XDG_CACHE_HOME: cache });
    return { ms: again.ms, firstStartMs: first.ms, diagnostics: again.diagnostics };
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

async function startOnce(timeoutMs: number, env: NodeJS.ProcessEnv): Promise<Omit<ColdStart, 'firstStartMs'>> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-bench-lsp-'));
  const file = path.join(workspace, 'answer.ts');
  fs.writeFileSync(file, SAMPLE);
  const uri = pathToFileURL(file).href;
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: workspace, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  try {
    return await new Promise<Omit<ColdStart, 'firstStartMs'>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms${stderr ? `: ${stderr.slice(0, 500)}` : ''}`)), timeoutMs);
      child.on('exit', (code) => reject(new Error(`the server exited (${code}) before publishing diagnostics: ${stderr.slice(0, 500)}`)));
      connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
        if (params.uri !== uri) return;
        clearTimeout(timer);
        resolve({ ms: round(Number(process.hrtime.bigint() - start) / 1e6), diagnostics: params.diagnostics.length });
      });
      // Settings and capability requests get the answer of an editor with defaults.
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
      connection.onRequest(() => null);
      connection.onNotification(() => undefined);
      connection.listen();
      connection
        .sendRequest('initialize', {
          processId: process.pid,
          rootUri: pathToFileURL(workspace).href,
          workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
          capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
        })
        .then(() => {
          void connection.sendNotification('initialized', {});
          void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: SAMPLE } });
        }, reject);
    });
  } finally {
    connection.dispose();
    child.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
