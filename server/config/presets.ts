/**
 * Built-in presets for `extends`. Data only, validated by the same schema as a file; a preset
 * never names a setting a team must fill in (teams, budgets, usage), only rule policy.
 */
export const PRESETS: Record<string, unknown> = {
  /** Every rule at its default severity; suppressions that silence nothing are warnings. */
  'costlint:recommended': {
    suppressions: { unused: 'warning' },
  },
  /** For teams that gate merges on cost: guardrails and waste are errors, and every suppression says why. */
  'costlint:strict': {
    rules: {
      'expensive-gpu-for-inference': 'error',
      'frontier-model-default': 'error',
      'gpu-without-autoscaling': 'warning',
      'llm-call-in-loop': 'error',
      'missing-cost-tags': 'error',
      'missing-max-tokens': 'error',
      'missing-prompt-cache': 'warning',
      'on-demand-gpu-training': 'error',
      'oversized-prompt': 'warning',
      'over-budget': 'error',
      'unbounded-retry': 'error',
      'unpriced-model': 'warning',
    },
    suppressions: { require_reason: true, unused: 'error' },
  },
};

export const PRESET_PREFIX = 'costlint:';
