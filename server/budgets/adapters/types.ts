import type { BudgetsConfig } from '../../config/schema';
import type { HttpResult } from '../http';
import type { BudgetFigures } from '../state';

export type AdapterResult = { ok: true; figures: BudgetFigures } | { ok: false; reason: string; retryAfterMs?: number };

export interface AdapterContext {
  /** The costlint team name. */
  team: string;
  /** What the source calls it: `budgets.teams.<team>`, or the team name. */
  remote: string;
  config: BudgetsConfig;
  /** Base URL (config, or the adapter's default). */
  baseUrl: string;
  /** Folder of the config that declares `budgets` (for `budgets.file`). */
  configDir: string;
  /** GET JSON from an approved origin with the token (see http.ts). */
  get(url: string): Promise<HttpResult>;
  now: Date;
  maxBytes: number;
}

/** Maps one product's answer onto the budget contract. */
export interface BudgetAdapter {
  /** Reads over the network (everything but `static`). */
  network: boolean;
  /** Refuses to run without a token (admin-key APIs). */
  tokenRequired: boolean;
  defaultUrl?: string;
  /** How the token is sent, when not `Authorization: Bearer`. */
  auth?: { header: string; scheme?: string };
  headers?: Record<string, string>;
  fetch(context: AdapterContext): Promise<AdapterResult>;
}

/** The calendar month (UTC) that holds `now`: the period spend-only sources are compared over. */
export function currentMonth(now: Date): { granularity: string; start: string; end: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { granularity: 'month', start: start.toISOString(), end: end.toISOString() };
}

/** The budget of a spend-only source comes from config `budgets.monthly_usd`. */
export function configuredBudget(context: AdapterContext): number | null {
  return context.config.monthly_usd?.[context.team] ?? null;
}

export const joinUrl = (base: string, pathAndQuery: string) => `${base.replace(/\/+$/, '')}${pathAndQuery}`;
