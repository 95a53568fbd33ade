// An output channel that never shows a secret: LSP message tracing writes every message,
// `costlint/setToken` included, to the client's channel at trace log level.
import type * as vscode from 'vscode';

const LOG_METHODS = new Set<PropertyKey>(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

export function redactingChannel(channel: vscode.LogOutputChannel, secrets: () => readonly string[]): vscode.LogOutputChannel {
  const redact = (text: string): string =>
    secrets()
      .filter((secret) => secret.length > 0)
      // As sent and as it appears inside JSON-encoded message traces.
      .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
      .reduce((out, secret) => out.split(secret).join('«redacted»'), text);
  return new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!LOG_METHODS.has(property)) return value.bind(target);
      return (message: unknown, ...args: unknown[]) =>
        value.call(target, typeof message === 'string' ? redact(message) : message, ...args.map((a) => (typeof a === 'string' ? redact(a) : a)));
    },
  });
}
