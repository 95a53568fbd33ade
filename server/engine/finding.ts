import type { Range } from './facts';
import type { TextEdit } from './edits';
import type { Location } from './source-file';
import type { Estimate } from '../estimate/cost';

export type Severity = 'error' | 'warning' | 'info';

/** A fix or a suggestion, with what it saves when that is known. */
export interface Fix {
  title: string;
  /** `fix` keeps behaviour and lowers cost (safe on save); `suggestion` changes behaviour. */
  kind: 'fix' | 'suggestion';
  edits: TextEdit[];
  /** USD per month saved by applying it, when computable. */
  savingsMonthly?: number | null;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  range: Range;
  loc: Location;
  docsUrl: string;
  /** The cost of the call or resource the finding is about. */
  estimate?: Estimate;
  fix?: Fix;
  suggestions: Fix[];
  /** Set on findings silenced by a suppression comment (kept for SARIF and unused-suppression checks). */
  suppressed?: { reason: string | null; line: number; kind?: 'directive' | 'baseline' };
}
