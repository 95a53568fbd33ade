// The subset of the server's protocol (server/lsp/protocol.ts) the client uses.
// Stop-gap until the language server lands: then this file re-exports that one.
export const SETTINGS_SECTION = 'costlint';
export const LANGUAGE_IDS = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'terraform', 'yaml', 'json'] as const;
export const SHOW_DOCUMENTATION_COMMAND = 'costlint.showDocumentation';
export const REPORT_REQUEST = 'costlint/report';
export const REFRESH_BUDGETS_REQUEST = 'costlint/refreshBudgets';
export const STATUS_NOTIFICATION = 'costlint/status';
export const SET_TOKEN_NOTIFICATION = 'costlint/setToken';

export interface ReportItem {
  line: number;
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
  text: string;
  tooltip: string;
}
export interface SetTokenParams {
  token: string | null;
}
export interface InitializationOptions {
  trusted: boolean;
}
