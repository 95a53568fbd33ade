/** Where a number came from: every input of an estimate carries one. */
export interface Provenance {
  kind:
    | 'catalog' // a pricing catalog row
    | 'pricing-override' // the config's pricing section
    | 'config' // the config's usage/teams section
    | 'annotation' // an inline `costlint-usage` comment
    | 'counted' // measured from the source (tokens of static text)
    | 'declared' // written in the code (an output cap, a replica count)
    | 'default'; // a built-in assumption, shown so it can be replaced
  detail: string;
  /** Catalog rows: the date the price was true. */
  asOf?: string;
  /** Config entries and annotations: file and 1-based line. */
  file?: string;
  line?: number;
  /** The price is older than the configured maximum age (`pricing.max_age_days`). */
  stale?: boolean;
}

/**
 * One priced quantity, the infracost way. LLM components are per call, compute components
 * per hour. `quantity: null` is "usage unknown" and shows as such, never as a guess.
 */
export interface CostComponent {
  name: string;
  unit: 'token' | 'hour' | 'GPU-hour';
  quantity: number | null;
  /** USD per unit. */
  unitPrice: number | null;
  /** quantity × unitPrice, or null when either is unknown. */
  cost: number | null;
  source: Provenance;
}

export interface Assumption {
  name: string;
  value: number | string;
  source: Provenance;
}

export interface Estimate {
  subject: 'call' | 'resource';
  components: CostComponent[];
  /** LLM calls: USD per call. */
  perCall: number | null;
  /** Compute: USD per hour for everything declared (instances × replicas). */
  hourly: number | null;
  /** USD per month at the assumed volume, or null when a price or the volume is unknown. */
  monthly: number | null;
  /** For unknown GPU models: a low–high monthly range instead of a guess. */
  monthlyRange?: { low: number; high: number };
  /** The catalog row used, if any. */
  price: { id: string; source: string; asOf: string; stale?: boolean } | null;
  assumptions: Assumption[];
  /** Why a figure is missing or rough ("no price for model X; add it under pricing overrides"). */
  notes: string[];
  /** Token counts behind an LLM estimate. */
  tokens?: {
    input: number;
    staticInput: number;
    dynamicInput: number;
    output: number;
    cachedInput: number;
    /** Tokens of each prompt part, in `LlmCall.prompt` order (counted or assumed). */
    perPart: number[];
  };
}

export namespace CostComponent {
  export function of(
    name: string,
    unit: CostComponent['unit'],
    quantity: number | null,
    unitPrice: number | null,
    source: Provenance,
  ): CostComponent {
    const cost = quantity === null || unitPrice === null ? null : quantity * unitPrice;
    return { name, unit, quantity, unitPrice, cost, source };
  }
}

export namespace Estimate {
  /** Sum of component costs, or null if any is unknown. */
  export function total(components: readonly CostComponent[]): number | null {
    let sum = 0;
    for (const c of components) {
      if (c.cost === null) return null;
      sum += c.cost;
    }
    return sum;
  }
}
