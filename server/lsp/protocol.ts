// Names and shapes shared by the language server and its clients (VS Code, Neovim, tests).
// Plain TypeScript with no runtime dependency: a client can import it without pulling in
// vscode-languageserver.

/** The settings section the server pulls with workspace/configuration. */
export const SETTINGS_SECTION = 'costlint';

/** Languages the server analyses (LSP language ids). */
export const LANGUAGE_IDS = [
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'python',
  'terraform',
  'yaml',
  'json',
] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

/** The code action kind that applies every safe fix in a file (never a model swap). */
export const FIX_ALL_KIND = 'source.fixAll.costlint';

/**
 * Command the "show documentation" code action runs; its argument is the docs URL. The server
 * lists it in executeCommandProvider and answers with window/showDocument, so no client needs
 * code for it.
 */
export const SHOW_DOCUMENTATION_COMMAND = 'costlint.showDocumentation';

/** Client → server: the per-file and per-team monthly cost of the workspace. */
export const REPORT_REQUEST = 'costlint/report';
/** Client → server: drop cached budget state and republish lenses and status. */
export const REFRESH_BUDGETS_REQUEST = 'costlint/refreshBudgets';
/** Server → client: what the status bar item shows. */
export const STATUS_NOTIFICATION = 'costlint/status';
/** Client → server: the cost API token from SecretStorage (null clears it). Never logged. */
export const SET_TOKEN_NOTIFICATION = 'costlint/setToken';

export interface ReportItem {
  /** 0-based line of the call or resource. */
  line: number;
  /** Fact kind, e.g. `llm-call` or `compute`. */
  kind: string;
  label: string;
  monthly: number;
}

export interface ReportFile {
  uri: string;
  monthly: number;
  items: ReportItem[];
}

export type BudgetState = 'ok' | 'over' | 'unknown' | 'offline' | 'off';

export interface ReportTeam {
  team: string;
  monthly: number;
  budget?: number;
  state: BudgetState;
}

export interface ReportResult {
  total: number;
  files: ReportFile[];
  teams: ReportTeam[];
}

export interface StatusParams {
  state: BudgetState;
  /** e.g. "costlint: 62% of search budget", "costlint: offline", "costlint: budget unknown". */
  text: string;
  tooltip: string;
}

export interface SetTokenParams {
  token: string | null;
}

export interface RuleCustomization {
  /** Rule id, or a glob such as `missing-*` (a leading `!` negates, as in vscode-eslint). */
  rule: string;
  /** How the editor shows that rule's diagnostics; `default` keeps the configured severity. */
  severity: 'off' | 'info' | 'warn' | 'warning' | 'error' | 'default';
}

/** The `costlint` settings section (mirrors the config and CLI flags). */
export interface CostlintSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: { customizations: RuleCustomization[] };
  inlayHints: { enabled: boolean };
  codeLens: { enabled: boolean };
  /** Replaces the built-in default volume (never a volume the config sets). */
  usage: { monthlyCalls: number | null };
  /**
   * Origins the cost API token may be sent to. Security: a client must fill this from the user's
   * own settings only (VS Code: `inspect().globalValue`), never from workspace settings a repo
   * can ship.
   */
  budgets: { allowedOrigins: string[] };
  /** No cost API calls at all; cached budgets are still shown. */
  offline: boolean;
  /** The ref whose merge-base the delta lens compares with; empty tries origin/HEAD, origin/main, main… */
  diff: { base: string };
}

export const DEFAULT_SETTINGS: CostlintSettings = {
  enable: true,
  run: 'onType',
  rules: { customizations: [] },
  inlayHints: { enabled: true },
  codeLens: { enabled: true },
  usage: { monthlyCalls: null },
  budgets: { allowedOrigins: [] },
  offline: false,
  diff: { base: '' },
};

/** initializationOptions the client sends. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; without trust the server never touches the network. */
  trusted: boolean;
}

/** What a diagnostic carries in `data`, so code actions and clients need no second analysis. */
export interface DiagnosticData {
  rule: string;
  /** Estimated monthly cost of the finding's subject, when known (USD). */
  monthly?: number;
  /** Estimated monthly saving of the primary fix, when known (USD). */
  saving?: number;
  /** Per-call cost (USD), when known. */
  perCall?: number;
}
