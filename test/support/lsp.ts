import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import {
  InitializeRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import type { CostlintSettings, StatusParams } from '../../server/lsp/protocol';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    codeLens: {},
    inlayHint: {},
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { showDocument: { support: true } },
};

/**
 * A real LSP client over stdio for the built server: records every notification and server
 * request, answers workspace/configuration with `settings`, and polls for what tests wait for.
 */
export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly serverRequests: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  exitCode: number | null = null;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    public settings: Partial<CostlintSettings>,
  ) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve((this.exitCode = code))));
    process.stderr!.on('data', (chunk) => this.stderr.push(String(chunk)));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => void this.diagnostics.push(params));
    connection.onNotification('costlint/status', (params: StatusParams) => void this.statuses.push(params));
    connection.onNotification('window/logMessage', (params: { message: string }) => void this.logs.push(params.message));
    connection.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      if (method === 'workspace/configuration') return (params as { items: unknown[] }).items.map(() => this.settings);
      if (method === 'window/showDocument') return { success: true };
      return null;
    });
    connection.listen();
  }

  static async start(root: string, options: { settings?: Partial<CostlintSettings>; trusted?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ client: LspClient; initialize: InitializeResult }> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? {});
    const initialize = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
      capabilities: CAPABILITIES,
      initializationOptions: { trusted: options.trusted ?? false },
    });
    await connection.sendNotification('initialized', {});
    return { client, initialize };
  }

  open(file: string, text: string, languageId: string, version = 1): string {
    const uri = pathToFileURL(file).href;
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  /** Waits until the server has loaded the tokenizer (it re-publishes everything once then). */
  tokenizerLoaded(): Promise<boolean> {
    return this.waitFor('the tokenizer to load', () => this.logs.some((l) => l.includes('tokenizer loaded')));
  }

  /** Diagnostics published for `uri` after the first `since` notifications (all, by default). */
  published(uri: string, since = 0): PublishDiagnosticsParams[] {
    return this.diagnostics.slice(since).filter((d) => d.uri === uri);
  }

  /** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
  async waitFor<T>(what: string, check: () => T | undefined | false | null, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false && value !== null) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; statuses: ${JSON.stringify(this.statuses.slice(-3))}; server stderr: ${this.stderr.join('').slice(-2000)}`);
      if (this.exitCode !== null) throw new Error(`server exited (${this.exitCode}) while waiting for ${what}: ${this.stderr.join('').slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The next diagnostics for `uri` published after notification number `since`. */
  nextDiagnostics(uri: string, since: number, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri}`, () => this.published(uri, since).find((p) => predicate(p.diagnostics))?.diagnostics);
  }

  async stop(): Promise<number | null> {
    if (this.exitCode !== null) return this.exitCode;
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}
