import { CodeActionKind, TextDocumentSyncKind, type FileSystemWatcher, type InitializeResult } from 'vscode-languageserver';
import { FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND } from './protocol';

/** What the server answers `initialize` with: the features it serves. */
export const SERVER_INFO: InitializeResult = {
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    codeLensProvider: { resolveProvider: true },
    inlayHintProvider: { resolveProvider: false },
    hoverProvider: true,
    executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  },
  serverInfo: { name: 'costlint', version: '0.1.0' },
};

/**
 * Files the server asks the client to watch: configs and CODEOWNERS (settings change), and TS/JS
 * sources (other documents may import what they export). Files a config extends are watched on
 * their own (config-files.ts).
 */
export const WATCHED_FILES: FileSystemWatcher[] = [
  { globPattern: '**/.costlint.{yaml,yml}' },
  { globPattern: '**/CODEOWNERS' },
  { globPattern: '**/*.costlint.{yaml,yml}' },
  { globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' },
];
