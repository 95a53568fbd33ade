import type { z } from 'zod';
import type { ComputeResource, Fact, LlmCall, Range } from './facts';
import type { SyntaxEdits, TextEdit } from './edits';
import type { Severity } from './finding';
import type { Estimate, Provenance } from '../estimate/cost';
import type { TeamBudget } from '../budgets/state';
import type { Catalog } from '../../pricing/catalog';
import type { ExtractorId } from '../languages/extractor';

export type RuleCategory = 'waste' | 'missing-guardrail' | 'hygiene' | 'budget';
export type FixKind = 'none' | 'fix' | 'suggestion';

export const DOCS_BASE_URL = 'https://github.com/costlint/costlint/blob/main/docs/rules/';

export interface RuleMeta<Options, MessageId extends string> {
  category: RuleCategory;
  defaultSeverity: Severity;
  /** What the rule offers: `fix` edits are safe to apply on save; `suggestion` edits change behaviour. */
  fixKind: FixKind;
  docs: {
    /** One sentence: the wasteful state. Equal to the description in docs/rules/<id>.md. */
    summary: string;
    /** One sentence: what to do about it. */
    remediation: string;
  };
  /** Message templates with `{{placeholders}}`; reports name them by id. */
  messages: Record<MessageId, string>;
  /** Options, with defaults, `.strict()`. */
  options: z.ZodType<Options>;
}

/** What the repo's config says applies to the file being linted. */
export interface FilePolicy {
  team: string | null;
  /** Tags/labels a resource or request must carry (default: `team`). */
  requiredTags: string[];
  /** Values to write when adding missing tags (`team: search`); absent keys get a placeholder. */
  tagValues: Record<string, string>;
  /** Models this team chose deliberately: never a `frontier-model-default` finding. */
  allowedModels: string[];
  /** Whether LLM requests must carry metadata/tags (config `teams.<team>.request_metadata`). */
  requireRequestMetadata: boolean;
  /** The team's business units (`ticket: 120000/month`), so costs also read per unit. */
  units?: BusinessUnit[];
}

/** A business volume from config `teams.<team>.units`. */
export interface BusinessUnit {
  name: string;
  perMonth: number;
  source: Provenance;
}

export interface FixDescriptor<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  edits: TextEdit[];
  savingsMonthly?: number | null;
}

export interface ReportDescriptor<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  range: Range;
  /** The call or resource the finding is about: its estimate travels with the finding. */
  fact?: Fact;
  /** A safe fix (only for rules whose `fixKind` is `fix`). Empty edits mean no fix is offered. */
  fix?: FixDescriptor<MessageId>;
  suggestions?: FixDescriptor<MessageId>[];
  /** Overrides the configured severity (e.g. unknown-price notes are always info). */
  severity?: Severity;
}

export interface RuleContext<Options, MessageId extends string> {
  readonly id: string;
  readonly options: Options;
  readonly file: { path: string; language: ExtractorId };
  readonly catalog: Catalog;
  readonly policy: FilePolicy;
  /** The file's team budget, when the CLI or editor fetched one (never fetched by the engine). */
  readonly budget?: TeamBudget | null;
  /** The fact's estimate, computed once per fact and shared by all rules. */
  estimate(fact: Fact): Estimate;
  /** Estimate of a call as if it had a changed model/cap: what a fix would cost. */
  estimateWith(call: LlmCall, change: { model?: string; outputCap?: number; outputTokens?: number }): Estimate;
  /** Estimate of a resource as if changed: another instance type or GPU, spot capacity. */
  estimateResourceWith(resource: ComputeResource, change: { instanceType?: string; gpuModel?: string; purchase?: ComputeResource['purchase'] }): Estimate;
  readonly edits: SyntaxEdits;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface RuleVisitor {
  LlmCall?(call: LlmCall): void;
  ComputeResource?(resource: ComputeResource): void;
  /** After every fact of the file was visited. */
  'File:exit'?(facts: readonly Fact[]): void;
}

export interface Rule<Options = unknown, MessageId extends string = string> {
  id: string;
  docsUrl: string;
  meta: RuleMeta<Options, MessageId>;
  create(context: RuleContext<Options, MessageId>): RuleVisitor;
}

/** Declares a rule: the docs URL comes from its id, reports type-check against its messages. */
export function defineRule<Options, MessageId extends string>(rule: {
  id: string;
  meta: RuleMeta<Options, MessageId>;
  create(context: RuleContext<Options, MessageId>): RuleVisitor;
}): Rule<Options, MessageId> {
  return { ...rule, docsUrl: `${DOCS_BASE_URL}${rule.id}.md` };
}

/** Fills `{{name}}` placeholders; unknown names are left visible so tests catch them. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
