import type { Estimate, Provenance } from './cost';

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days between a YYYY-MM-DD as-of date and today, or null when the as-of is not a date. */
export function priceAgeDays(asOf: string, today: string): number | null {
  if (!DATE.test(asOf) || !DATE.test(today)) return null;
  return Math.floor((Date.parse(today) - Date.parse(asOf)) / DAY);
}

/**
 * Marks prices older than `maxAgeDays` as stale: the estimate's price, and each component or
 * assumption whose source has an as-of date, with a note saying how old and what to do.
 * Undated rows (catalog snapshots) are left alone: their age is unknown, not old.
 */
export function flagStalePrices(estimate: Estimate, today: string, maxAgeDays: number | undefined): Estimate {
  if (maxAgeDays === undefined) return estimate;
  const stale = (source: Provenance) => {
    const age = source.asOf ? priceAgeDays(source.asOf, today) : null;
    if (age !== null && age > maxAgeDays) source.stale = true;
  };
  for (const component of estimate.components) stale(component.source);
  for (const assumption of estimate.assumptions) stale(assumption.source);
  const age = estimate.price ? priceAgeDays(estimate.price.asOf, today) : null;
  if (estimate.price && age !== null && age > maxAgeDays) {
    estimate.price.stale = true;
    estimate.notes.push(`price of ${estimate.price.id} is ${age} days old (as of ${estimate.price.asOf}; pricing.max_age_days is ${maxAgeDays}): check it and update the catalog or a pricing override`);
  }
  return estimate;
}
