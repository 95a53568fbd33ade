// The VS Code extension: starts the costlint language server (dist/server.js) and adds what
// only an editor has: the status bar item, commands, the API token in SecretStorage, and a
// restart when the user trusts the workspace.
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  LANGUAGE_IDS,
  REFRESH_BUDGETS_REQUEST,
  REPORT_REQUEST,
  SET_TOKEN_NOTIFICATION,
  STATUS_NOTIFICATION,
  type InitializationOptions,
  type ReportResult,
  type SetTokenParams,
  type StatusParams,
} from '../server/lsp/protocol';
import { StatusItem } from './status';
import { redactingChannel } from './redact';
import { userOnlyOrigins } from './settings';
import { showReport } from './report';

/** SecretStorage key of the cost API token. */
const TOKEN_KEY = 'costlint.apiToken';

let client: LanguageClient | undefined;
/** The token last handed to the server, so the output channel can redact it. */
let sentToken: string | null = null;

/** What the extension exports to other extensions and to its end-to-end tests. */
export interface CostlintApi {
  /** The last status the server sent, or undefined before the first one. */
  status(): StatusParams | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<CostlintApi> {
  const output = redactingChannel(vscode.window.createOutputChannel('costlint', { log: true }), () => (sentToken ? [sentToken] : []));
  const status = new StatusItem();
  context.subscriptions.push(output, status);

  client = createClient(context, output);
  const current = client;
  // Server-driven status (budget used, offline, unknown); the client only covers start/stop.
  current.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.show(params));
  current.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) status.starting();
    if (newState === State.Stopped) status.stopped();
    // A (re)started server knows no token yet.
    if (newState === State.Running) void sendToken(context, current);
  });
  context.subscriptions.push(
    current,
    vscode.commands.registerCommand('costlint.showCostReport', () => costReport(current, context)),
    vscode.commands.registerCommand('costlint.refreshBudgets', async () => {
      await current.sendRequest(REFRESH_BUDGETS_REQUEST);
      void vscode.window.setStatusBarMessage('costlint: budgets refreshed', 3000);
    }),
    vscode.commands.registerCommand('costlint.setApiToken', () => setApiToken(context, current)),
    vscode.commands.registerCommand('costlint.restartServer', () => current.restart()),
    vscode.commands.registerCommand('costlint.showOutputChannel', () => output.show(true)),
    context.secrets.onDidChange((e) => {
      if (e.key === TOKEN_KEY && current.isRunning()) void sendToken(context, current);
    }),
    // Restricted mode lints locally; once the user grants trust, start over with network allowed.
    vscode.workspace.onDidGrantWorkspaceTrust(() => current.restart()),
  );
  await current.start();
  return { status: () => status.current };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // The server pulls the `costlint` section (workspace/configuration) per file.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.costlint.yaml') },
    middleware: { workspace: { configuration: userOnlyOrigins } },
    // A function, so a restart after the user grants trust sends the new value.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    outputChannel: output,
  };
  return new LanguageClient('costlint', 'costlint', serverOptions, clientOptions);
}

/** Hands the stored token to the server, only in a trusted workspace. The token is never logged. */
async function sendToken(context: vscode.ExtensionContext, current: LanguageClient): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  const token = (await context.secrets.get(TOKEN_KEY)) ?? null;
  if (token) sentToken = token;
  const params: SetTokenParams = { token };
  await current.sendNotification(SET_TOKEN_NOTIFICATION, params);
}

async function setApiToken(context: vscode.ExtensionContext, current: LanguageClient): Promise<void> {
  const token = await vscode.window.showInputBox({
    title: 'costlint: cost API token',
    prompt: 'Stored in VS Code SecretStorage and sent only to origins allowed in costlint.budgets.allowedOrigins. Leave empty to remove it.',
    password: true,
    ignoreFocusOut: true,
  });
  if (token === undefined) return;
  if (token.trim() === '') await context.secrets.delete(TOKEN_KEY);
  else await context.secrets.store(TOKEN_KEY, token.trim());
  // secrets.onDidChange also fires; sending twice is harmless and keeps this command self-contained.
  if (current.isRunning()) await sendToken(context, current);
  void vscode.window.setStatusBarMessage(token.trim() ? 'costlint: token stored' : 'costlint: token removed', 3000);
}

/** Asks the server for the workspace report and shows it; returns it for scripting and tests. */
async function costReport(current: LanguageClient, context: vscode.ExtensionContext): Promise<ReportResult> {
  const report = await current.sendRequest<ReportResult>(REPORT_REQUEST);
  showReport(report, context);
  return report;
}
