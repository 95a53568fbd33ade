import { redact } from './redact';

export const DEFAULT_TIMEOUT_MS = 3_000;
/** Budget answers are a few kilobytes; anything this large is not one. */
export const DEFAULT_MAX_BYTES = 1_000_000;
const MAX_REDIRECTS = 3;

export interface HttpOptions {
  /** Origins (`https://costs.example.internal`) the user approved: the only ones contacted. */
  allowedOrigins: readonly string[];
  /** Sent as a header, only to an approved origin; never logged or echoed. */
  token: string | null;
  /** How the token is sent: `Authorization: Bearer` (default) or an API-key header. */
  auth?: { header: string; scheme?: string };
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
  /** Longest `Retry-After` waited for within one request (longer ones are reported instead). */
  maxRetryWaitMs?: number;
}

export type HttpResult = { ok: true; body: unknown } | { ok: false; reason: string; retryAfterMs?: number };

/** `https://host:port` of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * GETs JSON from an approved origin within one deadline (connect, redirects and body), with the
 * token only on requests to that origin: redirects are followed by hand and only within it. The
 * body is read up to a size cap. Every failure is a short reason with the token redacted; this
 * never throws.
 */
export async function getJson(url: string, options: HttpOptions): Promise<HttpResult> {
  const secrets = [options.token];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetchFollowing(url, options, controller.signal, deadline, true);
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, reason: `timed out after ${timeoutMs} ms` };
    return { ok: false, reason: redact(networkReason(error), secrets) };
  } finally {
    clearTimeout(timer);
  }
}

async function fetchFollowing(url: string, options: HttpOptions, signal: AbortSignal, deadline: number, mayRetry: boolean): Promise<HttpResult> {
  const origin = originOf(url);
  if (!origin) return { ok: false, reason: 'budgets.url is not an http(s) URL' };
  if (!options.allowedOrigins.includes(origin)) return { ok: false, reason: `origin ${origin} is not approved (COSTLINT_ALLOWED_ORIGINS or --allow-origin)` };
  let current = url;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token) {
      const auth = options.auth ?? { header: 'authorization', scheme: 'Bearer' };
      headers[auth.header] = auth.scheme ? `${auth.scheme} ${options.token}` : options.token;
    }
    const response = await fetch(current, { headers, redirect: 'manual', signal });
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await discard(response);
      const location = response.headers.get('location');
      const next = location ? new URL(location, current).toString() : null;
      if (!next) return { ok: false, reason: `HTTP ${response.status} without a Location` };
      if (originOf(next) !== origin) return { ok: false, reason: `redirected to another origin (${originOf(next) ?? 'not http'}): not followed` };
      if (hop >= MAX_REDIRECTS) return { ok: false, reason: 'too many redirects' };
      current = next;
      continue;
    }
    if (response.status === 429) {
      await discard(response);
      const waitMs = retryAfterMs(response.headers.get('retry-after'));
      const budget = Math.min(options.maxRetryWaitMs ?? 1_000, deadline - Date.now() - 100);
      if (mayRetry && waitMs !== null && waitMs <= budget) {
        await sleep(waitMs, signal);
        return fetchFollowing(current, options, signal, deadline, false);
      }
      return { ok: false, reason: `rate limited (HTTP 429${waitMs !== null ? `, retry after ${Math.ceil(waitMs / 1000)} s` : ''})`, ...(waitMs !== null ? { retryAfterMs: waitMs } : {}) };
    }
    if (!response.ok) {
      await discard(response);
      return { ok: false, reason: statusReason(response.status) };
    }
    return readJson(response, options.maxBytes ?? DEFAULT_MAX_BYTES);
  }
}

async function readJson(response: Response, maxBytes: number): Promise<HttpResult> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response);
    return { ok: false, reason: `response too large (${declared} bytes, limit ${maxBytes})` };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        return { ok: false, reason: `response too large (over ${maxBytes} bytes)` };
      }
      chunks.push(chunk);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type) || /^\s*</.test(text)) return { ok: false, reason: 'not JSON (an HTML page: a login, proxy or error page?)' };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, reason: `malformed JSON (${size} bytes)` };
  }
}

function statusReason(status: number): string {
  if (status === 401) return 'unauthorized (HTTP 401: check COSTLINT_TOKEN)';
  if (status === 403) return 'forbidden (HTTP 403: the token cannot read budgets)';
  if (status === 404) return 'not found (HTTP 404: check budgets.url and the team mapping)';
  if (status >= 500) return `server error (HTTP ${status})`;
  return `HTTP ${status}`;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `cannot connect (${cause.code})`;
  return `request failed (${cause?.message ?? (error as Error).message ?? String(error)})`;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });
}
