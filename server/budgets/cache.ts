import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BudgetFigures } from './state';

/** A cached answer is used without asking again for 15 minutes… */
export const FRESH_MS = 15 * 60_000;
/** …and served as stale, with its age, for up to 24 hours when the cost API fails. */
export const MAX_STALE_MS = 24 * 60 * 60_000;

export interface CacheEntry {
  /** Epoch milliseconds of the fetch. */
  fetchedAt: number;
  figures: BudgetFigures;
  /** Epoch milliseconds before which the API asked not to be called again (429 Retry-After). */
  retryAfterUntil?: number;
}

interface CacheFile {
  version: 1;
  entries: Record<string, CacheEntry>;
}

/**
 * Budget answers on disk (`.costlint-cache/budgets.json`), keyed by a hash of the source and team,
 * so the editor and repeated CLI runs do not ask the cost API every time. Never holds the token.
 * `dir: null` keeps the cache in memory only. The clock is injected for tests.
 */
export class BudgetCache {
  private memory: CacheFile = { version: 1, entries: {} };
  private loaded = false;
  /** When the entries were last all expired: an answer asked for before then lands already due. */
  private expiredAt = -Infinity;

  constructor(
    private readonly dir: string | null,
    readonly now: () => number = Date.now,
  ) {}

  static key(parts: readonly string[]): string {
    return crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
  }

  get(key: string): (CacheEntry & { ageMs: number }) | undefined {
    const entry = this.read().entries[key];
    return entry ? { ...entry, ageMs: Math.max(0, this.now() - entry.fetchedAt) } : undefined;
  }

  /**
   * Stores an answer as of when it was asked for. One asked for before a refresh (or a new token)
   * and landing after it is kept as a fallback but is not fresh: the next lookup asks again.
   */
  put(key: string, figures: BudgetFigures, askedAt = this.now()): void {
    const fetchedAt = askedAt < this.expiredAt ? Math.min(askedAt, this.now() - FRESH_MS) : askedAt;
    this.read().entries[key] = { fetchedAt, figures };
    this.write();
  }

  /** Remembers a 429's Retry-After, so no caller asks again before it. */
  retryAfter(key: string, ms: number): void {
    const entry = this.read().entries[key];
    if (!entry) return;
    entry.retryAfterUntil = this.now() + ms;
    this.write();
  }

  /** Marks every entry as due, so the next lookup fetches (the editor's "refresh budgets"). */
  expireAll(): void {
    this.expiredAt = this.now();
    for (const entry of Object.values(this.read().entries)) entry.fetchedAt = Math.min(entry.fetchedAt, this.now() - FRESH_MS);
    this.write();
  }

  private file(): string | null {
    return this.dir ? path.join(this.dir, 'budgets.json') : null;
  }

  private read(): CacheFile {
    const file = this.file();
    if (this.loaded || !file) return this.memory;
    this.loaded = true;
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (data?.version === 1 && data.entries && typeof data.entries === 'object') this.memory = data;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    return this.memory;
  }

  private write(): void {
    const file = this.file();
    if (!file) return;
    const now = this.now();
    for (const [key, entry] of Object.entries(this.memory.entries)) if (now - entry.fetchedAt > MAX_STALE_MS * 7) delete this.memory.entries[key];
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      // `wx` never follows a file (or link) already there: the folder may be in a repo someone else wrote.
      fs.rmSync(temp, { force: true });
      fs.writeFileSync(temp, JSON.stringify(this.memory, null, 1), { mode: 0o600, flag: 'wx' });
      fs.renameSync(temp, file);
    } catch {
      // A read-only checkout still lints: the cache is an optimisation.
    }
  }
}
