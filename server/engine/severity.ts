import type { Severity } from './finding';
import type { Estimate } from '../estimate/cost';

export interface CostThresholds {
  warningAboveMonthlyUsd?: number;
  errorAboveMonthlyUsd?: number;
}

/**
 * A finding's severity scaled by what it costs (config `severity`): above the error threshold it
 * is an error, above the warning threshold a warning, below it info, so a missing cap on a cheap
 * model does not shout like one on a frontier model. Findings without a monthly figure keep theirs.
 */
export function severityForCost(configured: Severity, estimate: Estimate | undefined, thresholds: CostThresholds | undefined): Severity {
  const monthly = estimate?.monthly;
  if (!thresholds || monthly === null || monthly === undefined) return configured;
  const { warningAboveMonthlyUsd: warning, errorAboveMonthlyUsd: error } = thresholds;
  if (error !== undefined && monthly > error) return 'error';
  if (warning !== undefined) return monthly > warning ? 'warning' : 'info';
  return configured;
}
