import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stateOf, type TeamBudget } from '../../server/budgets/state';

/** A known monthly USD budget for rule tests: `{ team, budget, actual, forecast, pending? }`. */
export function monthlyBudget(figures: { team: string; budget: number; actual: number; forecast: number; pending?: number }): TeamBudget {
  const state = stateOf(
    {
      team: figures.team,
      currency: 'USD',
      period: { granularity: 'month', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
      budget: figures.budget,
      actual: figures.actual,
      forecast: figures.forecast,
      forecastKind: 'reported',
      dataAsOf: '2026-11-20T00:00:00Z',
      source: 'test finance system',
    },
    '2026-11-20T01:00:00Z',
    null,
  );
  return { team: figures.team, state, pendingMonthly: figures.pending ?? 0 };
}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * A real HTTP server on 127.0.0.1, scripted per test: `handler` answers each request (or never
 * does). Records every request, so tests can assert what was (not) sent.
 */
export async function scriptedServer(handler: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void): Promise<{ url: string; origin: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** One contract entry: a team's month with decimal-string amounts. */
export function contractEntry(team: string, amounts: { budget: string | null; actual: string; forecast?: string }) {
  return {
    team,
    period: { granularity: 'month', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
    currency: 'USD',
    budget: amounts.budget,
    actual: amounts.actual,
    ...(amounts.forecast !== undefined ? { forecast: amounts.forecast } : {}),
    dataAsOf: '2026-11-20T06:00:00Z',
    source: 'finance-warehouse',
    breakdown: [{ category: 'llm', actual: amounts.actual }],
  };
}
