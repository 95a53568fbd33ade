import type { Provenance } from './cost';

/** A number an estimate depends on, with where it came from. */
export interface Assumed {
  value: number;
  source: Provenance;
}

/** Turns per-call and per-hour prices into per-month ones. Resolved per file from config. */
export interface UsageAssumptions {
  monthlyCalls: Assumed;
  dynamicInputTokens: Assumed;
  fileInputTokens: Assumed;
  historyInputTokens: Assumed;
  outputTokens: Assumed;
  monthlyHours: Assumed;
  /** Monthly calls by enclosing function name (config `usage.functions`). */
  functions: Record<string, { monthlyCalls?: Assumed; outputTokens?: Assumed }>;
}

/** Per-call overrides from an inline `costlint-usage` comment. */
export interface UsageAnnotation {
  monthlyCalls?: number;
  inputTokens?: number;
  dynamicInputTokens?: number;
  outputTokens?: number;
  monthlyHours?: number;
  line: number;
}

const builtIn = (detail: string): Provenance => ({ kind: 'default', detail });

/** Built-in assumptions, used where the config says nothing; each says how to replace it. */
export function defaultUsage(): UsageAssumptions {
  return {
    monthlyCalls: { value: 10_000, source: builtIn('built-in default: 10,000 calls/month (set usage.monthly_calls)') },
    dynamicInputTokens: { value: 500, source: builtIn('built-in default: 500 tokens per dynamic prompt part (set usage.dynamic_input_tokens)') },
    fileInputTokens: { value: 20_000, source: builtIn('built-in default: 20,000 tokens per file read into a prompt (set usage.file_input_tokens)') },
    historyInputTokens: { value: 2_000, source: builtIn('built-in default: 2,000 tokens per chat history (set usage.history_input_tokens)') },
    outputTokens: { value: 1_000, source: builtIn('built-in default: 1,000 output tokens per call, bounded by the cap (set usage.output_tokens)') },
    monthlyHours: { value: 730, source: builtIn('built-in default: 730 hours/month, always on (set usage.monthly_hours)') },
    functions: {},
  };
}

const KEYS: Record<string, keyof Omit<UsageAnnotation, 'line'>> = {
  monthly_calls: 'monthlyCalls',
  calls: 'monthlyCalls',
  input_tokens: 'inputTokens',
  dynamic_input_tokens: 'dynamicInputTokens',
  output_tokens: 'outputTokens',
  monthly_hours: 'monthlyHours',
};

/**
 * Parses the body of a `costlint-usage monthly_calls=50000 input_tokens=1200` comment.
 * Accepts `50000/month`, `50k`, `1.2m` and `_`/`,` separators. Returns null with no known key.
 */
export function parseUsageAnnotation(body: string, line: number): UsageAnnotation | null {
  const annotation: UsageAnnotation = { line };
  let found = false;
  for (const match of body.matchAll(/([a-z_]+)\s*=\s*([\d.,_]+)\s*([km])?(?:\s*\/\s*(?:month|mo))?/gi)) {
    const key = KEYS[match[1].toLowerCase()];
    if (!key) continue;
    const scale = match[3]?.toLowerCase() === 'k' ? 1e3 : match[3]?.toLowerCase() === 'm' ? 1e6 : 1;
    const value = Number(match[2].replace(/[,_]/g, '')) * scale;
    if (!Number.isFinite(value) || value < 0) continue;
    annotation[key] = Math.round(value);
    found = true;
  }
  return found ? annotation : null;
}
