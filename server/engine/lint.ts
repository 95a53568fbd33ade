import type { Fact, LlmCall, Range } from './facts';
import { noSyntaxEdits, TextEdit } from './edits';
import { formatMessage, type FixDescriptor, type Rule, type RuleContext } from './rule';
import type { Finding, Fix } from './finding';
import { LineIndex, locationOf, type SourceFile } from './source-file';
import { directiveFindings, findSuppression, readDirectives, type Suppression } from './suppressions';
import { severityForCost } from './severity';
import { describeFailure } from './failure';
import { flagStalePrices } from '../estimate/stale';
import type { Estimate } from '../estimate/cost';
import { estimateLlmCall } from '../estimate/llm';
import { estimateCompute } from '../estimate/compute';
import type { UsageAnnotation } from '../estimate/usage';
import type { LintSettings } from '../config/settings';
import type { DocumentMemory, ExtractError, ExtractorId, ProjectView } from '../languages/extractor';
import { extractorFor } from '../languages';

export interface LintOptions {
  project?: ProjectView;
  /** The editor's: extractors may reuse their last parse of the same document (see `DocumentMemory`). */
  memory?: DocumentMemory;
  /** YYYY-MM-DD, for suppression expiry; injected so tests need no clock. */
  today?: string;
}

/** Everything known about one file after linting. */
export interface FileReport {
  path: string;
  language: ExtractorId | null;
  /** Active findings, in source order. */
  findings: Finding[];
  /** Findings silenced by a suppression comment (for SARIF and audits). */
  suppressed: Finding[];
  facts: Fact[];
  /** `estimates[i]` prices `facts[i]`. */
  estimates: Estimate[];
  errors: ExtractError[];
  notes: string[];
  /** Suppressions that silenced nothing. */
  unusedSuppressions: Suppression[];
  lines: LineIndex;
  /** The team that owns the file (config `teams` or CODEOWNERS), or null. */
  team?: string | null;
}

const emptyProject: ProjectView = { listDir: () => [], readText: () => undefined };

/**
 * Lints one file's text: extract once, run every enabled rule over the facts, apply suppressions.
 * Never throws: a file the engine cannot analyse gets one error saying so, and other files go on.
 */
export function lintSource(file: SourceFile, settings: LintSettings, rules: readonly Rule[], options: LintOptions = {}): FileReport {
  try {
    return lintUnsafe(file, settings, rules, options);
  } catch (error) {
    const report = emptyReport(file, settings);
    report.errors = [{ message: `cannot analyse: ${describeFailure(error)}`, range: { start: 0, end: 0 } }];
    return report;
  }
}

function emptyReport(file: SourceFile, settings: LintSettings): FileReport {
  return {
    path: file.path,
    language: null,
    findings: [],
    suppressed: [],
    facts: [],
    estimates: [],
    errors: [],
    notes: [],
    unusedSuppressions: [],
    lines: new LineIndex(file.text),
    team: settings.policy.team,
  };
}

function lintUnsafe(file: SourceFile, settings: LintSettings, rules: readonly Rule[], options: LintOptions): FileReport {
  const report = emptyReport(file, settings);
  const lines = report.lines;
  const extractOptions = { wrappers: settings.wrappers, project: options.project ?? emptyProject, memory: options.memory };
  const extractor = extractorFor(file.path, file.text, extractOptions);
  if (!extractor) return report;
  report.language = extractor.id;
  const extracted = extractor.extract(file, extractOptions);
  report.facts = extracted.facts;
  report.errors = oneErrorPerFile(extracted.errors);
  report.notes = extracted.notes;
  const directives = readDirectives(extracted.comments, lines);
  const annotations = assignAnnotations(extracted.facts, directives.usage, lines);

  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const estimates = new Map<Fact, Estimate>();
  const estimate = (fact: Fact): Estimate => {
    let result = estimates.get(fact);
    if (!result) {
      result = flagStalePrices(estimateFact(fact, settings, annotations.get(fact)), today, settings.maxPriceAgeDays);
      estimates.set(fact, result);
    }
    return result;
  };
  report.estimates = extracted.facts.map(estimate);

  const raw: Finding[] = [];
  for (const rule of rules) {
    const configured = settings.rules.get(rule.id);
    if (!configured) continue;
    const context: RuleContext<unknown, string> = {
      id: rule.id,
      options: configured.options,
      file: { path: file.path, language: extractor.id },
      catalog: settings.catalog,
      policy: settings.policy,
      budget: settings.budget ?? null,
      estimate,
      estimateWith: (call: LlmCall, change) =>
        estimateLlmCall({ call, catalog: settings.catalog, usage: settings.usage, annotation: annotations.get(call), change, discounts: settings.discounts, discountSources: settings.discountSources }),
      estimateResourceWith: (resource, change) =>
        estimateCompute({ resource, catalog: settings.catalog, usage: settings.usage, annotation: annotations.get(resource), change }),
      edits: extracted.edits ?? noSyntaxEdits,
      report(descriptor) {
        const messages = rule.meta.messages as Record<string, string>;
        const toFix = (d: FixDescriptor<string>, kind: Fix['kind']): Fix => ({
          title: formatMessage(messages[d.messageId], d.data),
          kind,
          edits: TextEdit.withLineEndsOf(file.text, d.edits),
          savingsMonthly: d.savingsMonthly,
        });
        const factEstimate = descriptor.fact ? estimate(descriptor.fact) : undefined;
        raw.push({
          ruleId: rule.id,
          messageId: descriptor.messageId,
          message: formatMessage(messages[descriptor.messageId], descriptor.data),
          // Budget findings keep their severity: a cheap file can still be the one that tips the budget.
          severity: descriptor.severity ?? (rule.meta.category === 'budget' ? configured.severity : severityForCost(configured.severity, factEstimate, settings.severityByCost)),
          range: descriptor.range,
          loc: locationOf(lines, descriptor.range),
          docsUrl: rule.docsUrl,
          estimate: factEstimate,
          fix: descriptor.fix && descriptor.fix.edits.length ? toFix(descriptor.fix, 'fix') : undefined,
          suggestions: (descriptor.suggestions ?? []).filter((s) => s.edits.length).map((s) => toFix(s, 'suggestion')),
        });
      },
    };
    const visitor = rule.create(context);
    for (const fact of extracted.facts) {
      if (fact.kind === 'LlmCall') visitor.LlmCall?.(fact);
      else visitor.ComputeResource?.(fact);
    }
    visitor['File:exit']?.(extracted.facts);
  }

  for (const finding of raw.sort(bySourceOrder)) {
    const hit = findSuppression(directives.suppressions, finding.ruleId, finding.loc.line - 1, today);
    const suppressionLine = hit ? lines.positionAt(hit.suppression.range.start).line + 1 : 0;
    if (hit && !hit.expired) {
      hit.suppression.used = true;
      report.suppressed.push({ ...finding, suppressed: { reason: hit.suppression.reason, line: suppressionLine } });
    } else if (hit) {
      // An expired suppression turns back into the finding it silenced, saying so.
      hit.suppression.used = true;
      report.findings.push({ ...finding, message: `${finding.message} (suppression on line ${suppressionLine} expired ${hit.suppression.until})` });
    } else {
      report.findings.push(finding);
    }
  }
  report.unusedSuppressions = directives.suppressions.filter((s) => !s.used);
  const check = {
    requireReason: settings.requireReason,
    unused: settings.unusedSuppressions ?? 'off',
    knownRules: new Set(rules.map((r) => r.id)),
    enabledRules: new Set(rules.filter((r) => settings.rules.has(r.id)).map((r) => r.id)),
    today,
  };
  report.findings.push(...directiveFindings(directives, check, lines));
  report.findings.sort(bySourceOrder);
  return report;
}

/**
 * A broken file gets one message (as ESLint reports one fatal parse error): the first problem,
 * where it is, and how many more follow. One syntax slip rarely means many.
 */
function oneErrorPerFile(errors: readonly ExtractError[]): ExtractError[] {
  if (errors.length <= 1) return [...errors];
  const more = errors.length - 1;
  return [{ ...errors[0], message: `${errors[0].message} (and ${more} more problem${more === 1 ? '' : 's'} after it)` }];
}

function estimateFact(fact: Fact, settings: LintSettings, annotation: UsageAnnotation | undefined): Estimate {
  return fact.kind === 'LlmCall'
    ? estimateLlmCall({ call: fact, catalog: settings.catalog, usage: settings.usage, annotation, discounts: settings.discounts, discountSources: settings.discountSources })
    : estimateCompute({ resource: fact, catalog: settings.catalog, usage: settings.usage, annotation });
}

/** A `costlint-usage` comment applies to the first fact that starts within 3 lines below it. */
function assignAnnotations(facts: readonly Fact[], annotations: readonly UsageAnnotation[], lines: LineIndex): Map<Fact, UsageAnnotation> {
  const result = new Map<Fact, UsageAnnotation>();
  if (!annotations.length) return result;
  const starts = facts.map((fact) => ({ fact, line: lines.positionAt(fact.range.start).line + 1 })).sort((a, b) => a.line - b.line);
  for (const annotation of annotations) {
    const target = starts.find((s) => s.line > annotation.line - 1 && s.line - annotation.line <= 3 && !result.has(s.fact));
    if (target) result.set(target.fact, annotation);
  }
  return result;
}

function bySourceOrder(a: { range: Range; ruleId: string }, b: { range: Range; ruleId: string }): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId);
}
