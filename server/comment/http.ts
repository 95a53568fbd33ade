import { redact } from '../budgets/redact';

/** A failure talking to the code host: the status (0 for no answer) and a reason with the token redacted. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * A small JSON client for one API origin: the token goes only to that origin (pages whose URL
 * points elsewhere are refused), redirects are never followed, and every error is redacted.
 */
export class ApiClient {
  private readonly origin: string;

  constructor(
    readonly baseUrl: string,
    private readonly authHeaders: Record<string, string>,
    private readonly secrets: readonly string[],
    private readonly timeoutMs = 30_000,
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  /** `path` is appended to the base URL; a full URL (a `Link: next` page) must be on the same origin. */
  async call(method: string, pathOrUrl: string, body?: unknown): Promise<ApiResponse> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl.replace(/\/+$/, '')}${pathOrUrl}`;
    if (new URL(url).origin !== this.origin) throw new ApiError(0, `refusing to send the token to ${new URL(url).origin} (not ${this.origin})`);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json', 'user-agent': 'costlint', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.authHeaders },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ApiError(0, this.clean(`${method} ${url}: ${cause ?? (error as Error).message}`));
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (an HTML error page): kept as text for the error message.
    }
    if (response.status >= 300) {
      const detail = typeof parsed === 'object' && parsed !== null && 'message' in parsed ? String((parsed as { message: unknown }).message) : text.slice(0, 200);
      throw new ApiError(response.status, this.clean(`${method} ${new URL(url).pathname}: HTTP ${response.status}${detail ? ` ${detail}` : ''}`));
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  private clean(text: string): string {
    return redact(text, this.secrets);
  }
}
