import { z } from 'zod';
import { extrapolate, type BudgetFigures } from './state';

/**
 * The vendor-neutral budget contract (docs/budgets.md): `GET {baseUrl}/v1/budgets?team=<team>&period=current`
 * answers `{ schemaVersion, budgets: [...], nextCursor? }`, amounts as decimal strings. A static
 * JSON file of the same shape works too. Unknown keys are ignored so servers can add fields.
 */
export const CONTRACT_VERSION = 1;

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "1234.50"');
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date or time');

export const BudgetEntrySchema = z.object({
  team: z.string().min(1),
  period: z.object({ granularity: z.string().min(1), start: timestamp, end: timestamp }),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code'),
  budget: decimal.nullable(),
  actual: decimal,
  forecast: decimal.optional(),
  dataAsOf: timestamp,
  source: z.string(),
  breakdown: z.array(z.object({ category: z.string(), actual: decimal })).optional(),
});

export const BudgetResponseSchema = z.object({
  schemaVersion: z.union([z.number(), z.string()]),
  budgets: z.array(BudgetEntrySchema),
  nextCursor: z.string().nullable().optional(),
});

export type BudgetEntry = z.infer<typeof BudgetEntrySchema>;
export type BudgetResponse = z.infer<typeof BudgetResponseSchema>;

/** Validates a contract response; a reason in a few words when it is not one. */
export function parseBudgetResponse(body: unknown): { ok: true; response: BudgetResponse } | { ok: false; reason: string } {
  const parsed = BudgetResponseSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `unexpected response shape (${issue.path.join('.') || 'body'}: ${issue.message})` };
  }
  const major = Number(String(parsed.data.schemaVersion).split('.')[0]);
  if (major !== CONTRACT_VERSION) return { ok: false, reason: `unsupported schemaVersion ${parsed.data.schemaVersion} (costlint reads ${CONTRACT_VERSION})` };
  return { ok: true, response: parsed.data };
}

/** A contract entry as figures, the forecast extrapolated from spend so far when the server gives none. */
export function figuresOf(entry: BudgetEntry, team: string): BudgetFigures {
  const actual = Number(entry.actual);
  const forecast = entry.forecast === undefined ? null : Number(entry.forecast);
  return {
    team,
    currency: entry.currency.toUpperCase(),
    period: entry.period,
    budget: entry.budget === null ? null : Number(entry.budget),
    actual,
    forecast: forecast ?? extrapolate(actual, entry.period, entry.dataAsOf),
    forecastKind: forecast === null ? 'extrapolated' : 'reported',
    dataAsOf: entry.dataAsOf,
    source: entry.source,
    ...(entry.breakdown ? { breakdown: entry.breakdown.map((b) => ({ category: b.category, actual: Number(b.actual) })) } : {}),
  };
}
