export const REDACTED = '[redacted]';

/** Replaces every occurrence of a secret (and its URL-encoded form) in a text. Secrets shorter than 4 characters are left alone. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** A copy of a JSON value with secrets redacted from every string (keys included). */
export function redactDeep<T>(value: T, secrets: readonly (string | null | undefined)[]): T {
  if (!secrets.some((s) => s && s.length >= 4)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redact(k, secrets), walk(inner)]));
    return v;
  };
  return walk(value) as T;
}
