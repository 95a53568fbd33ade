import type * as Sarif from 'sarif';
import type { Finding } from '../engine/finding';
import type { FileReport } from '../engine/lint';
import { fingerprint } from '../engine/baseline';
import { SUPPRESSION_DOCS_URL, SUPPRESSION_FINDING_ID } from '../engine/suppressions';
import { locationOf } from '../engine/source-file';
import type { Range } from '../engine/facts';
import { formatMonthly } from '../estimate/money';
import { rules as allRules } from '../../rules';
import { findingsByCost, repoPath, type FormatInput } from './types';

declare const COSTLINT_VERSION: string | undefined;
const VERSION = typeof COSTLINT_VERSION === 'string' ? COSTLINT_VERSION : '0.1.0';

/** GitHub code scanning accepts at most 25,000 results per run (and shows the first 5,000). */
export const MAX_SARIF_RESULTS = 25_000;
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const INFORMATION_URI = 'https://github.com/costlint/costlint';

/** Driver rules: every rule, plus `suppression`, the id of findings about suppression comments. */
function driverRules(): Sarif.ReportingDescriptor[] {
  const descriptors: Sarif.ReportingDescriptor[] = allRules.map((rule) => ({
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.meta.docs.summary },
    fullDescription: { text: `${rule.meta.docs.summary} ${rule.meta.docs.remediation}` },
    help: { text: `${rule.meta.docs.remediation} See ${rule.docsUrl}`, markdown: `${rule.meta.docs.remediation}\n\n[Rule documentation](${rule.docsUrl})` },
    helpUri: rule.docsUrl,
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
    properties: { tags: ['cost', rule.meta.category], fixKind: rule.meta.fixKind },
  }));
  descriptors.push({
    id: SUPPRESSION_FINDING_ID,
    name: 'SuppressionComment',
    shortDescription: { text: 'A costlint-disable comment is malformed, names an unknown rule, lacks a reason, or silences nothing.' },
    fullDescription: { text: 'A costlint-disable comment is malformed, names an unknown rule, lacks a required reason, has expired, or silences nothing. Fix or remove the comment.' },
    help: { text: `Write suppressions as "costlint-disable-next-line <rule> -- <reason>" and remove those that silence nothing. See ${SUPPRESSION_DOCS_URL}`, markdown: `Write suppressions as \`costlint-disable-next-line <rule> -- <reason>\` and remove those that silence nothing.\n\n[Suppressions](${SUPPRESSION_DOCS_URL})` },
    helpUri: SUPPRESSION_DOCS_URL,
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['cost', 'hygiene'] },
  });
  return descriptors;
}

/** GitHub rejects SARIF files over 10 MB gzipped; staying under 10 MB before compression is safe. */
export const MAX_SARIF_BYTES = 10 * 1024 * 1024;

/** SARIF 2.1.0, one run, for GitHub code scanning and other SARIF viewers. */
export function sarif(input: FormatInput): string {
  return `${JSON.stringify(toSarif(input), null, 2)}\n`;
}

/**
 * The SARIF log. Within GitHub's limits: at most 25,000 results, and under `maxBytes` (estimates
 * and fixes are dropped first, then the cheapest results); what was left out is counted in the
 * run's properties.
 */
export function toSarif(input: FormatInput, maxBytes = MAX_SARIF_BYTES): Sarif.Log {
  const log = buildSarif(input);
  const run = log.runs[0];
  const size = () => Buffer.byteLength(JSON.stringify(log, null, 2), 'utf8');
  if (size() <= maxBytes) return log;
  for (const result of run.results ?? []) {
    delete result.properties;
    delete result.fixes;
  }
  const results = run.results ?? [];
  const omitted = Number(run.properties?.omittedResults ?? 0);
  run.properties = { ...run.properties, reason: `kept under ${maxBytes} bytes for GitHub's upload limit: estimates and fixes dropped` };
  let kept = results.length;
  while (kept > 0 && size() > maxBytes) {
    // Results are costliest first: the cheapest go.
    kept = Math.floor(kept * 0.8);
    run.results = results.slice(0, kept);
    run.properties = { omittedResults: omitted + results.length - kept, reason: `kept under ${maxBytes} bytes for GitHub's upload limit: estimates, fixes and the cheapest results dropped` };
  }
  return log;
}

function buildSarif(input: FormatInput): Sarif.Log {
  const rules = driverRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const active = findingsByCost(input.reports);
  const suppressed = input.reports.flatMap((report) => report.suppressed.map((finding) => ({ report, finding })));
  const kept = [...active, ...suppressed].slice(0, MAX_SARIF_RESULTS);
  const results = kept.map(({ report, finding }) => result(input, report, finding, ruleIndex));
  const notifications: Sarif.Notification[] = input.reports.flatMap((report) =>
    report.errors.map((error) => ({
      level: 'error' as const,
      message: { text: `Parsing error: ${error.message}` },
      locations: [location(input, report, error.range ?? { start: 0, end: 0 })],
    })),
  );
  for (const skipped of input.skipped) notifications.push({ level: 'note', message: { text: `${repoPath(input, skipped.path)}: ${skipped.reason}` } });
  const omitted = active.length + suppressed.length - kept.length;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'costlint', semanticVersion: VERSION, version: VERSION, informationUri: INFORMATION_URI, rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri(input.root ?? input.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(omitted > 0 ? { properties: { omittedResults: omitted, reason: `GitHub accepts at most ${MAX_SARIF_RESULTS} results per run; the cheapest were left out` } } : {}),
      },
    ],
  };
}

function result(input: FormatInput, report: FileReport, finding: Finding, ruleIndex: ReadonlyMap<string, number>): Sarif.Result {
  const uri = repoPath(input, report.path);
  const estimate = finding.estimate;
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(input, report, finding.range)],
    partialFingerprints: { 'costlintFingerprint/v1': fingerprint(finding, report, uri) },
  };
  if (out.ruleIndex === -1) delete out.ruleIndex;
  if (finding.fix) {
    out.fixes = [
      {
        description: { text: finding.fix.title },
        artifactChanges: [
          {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            replacements: finding.fix.edits.map((edit) => ({ deletedRegion: region(report, edit.range), insertedContent: { text: edit.text } })),
          },
        ],
      },
    ];
  }
  if (finding.suppressed) {
    const external = finding.suppressed.kind === 'baseline';
    out.suppressions = [{ kind: external ? 'external' : 'inSource', status: 'accepted', justification: finding.suppressed.reason ?? (external ? 'in the baseline' : 'no reason given') }];
  }
  if (estimate) {
    out.properties = {
      cost: {
        currency: 'USD',
        monthly: estimate.monthly,
        perCall: estimate.perCall,
        hourly: estimate.hourly,
        ...(estimate.monthlyRange ? { monthlyRange: estimate.monthlyRange } : {}),
        price: estimate.price,
        ...(estimate.monthly !== null ? { display: `≈ ${formatMonthly(estimate.monthly)}` } : {}),
      },
    };
  }
  return out;
}

function location(input: FormatInput, report: FileReport, range: Range): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri: repoPath(input, report.path), uriBaseId: '%SRCROOT%' }, region: region(report, range) } };
}

/** A full region: 1-based lines and UTF-16 columns (end column exclusive), and the offsets. */
function region(report: FileReport, range: Range): Sarif.Region {
  const loc = locationOf(report.lines, range);
  return { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn, charOffset: range.start, charLength: range.end - range.start };
}

function rootUri(root: string): string {
  const url = new URL(`file://${root.startsWith('/') ? '' : '/'}${root.split('\\').join('/')}`).href;
  return url.endsWith('/') ? url : `${url}/`;
}

const pascal = (id: string) => id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
