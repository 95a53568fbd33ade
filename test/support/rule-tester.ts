import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintSource, type FileReport } from '../../server/engine/lint';
import type { FilePolicy, Rule } from '../../server/engine/rule';
import { applyFixes, safeFixes } from '../../server/engine/fix';
import { TextEdit } from '../../server/engine/edits';
import { defaultSettings, type LintSettings } from '../../server/config/settings';
import { extractorFor, initExtractors } from '../../server/languages';
import type { ProjectView } from '../../server/languages/extractor';
import type { UsageAssumptions } from '../../server/estimate/usage';
import type { TeamBudget } from '../../server/budgets/state';
import { defaultCatalog } from '../../pricing/catalog';

export type Lang = 'ts' | 'tsx' | 'js' | 'py' | 'tf' | 'k8s' | 'cfn' | 'cfn-json';

/** Where each language's test file lives (extractors pick files by path). */
export const FILE_FOR: Record<Lang, string> = {
  ts: '/project/src/app.ts',
  tsx: '/project/src/app.tsx',
  js: '/project/src/app.js',
  py: '/project/app.py',
  tf: '/project/infra/main.tf',
  k8s: '/project/k8s/deploy.yaml',
  cfn: '/project/cfn/template.yaml',
  'cfn-json': '/project/cfn/template.json',
};

export interface ValidCase {
  lang: Lang;
  code: string;
  name?: string;
  options?: Record<string, unknown>;
  policy?: Partial<FilePolicy>;
  usage?: (usage: UsageAssumptions) => void;
  /** Other files of the project, by path relative to the test file's folder (Terraform modules, manifests beside it). */
  files?: Record<string, string>;
  /** The team budget the caller fetched (for `over-budget`). */
  budget?: TeamBudget;
}

export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Each suggestion's title and the code after applying it alone. */
  suggestions?: { title?: string | RegExp; output: string }[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The code after every safe fix, or null when the findings have no fix. */
  output: string | null;
}

const TODAY = '2026-11-23';

function projectOf(file: string, files: Record<string, string> = {}): ProjectView {
  const dir = path.dirname(file);
  const all = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  return {
    listDir: (d) => [...all.keys()].filter((f) => path.dirname(f) === d),
    readText: (f) => all.get(f),
  };
}

export function settingsForCase(rule: Rule, testCase: ValidCase): LintSettings {
  const options = rule.meta.options.parse(testCase.options ?? {});
  const settings = defaultSettings(defaultCatalog(), new Map([[rule.id, { severity: rule.meta.defaultSeverity, options }]]));
  settings.policy = { ...settings.policy, ...testCase.policy };
  testCase.usage?.(settings.usage);
  if (testCase.budget) settings.budget = testCase.budget;
  return settings;
}

export function lintCase(rule: Rule, testCase: ValidCase, code = testCase.code): FileReport {
  const file = FILE_FOR[testCase.lang];
  return lintSource({ path: file, text: code }, settingsForCase(rule, testCase), [rule], { project: projectOf(file, testCase.files), today: TODAY });
}

/** The code parses, for the language's extractor: no extractor errors. */
export function assertParses(testCase: ValidCase, code: string, what: string): void {
  const file = FILE_FOR[testCase.lang];
  const options = { wrappers: [], project: projectOf(file, testCase.files) };
  const extractor = extractorFor(file, code, options);
  if (!extractor) return;
  const { errors } = extractor.extract({ path: file, text: code }, options);
  assert.deepEqual(errors, [], `${what} does not parse:\n${code}`);
}

function title(testCase: ValidCase): string {
  const firstLine = testCase.code.trim().split('\n').find((l) => !/^\s*(import|from|const \w+ = (new|require))/.test(l)) ?? '';
  return testCase.name ?? `${testCase.lang}: ${firstLine.trim().slice(0, 70)}`;
}

/**
 * typescript-eslint's RuleTester, for facts: valid cases produce nothing; invalid cases produce
 * exactly the listed findings, and their fixes give `output`, which parses and is stable.
 */
export const ruleTester = {
  run(name: string, rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(name, () => {
      before(() => initExtractors());
      describe('valid', () => {
        for (const testCase of cases.valid) {
          it(title(testCase), () => {
            const report = lintCase(rule, testCase);
            assert.deepEqual(report.errors, [], 'the case does not parse');
            assert.deepEqual(report.findings.map((f) => `${f.loc.line}:${f.loc.column} ${f.messageId}: ${f.message}`), []);
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of cases.invalid) {
          it(title(testCase), () => checkInvalid(rule, testCase));
        }
      });
    });
  },
};

function checkInvalid(rule: Rule, testCase: InvalidCase): void {
  const report = lintCase(rule, testCase);
  assert.deepEqual(report.errors, [], 'the case does not parse');
  const actual = report.findings.map((f) => ({ messageId: f.messageId, line: f.loc.line, column: f.loc.column, endLine: f.loc.endLine, endColumn: f.loc.endColumn }));
  const expected = testCase.errors.map(({ messageId, line, column, endLine, endColumn }) => ({ messageId, line, column, endLine, endColumn }));
  assert.deepEqual(actual, expected, `findings: ${report.findings.map((f) => f.message).join(' | ')}`);
  for (const finding of report.findings) assert.doesNotMatch(finding.message, /\{\{/, 'a message placeholder was not filled');

  const fixes = safeFixes(report.findings);
  if (testCase.output === null) {
    assert.equal(fixes.length, 0, 'expected no fix');
  } else {
    const fixed = fixUntilStable(rule, testCase);
    assert.equal(fixed, testCase.output, 'fix output');
    assertParses(testCase, fixed, 'the fixed code');
    assert.equal(fixUntilStable(rule, testCase, fixed), fixed, 'applying the fixes again changes the code');
  }

  testCase.errors.forEach((error, i) => {
    if (!error.suggestions) return;
    const finding = report.findings[i];
    assert.equal(finding.suggestions.length, error.suggestions.length, 'number of suggestions');
    error.suggestions.forEach((expected, j) => {
      const suggestion = finding.suggestions[j];
      if (expected.title instanceof RegExp) assert.match(suggestion.title, expected.title);
      else if (expected.title) assert.equal(suggestion.title, expected.title);
      const output = TextEdit.apply(testCase.code, suggestion.edits);
      assert.equal(output, expected.output, `suggestion "${suggestion.title}"`);
      assertParses(testCase, output, 'the code after the suggestion');
    });
  });
}

function fixUntilStable(rule: Rule, testCase: ValidCase, start = testCase.code): string {
  let code = start;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = safeFixes(lintCase(rule, testCase, code).findings);
    if (!fixes.length) return code;
    const next = applyFixes(code, fixes);
    if (next.text === code) return code;
    code = next.text;
  }
  throw new Error('fixes did not settle after 10 passes');
}
