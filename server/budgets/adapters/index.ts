import type { BudgetsConfig } from '../../config/schema';
import { anthropicAdapter } from './anthropic';
import { costlintAdapter } from './costlint';
import { kubecostAdapter, opencostAdapter } from './opencost';
import { openaiAdapter } from './openai';
import { staticAdapter } from './static';
import type { BudgetAdapter } from './types';

export type { AdapterContext, AdapterResult, BudgetAdapter } from './types';

export const adapters: Record<NonNullable<BudgetsConfig['adapter']>, BudgetAdapter> = {
  costlint: costlintAdapter,
  static: staticAdapter,
  opencost: opencostAdapter,
  kubecost: kubecostAdapter,
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
};

/** The adapter a `budgets` section names: `static` when only a file is given, else the vendor-neutral contract. */
export function adapterName(config: BudgetsConfig): NonNullable<BudgetsConfig['adapter']> {
  return config.adapter ?? (config.file && !config.url ? 'static' : 'costlint');
}
