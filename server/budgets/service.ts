import * as path from 'node:path';
import type { BudgetsConfig } from '../config/schema';
import type { ConfigOrigin } from '../config/merge';
import type { KeyPath } from '../config/parse';
import { adapterName, adapters } from './adapters';
import type { BudgetAccess } from './access';
import { BudgetCache, FRESH_MS, MAX_STALE_MS } from './cache';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, getJson, originOf } from './http';
import { redact, redactDeep } from './redact';
import { stateOf, type BudgetState } from './state';

const FAILURE_MEMO_MS = 60_000;

/** What the budget lookup needs from a loaded config. */
export interface BudgetConfigSource {
  file: string | null;
  root: string;
  config: { budgets?: BudgetsConfig };
  originOf(keyPath: KeyPath): ConfigOrigin | undefined;
}

export interface BudgetServiceOptions {
  /** Folder of the on-disk cache; default `<config root>/.costlint-cache`; null keeps it in memory. */
  cacheDir?: string | null;
  /** Injected clock (epoch ms), for the cache's ages and the current period. */
  now?: () => number;
  /** Overrides `budgets.timeout_ms` (tests keep it short). */
  timeoutMs?: number;
  maxBytes?: number;
  /** Longest 429 Retry-After waited for within one lookup. */
  maxRetryWaitMs?: number;
}

/**
 * Team budgets for the CLI and the editor: one adapter per `budgets` section, answers cached on
 * disk (fresh 15 min, served stale up to 24 h), and every failure a `budget unknown (reason)` state.
 * Never throws and never blocks longer than the timeout. The engine never calls this: callers pass
 * the states in (`RunOptions.budgets`, `LintSettings.budget`).
 */
export class BudgetService {
  private readonly caches = new Map<string, BudgetCache>();
  /** Lookups under way, so concurrent callers (every code lens of a file) share one request. */
  private readonly inFlight = new Map<string, Promise<BudgetState>>();
  /** Recent failures, so a down API is asked at most once a minute, not once per lens. */
  private readonly failures = new Map<string, { at: number; state: BudgetState }>();

  constructor(private readonly options: BudgetServiceOptions = {}) {}

  /** Budgets of several teams at once (in parallel). */
  async budgetsFor(teams: readonly string[], loaded: BudgetConfigSource, access: BudgetAccess): Promise<Map<string, BudgetState>> {
    const states = await Promise.all(teams.map((team) => this.budgetFor(team, loaded, access)));
    return new Map(teams.map((team, i) => [team, states[i]]));
  }

  budgetFor(team: string | null, loaded: BudgetConfigSource, access: BudgetAccess): Promise<BudgetState> {
    if (!team) return Promise.resolve({ kind: 'unknown', team, reason: 'no team owns this file (config teams or codeowners)' });
    const config = loaded.config.budgets;
    if (!config) return Promise.resolve({ kind: 'unknown', team, reason: 'no budget source configured (budgets in .costlint.yaml)' });
    const key = BudgetCache.key([adapterName(config), config.url ?? '', config.file ? path.resolve(loaded.root, config.file) : '', config.aggregate ?? '', config.teams?.[team] ?? team, String(config.monthly_usd?.[team] ?? '')]);
    const asked = `${key}\0${access.trusted}\0${access.offline}\0${access.token ? 'token' : ''}\0${access.allowedOrigins.join(',')}`;
    const now = (this.options.now ?? Date.now)();
    const failed = this.failures.get(asked);
    if (failed && now - failed.at < FAILURE_MEMO_MS) return Promise.resolve(failed.state);
    const running = this.inFlight.get(asked);
    if (running) return running;
    const lookup = this.lookup(team, key, config, loaded, access).then((state) => {
      this.inFlight.delete(asked);
      const safe = redactDeep(state, [access.token]);
      if (safe.kind === 'unknown' || safe.stale) this.failures.set(asked, { at: now, state: safe });
      else this.failures.delete(asked);
      return safe;
    });
    this.inFlight.set(asked, lookup);
    return lookup;
  }

  /** Forget answers so the next lookup asks the cost API again ("refresh budgets"). */
  refresh(): void {
    this.inFlight.clear();
    this.failures.clear();
    for (const cache of this.caches.values()) cache.expireAll();
  }

  private cacheFor(root: string): BudgetCache {
    const dir = this.options.cacheDir === undefined ? path.join(root, '.costlint-cache') : this.options.cacheDir;
    const id = dir ?? '(memory)';
    let cache = this.caches.get(id);
    if (!cache) this.caches.set(id, (cache = new BudgetCache(dir, this.options.now)));
    return cache;
  }

  private async lookup(team: string, key: string, config: BudgetsConfig, loaded: BudgetConfigSource, access: BudgetAccess): Promise<BudgetState> {
    const cache = this.cacheFor(loaded.root);
    const cached = cache.get(key);
    const iso = (ms: number) => new Date(ms).toISOString();
    const fromCache = (reason: string): BudgetState => {
      if (cached && cached.ageMs <= MAX_STALE_MS) return stateOf(cached.figures, iso(cached.fetchedAt), { reason });
      return { kind: 'unknown', team, reason, ...(cached ? { staleAsOf: iso(cached.fetchedAt) } : {}) };
    };
    if (cached && cached.ageMs < FRESH_MS) return stateOf(cached.figures, iso(cached.fetchedAt), null);

    const name = adapterName(config);
    const adapter = adapters[name];
    const baseUrl = config.url ?? adapter.defaultUrl;
    if (adapter.network) {
      if (!access.trusted) return fromCache('workspace not trusted: no network');
      if (access.offline) return fromCache('offline');
      if (!baseUrl) return fromCache('budgets.url is not set');
      const origin = originOf(baseUrl);
      if (!origin || !access.allowedOrigins.includes(origin)) return fromCache(`origin ${origin ?? baseUrl} is not approved (COSTLINT_ALLOWED_ORIGINS, --allow-origin or a user-level editor setting)`);
      if (adapter.tokenRequired && !access.token) return fromCache(`no token for ${name} (set COSTLINT_TOKEN)`);
      if (cached?.retryAfterUntil && cached.retryAfterUntil > cache.now()) return fromCache(`rate limited until ${iso(cached.retryAfterUntil)}`);
    }
    const now = new Date(cache.now());
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    const result = await adapter.fetch({
      team,
      remote: config.teams?.[team] ?? team,
      config,
      baseUrl: baseUrl ?? '',
      configDir: path.dirname(loaded.originOf(['budgets'])?.file ?? loaded.file ?? path.join(loaded.root, '.costlint.yaml')),
      now,
      maxBytes,
      get: (url) =>
        getJson(url, {
          allowedOrigins: access.allowedOrigins,
          token: access.token,
          auth: adapter.auth,
          headers: adapter.headers,
          timeoutMs: this.options.timeoutMs ?? config.timeout_ms ?? DEFAULT_TIMEOUT_MS,
          maxBytes,
          maxRetryWaitMs: this.options.maxRetryWaitMs,
        }),
    }).catch((error: unknown) => ({ ok: false as const, reason: `adapter failed (${(error as Error).message})` }));
    if (result.ok) {
      const figures = redactDeep(result.figures, [access.token]);
      cache.put(key, figures, now.getTime());
      return stateOf(figures, now.toISOString(), null);
    }
    const reason = redact(result.reason, [access.token]);
    if ('retryAfterMs' in result && result.retryAfterMs !== undefined) cache.retryAfter(key, result.retryAfterMs);
    return fromCache(reason);
  }
}
