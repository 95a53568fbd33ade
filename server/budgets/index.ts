/**
 * Team budgets from the organisation's cost API: the one module the CLI and the language server
 * call for budgets. The engine never does: it receives `BudgetState`s.
 */
import type { BudgetAccess } from './access';
import type { BudgetConfigSource, BudgetService } from './service';
import type { BudgetState } from './state';
import { originOf } from './http';

export { cliAccess, type BudgetAccess } from './access';
export { BudgetService, type BudgetConfigSource, type BudgetServiceOptions } from './service';
export { describeBudget, shareOfBudget, type BudgetFigures, type BudgetState, type TeamBudget } from './state';
export { parseBudgetResponse, CONTRACT_VERSION } from './contract';

/** What the editor knows when it asks: workspace trust, the SecretStorage token, the user-level origins. */
export interface EditorBudgetContext {
  trusted: boolean;
  token: string | null;
  /** User-level approved origin(s) of the cost API (never from the workspace's settings). */
  origin?: string | null;
  origins?: readonly string[];
  /** The user's offline setting: cached budgets only, no network. */
  offline?: boolean;
}

/**
 * The budget source the language server plugs in (its `BudgetSource`): looks up the config of the
 * file's folder and asks the service, with what the editor passes as access.
 */
export function editorBudgetSource(service: BudgetService, configFor: (folder: string) => BudgetConfigSource) {
  return {
    budgetFor(team: string | null, folder: string, context: EditorBudgetContext): Promise<BudgetState> {
      const access: BudgetAccess = {
        token: context.token,
        allowedOrigins: [...(context.origins ?? []), ...(context.origin ? [context.origin] : [])].map(originOf).filter((o): o is string => o !== null),
        offline: context.offline ?? false,
        trusted: context.trusted,
      };
      let loaded: BudgetConfigSource;
      try {
        loaded = configFor(folder);
      } catch {
        return Promise.resolve({ kind: 'unknown', team, reason: 'the config has errors' });
      }
      return service.budgetFor(team, loaded, access);
    },
    refresh(): void {
      service.refresh();
    },
  };
}
