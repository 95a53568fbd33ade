import { originOf } from './http';

/**
 * What the user (never the repo) allows: the token, the origins it may be sent to, and whether
 * the network may be used at all. Built from the environment and CLI flags, or passed in by the
 * editor (SecretStorage token, a user-level origin setting, workspace trust).
 */
export interface BudgetAccess {
  token: string | null;
  allowedOrigins: string[];
  /** `--offline`: no network; cached budgets are still shown, marked stale. */
  offline: boolean;
  /** An untrusted workspace never reaches the network. */
  trusted: boolean;
}

/** Access for the CLI: `COSTLINT_TOKEN`, `COSTLINT_ALLOWED_ORIGINS` (comma-separated) and `--allow-origin`. */
export function cliAccess(env: NodeJS.ProcessEnv, flags: { allowOrigin?: readonly string[]; offline?: boolean }): { access: BudgetAccess; invalid: string[] } {
  const listed = [...(env.COSTLINT_ALLOWED_ORIGINS ?? '').split(','), ...(flags.allowOrigin ?? [])].map((o) => o.trim()).filter(Boolean);
  const invalid = listed.filter((o) => !originOf(o));
  const allowedOrigins = [...new Set(listed.map(originOf).filter((o): o is string => o !== null))];
  return { access: { token: env.COSTLINT_TOKEN?.trim() || null, allowedOrigins, offline: flags.offline ?? false, trusted: true }, invalid };
}
