// Shared by the editor suites: polling, diagnostics by rule, and a cost API on 127.0.0.1.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'costlint.costlint';

/** Polls until `probe` returns a truthy value: editors answer asynchronously, never on a timer. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function costlintDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'costlint' && (rule === undefined || ruleOf(d) === rule));
}

/** The org cost API (docs/budgets.md) for one team, recording every request it gets. */
export interface CostApi {
  origin: string;
  requests: { url: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startCostApi(team: string, budget: string, forecast: string): Promise<CostApi> {
  const requests: CostApi['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const body = {
      schemaVersion: 1,
      budgets: [
        {
          team,
          period: { granularity: 'month', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
          currency: 'USD',
          budget,
          actual: '1200.00',
          forecast,
          dataAsOf: '2026-11-20T06:00:00Z',
          source: 'finance',
        },
      ],
      nextCursor: null,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Points the example's config at the cost API for the `support` team, and allows its origin in
 * user settings (a workspace cannot allow an origin).
 */
export async function useCostApi(folder: string, api: CostApi): Promise<void> {
  await vscode.workspace.getConfiguration('costlint').update('budgets.allowedOrigins', [api.origin], vscode.ConfigurationTarget.Global);
  fs.appendFileSync(path.join(folder, '.costlint.yaml'), `teams:\n  support: ["src/**"]\nbudgets:\n  url: ${api.origin}\n`);
}

/** Whether a driver plays the user here (code-server under `npm run test:e2e`); test-electron has none. */
export const driven = Boolean(process.env.E2E_DRIVER_DIR);

/** Asks the driver for a screenshot or to type into the focused input box; returns when it is done. */
export async function drive(name: string, request: { action: 'screenshot' } | { action: 'type'; text: string }): Promise<void> {
  const dir = process.env.E2E_DRIVER_DIR;
  if (!dir) return;
  fs.writeFileSync(path.join(dir, `${name}.request`), JSON.stringify(request));
  await waitFor(`the driver's ${request.action}`, () => fs.existsSync(path.join(dir, `${name}.done`)), 90_000);
}
