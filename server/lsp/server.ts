import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileReport } from '../engine/lint';
import { lintPaths } from '../engine/run';
import { forgetProjectFiles, initExtractors } from '../languages';
import { DocumentMemory } from '../languages/extractor';
import { setTokenizerMode } from '../estimate/tokens';
import { defaultCatalog } from '../../pricing/catalog';
import { analyse, ConfigCache, editorSettings, failedToParse, initExtractorsFor, pathOfUri } from './analysis';
import { EditorBudgets, statusFor } from './budgets';
import { fixAllAction, quickFixes } from './code-actions';
import { SOURCE, toDiagnostics } from './diagnostics';
import { codeLenses, hover, inlayHints, lensTitle, type LensData } from './views';
import { BaseCosts, deltaLensTitle, monthlyTotal, withDelta } from './delta';
import { ConfigFiles } from './config-files';
import { SERVER_INFO, WATCHED_FILES } from './capabilities';
import type { CodeCacheState } from '../code-cache';
import { workspaceReport } from './report';
import { mergeSettings } from './settings';
import { DeferredTokenizer } from './tokenizer';
import {
  DEFAULT_SETTINGS,
  FIX_ALL_KIND,
  LANGUAGE_IDS,
  REFRESH_BUDGETS_REQUEST,
  REPORT_REQUEST,
  SETTINGS_SECTION,
  SET_TOKEN_NOTIFICATION,
  SHOW_DOCUMENTATION_COMMAND,
  STATUS_NOTIFICATION,
  type InitializationOptions,
  type ReportResult,
  type SetTokenParams,
} from './protocol';

/** Logged once the tokenizer is loaded and open documents are re-counted exactly. */
export const TOKENIZER_LOADED = 'costlint: tokenizer loaded; token counts are exact from now on';

/** Logged after initialization with the state of the code cache the server was compiled from (`accepted`, `missing`, …). */
export const CODE_CACHE_LOG = 'costlint: code cache';

/** Typing pauses this long before a document is analysed again. */
export const DEBOUNCE_MS = 200;

interface DocumentState {
  /** The latest analysis, for diagnostics and code actions (its text is the document's at `version`). */
  report: FileReport;
  version: number;
  /** The last analysis that parsed: lenses, hints and hover keep showing it while the text does not parse. */
  good: FileReport;
}

/** How the process started, from the loader (dist/server.js). */
export interface Startup {
  codeCache?: CodeCacheState;
  /** Called once, when the first diagnostics are ready (the loader fills its code cache then). */
  firstDiagnostics?: () => void;
}

/** Wires the costlint engine to an LSP connection. */
export function startServer(connection: Connection, startup: Startup = {}): void {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigCache();
  const configFiles = new ConfigFiles(connection, configs);
  const states = new Map<string, DocumentState>();
  /** The last parse of each recently analysed document, re-used while typing. */
  const memory = new DocumentMemory();
  const timers = new Map<string, NodeJS.Timeout>();
  let settings = DEFAULT_SETTINGS;
  let trusted = false;
  let token: string | null = null;
  let folders: string[] = [];
  let capabilities: InitializeParams['capabilities'] = {};
  /** Analysis waits for the first settings pull. */
  let settingsPulled: Promise<void> = Promise.resolve();
  /** The document the user worked on last: the status bar speaks of its team. */
  let focused: string | null = null;

  // Lenses ask for it; when it is known, they are asked again.
  const baseCosts = new BaseCosts(() => {
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type);
    sendStatus();
  });
  const budgets = new EditorBudgets(
    configs,
    () => ({ trusted, offline: settings.offline, token, origins: settings.budgets.allowedOrigins }),
    () => {
      relintAll();
      refreshViews();
    },
  );

  const supported = (document: TextDocument) => (LANGUAGE_IDS as readonly string[]).includes(document.languageId);

  function lint(document: TextDocument): FileReport {
    const file = pathOfUri(document.uri, document.languageId);
    const folder = path.dirname(file);
    const base = editorSettings(configs, file, { monthlyCalls: settings.usage.monthlyCalls });
    const team = base.policy.team;
    const state = budgets.peek(team, folder);
    if (team && state) base.budget = { team, state, pendingMonthly: 0 };
    return analyse(file, document.getText(), base, memory);
  }

  function publish(uri: string): void {
    const state = states.get(uri);
    const diagnostics: Diagnostic[] = [];
    if (settings.enable && state) {
      // While the text does not parse, the last good findings stay beside the parse errors.
      if (state.good !== state.report) diagnostics.push(...toDiagnostics({ ...state.good, errors: [] }, settings.rules.customizations));
      diagnostics.push(...toDiagnostics(state.report, settings.rules.customizations));
    }
    void connection.sendDiagnostics({ uri, version: state?.version, diagnostics: [...diagnostics, ...configFiles.diagnostics(uri)] });
  }

  async function validate(document: TextDocument): Promise<void> {
    await initExtractorsFor(pathOfUri(document.uri, document.languageId));
    await settingsPulled;
    const current = documents.get(document.uri);
    // Stale work: the document changed or closed while waiting.
    if (!current || current.version !== document.version) return;
    let report: FileReport;
    try {
      report = lint(current);
    } catch (error) {
      // A bug must not take the server down: say so in the log and keep the last analysis.
      connection.console.error(`costlint: analysing ${current.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    const previous = states.get(current.uri);
    states.set(current.uri, { report, version: current.version, good: failedToParse(report) && previous ? previous.good : report });
    publish(current.uri);
    firstDiagnostics();
    configFiles.publish((uri) => states.has(uri));
    configFiles.watchLayers(capabilities);
    sendStatus();
    tokenizer.loadLater();
  }

  function schedule(document: TextDocument): void {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        void validate(document);
      }, DEBOUNCE_MS),
    );
  }

  function relintAll(): void {
    for (const document of documents.all()) if (supported(document)) void validate(document);
  }

  /** Files changed on disk: answers read from them are dropped, and open documents (which may import them) analysed again after a pause. */
  function projectFilesChanged(files: string[]): void {
    if (forgetProjectFiles(files)) for (const document of documents.all()) if (supported(document)) schedule(document);
  }

  function refreshViews(): void {
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type);
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
    sendStatus();
  }

  function sendStatus(): void {
    const document = focused ? documents.get(focused) : undefined;
    const file = document ? pathOfUri(document.uri, document.languageId) : null;
    const config = file ? configs.configFor(path.dirname(file)) : null;
    const current = focused ? states.get(focused) : undefined;
    const team = current?.report.team ?? null;
    const state = team && file ? budgets.peek(team, path.dirname(file)) : null;
    const report = current?.good;
    const base = report?.estimates.length && settings.enable ? baseCosts.peek(report.path, settings.diff.base) : undefined;
    const budgetStatus = statusFor(team, state, { enabled: settings.enable, offline: settings.offline, hasBudgets: Boolean(config?.config.budgets) });
    const status = base && report ? withDelta(budgetStatus, base, monthlyTotal(report)) : budgetStatus;
    if (JSON.stringify(status) === lastStatus) return;
    lastStatus = JSON.stringify(status);
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }
  let lastStatus = '';

  async function pullSettings(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    settings = mergeSettings(await connection.workspace.getConfiguration(SETTINGS_SECTION));
  }

  let firstDiagnosticsReady = false;
  /** Once, when the first diagnostics are ready: the loader writes its code cache (~40 ms, once per bundle and Node). */
  function firstDiagnostics(): void {
    if (!firstDiagnosticsReady) startup.firstDiagnostics?.();
    firstDiagnosticsReady = true;
  }

  const tokenizer = new DeferredTokenizer(() => timers.size > 0, DEBOUNCE_MS, () => {
    connection.console.info(TOKENIZER_LOADED);
    relintAll();
    refreshViews();
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    trusted = (params.initializationOptions as Partial<InitializationOptions> | undefined)?.trusted === true;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(!params.workspaceFolders?.length && params.rootUri ? [params.rootUri] : []).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    setTokenizerMode('deferred');
    // Load the pricing catalog (prebuilt JSON beside the bundle) while the client finishes starting, not on the first open.
    defaultCatalog();
    return SERVER_INFO;
  });

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILES });
    }
    if (capabilities.workspace?.workspaceFolders) {
      // The cost report covers the folders open now.
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        const added = event.added.map((f) => f.uri).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
        folders = folders.filter((f) => !removed.has(pathToFileURL(f).href)).concat(added);
      });
    }
    if (startup.codeCache) connection.console.info(`${CODE_CACHE_LOG} ${startup.codeCache}`);
    settingsPulled = pullSettings().catch((error) => connection.console.error(`costlint: cannot read settings: ${String(error)}`));
    await settingsPulled;
    // Warm the other parsers in the background, and be ready to count tokens even with no document open.
    setTimeout(() => void initExtractors().then(() => tokenizer.loadLater()), 1000);
  });

  documents.onDidOpen((event) => {
    focused = event.document.uri;
  });

  documents.onDidChangeContent((event) => {
    const document = event.document;
    if (!supported(document)) return;
    focused = document.uri;
    // A document seen for the first time is analysed at once; edits wait for a typing pause.
    if (!states.has(document.uri)) void validate(document);
    else if (settings.run === 'onType') schedule(document);
  });

  documents.onDidSave((event) => {
    if (supported(event.document) && event.document.uri.startsWith('file:')) baseCosts.forget(fileURLToPath(event.document.uri));
    if (event.document.uri.startsWith('file:')) projectFilesChanged([fileURLToPath(event.document.uri)]);
    if (supported(event.document) && settings.run === 'onSave') void validate(event.document);
  });

  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    states.delete(event.document.uri);
    if (supported(event.document)) memory.forget(pathOfUri(event.document.uri, event.document.languageId));
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: configFiles.diagnostics(event.document.uri) });
  });

  connection.onDidChangeConfiguration(async (change) => {
    const access = JSON.stringify([settings.offline, settings.budgets.allowedOrigins]);
    if (capabilities.workspace?.configuration) await pullSettings();
    else settings = mergeSettings((change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION]);
    // Budgets are asked again only when what may reach the network changed.
    if (JSON.stringify([settings.offline, settings.budgets.allowedOrigins]) !== access) budgets.refresh();
    baseCosts.forget();
    relintAll();
    refreshViews();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const changed = params.changes.map((c) => (c.uri.startsWith('file:') ? fileURLToPath(c.uri) : c.uri));
    projectFilesChanged(changed);
    if (!changed.some((file) => configs.affects(file) || path.basename(file) === 'CODEOWNERS')) return;
    configs.clear();
    budgets.refresh();
    relintAll();
    refreshViews();
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const state = states.get(params.textDocument.uri);
    // Edits are only offered against the exact text they were computed for.
    if (!document || !state || !settings.enable || state.report.lines.text !== document.getText()) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics) if (diagnostic.source === SOURCE) actions.push(...quickFixes(state.report, document.uri, diagnostic));
    }
    if (only && wants(FIX_ALL_KIND)) {
      const relint = (text: string) => analyse(state.report.path, text, editorSettings(configs, state.report.path, { monthlyCalls: settings.usage.monthlyCalls }));
      const fixAll = fixAllAction(state.report, document.uri, relint);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === SHOW_DOCUMENTATION_COMMAND && typeof params.arguments?.[0] === 'string') {
      await connection.window.showDocument({ uri: params.arguments[0], external: true });
    }
  });

  connection.languages.inlayHint.on((params) => {
    const state = states.get(params.textDocument.uri);
    if (!state || !settings.enable || !settings.inlayHints.enabled) return [];
    return inlayHints(state.good, params.range);
  });

  connection.onCodeLens((params) => {
    const state = states.get(params.textDocument.uri);
    if (!state || !settings.enable || !settings.codeLens.enabled) return [];
    const lenses = codeLenses(state.good, params.textDocument.uri, state.version);
    // What this file adds or saves per month against the merge-base with the base branch.
    const base = lenses.length ? baseCosts.peek(state.good.path, settings.diff.base) : undefined;
    // Only a file that changed in cost gets one, like a line in a diff.
    if (base && Math.abs(monthlyTotal(state.good) - base.monthly) >= 0.005) lenses.unshift({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: deltaLensTitle(base, monthlyTotal(state.good)), command: '' } });
    return lenses;
  });

  connection.onCodeLensResolve((lens) => {
    const data = lens.data as LensData | undefined;
    if (!data) return lens;
    const state = states.get(data.uri);
    const report = state?.good;
    const fact = report?.facts[data.index];
    if (!report || !fact) return { ...lens, command: { title: 'costlint: out of date', command: '' } };
    // Never wait for the cost API here: a lookup under way refreshes the lenses when it answers.
    const budget = budgets.peek(report.team ?? null, path.dirname(report.path));
    return { ...lens, command: { title: lensTitle(fact, report.estimates[data.index], budget), command: '' } };
  });

  connection.onHover((params) => {
    const state = states.get(params.textDocument.uri);
    if (!state || !settings.enable) return null;
    return hover(state.good, params.position);
  });

  connection.onRequest(REFRESH_BUDGETS_REQUEST, () => {
    budgets.refresh();
    relintAll();
    refreshViews();
    return null;
  });

  connection.onNotification(SET_TOKEN_NOTIFICATION, (params: SetTokenParams) => {
    token = typeof params?.token === 'string' && params.token.trim() ? params.token.trim() : null;
    budgets.refresh();
    relintAll();
    refreshViews();
  });

  connection.onRequest(REPORT_REQUEST, async (): Promise<ReportResult> => {
    await initExtractors();
    const reports = new Map<string, FileReport>();
    for (const folder of folders) {
      const result = await lintPaths({ cwd: folder, paths: [folder] });
      for (const report of result.reports) reports.set(report.path, report);
    }
    // Open documents count as the user sees them, saved or not.
    for (const state of states.values()) reports.set(state.good.path, state.good);
    return workspaceReport([...reports.values()], async (team, folder) => {
      const hasBudgets = Boolean(configs.configFor(folder).config.budgets);
      const state = hasBudgets ? await budgets.get(team, folder) : null;
      const status = statusFor(team, state, { enabled: true, offline: settings.offline, hasBudgets });
      return { ...(state?.kind === 'known' ? { budget: state.monthlyLimit } : {}), state: status.state };
    });
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}
