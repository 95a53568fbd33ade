import { BudgetService, editorBudgetSource, describeBudget, type BudgetState } from '../budgets';
import type { ConfigCache } from './analysis';
import type { BudgetState as StatusState, StatusParams } from './protocol';

export interface BudgetAccessSettings {
  /** initializationOptions.trusted: without it, never any network. */
  trusted: boolean;
  offline: boolean;
  token: string | null;
  origins: readonly string[];
}

/**
 * Team budgets for the editor. Lookups never block linting: a file is linted with what is known
 * now, and `onChange` fires when a lookup brings something new so the caller re-lints and
 * republishes lenses and the status.
 */
export class EditorBudgets {
  private readonly source;
  private readonly known = new Map<string, BudgetState>();
  private readonly pending = new Set<string>();
  private generation = 0;

  constructor(
    private readonly configs: ConfigCache,
    private readonly access: () => BudgetAccessSettings,
    private readonly onChange: () => void,
    service = new BudgetService(),
  ) {
    this.source = editorBudgetSource(service, (folder) => configs.configFor(folder));
  }

  private static key(team: string, folder: string, root: string): string {
    return `${team}\0${root || folder}`;
  }

  /** The state known now for a file's team, starting a lookup when there is none yet. */
  peek(team: string | null, folder: string): BudgetState | null {
    if (!team || !this.configs.configFor(folder).config.budgets) return null;
    const root = this.configs.configFor(folder).root;
    const key = EditorBudgets.key(team, folder, root);
    const state = this.known.get(key);
    if (!state && !this.pending.has(key)) void this.lookup(team, folder, key);
    return state ?? null;
  }

  /** The state for a file's team, waiting for a lookup if needed (code lens resolve, report). */
  async get(team: string | null, folder: string): Promise<BudgetState | null> {
    if (!team || !this.configs.configFor(folder).config.budgets) return null;
    const key = EditorBudgets.key(team, folder, this.configs.configFor(folder).root);
    return this.known.get(key) ?? this.lookup(team, folder, key);
  }

  private async lookup(team: string, folder: string, key: string): Promise<BudgetState> {
    const generation = this.generation;
    this.pending.add(key);
    const access = this.access();
    const state = await this.source.budgetFor(team, folder, { trusted: access.trusted, token: access.token, origins: access.origins, offline: access.offline });
    if (generation !== this.generation) return state;
    this.pending.delete(key);
    const before = this.known.get(key);
    this.known.set(key, state);
    if (JSON.stringify(before) !== JSON.stringify(state)) this.onChange();
    return state;
  }

  /** Drop what is known (refresh command, new token, new settings): the next lookups ask again. */
  refresh(): void {
    this.generation++;
    this.known.clear();
    this.pending.clear();
    this.source.refresh();
  }
}

/** What the status bar shows for a team's budget state, given the file's estimated monthly cost. */
export function statusFor(team: string | null, state: BudgetState | null, access: { enabled: boolean; offline: boolean; hasBudgets: boolean }): StatusParams {
  if (!access.enabled) return { state: 'off', text: 'costlint: off', tooltip: 'costlint is disabled (costlint.enable)' };
  if (access.offline) return { state: 'offline', text: 'costlint: offline', tooltip: 'costlint.offline is set: no cost API calls; budgets come from the cache only' };
  if (!team) return { state: 'off', text: 'costlint', tooltip: 'No team owns this file (teams or CODEOWNERS in .costlint.yaml), so there is no budget to show' };
  if (!access.hasBudgets) return { state: 'off', text: 'costlint', tooltip: `No budget source configured for ${team} (budgets in .costlint.yaml)` };
  if (!state) return { state: 'unknown', text: 'costlint: budget unknown', tooltip: `Looking up the ${team} budget…` };
  if (state.kind === 'unknown') return { state: 'unknown', text: 'costlint: budget unknown', tooltip: describeBudget(state) };
  const share = state.monthlyLimit > 0 ? (state.forecastMonthly / state.monthlyLimit) * 100 : 0;
  const kind: StatusState = share > 100 ? 'over' : 'ok';
  return { state: kind, text: `costlint: ${Math.round(share)}% of ${state.team} budget`, tooltip: `${describeBudget(state)} — forecast share of the monthly budget` };
}
