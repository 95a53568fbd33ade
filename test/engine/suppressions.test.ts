import * as assert from 'node:assert/strict';
import { lintSource, type FileReport } from '../../server/engine/lint';
import { readDirectives } from '../../server/engine/suppressions';
import { LineIndex } from '../../server/engine/source-file';
import { defaultSettings, type LintSettings } from '../../server/config/settings';
import { initExtractors } from '../../server/languages';
import { rules } from '../../rules';
import { defaultCatalog } from '../../pricing/catalog';

const TODAY = '2026-11-23';
const call = (model = 'gpt-5-mini') => `client.chat.completions.create({ model: '${model}', messages: [{ role: 'user', content: q }] })`;
const HEAD = `import OpenAI from 'openai';\nconst client = new OpenAI();\n`;

function settings(change: Partial<LintSettings> = {}): LintSettings {
  const all = new Map(rules.map((r) => [r.id, { severity: r.meta.defaultSeverity, options: r.meta.options.parse({}) }]));
  return { ...defaultSettings(defaultCatalog(), all), unusedSuppressions: 'warning', ...change };
}

function lint(code: string, change: Partial<LintSettings> = {}): FileReport {
  return lintSource({ path: '/p/src/a.ts', text: HEAD + code }, settings(change), rules, { today: TODAY });
}

/** `line ruleId/messageId` of active findings (lines of `code`, after the two header lines). */
const seen = (report: FileReport) => report.findings.map((f) => `${f.loc.line - 2} ${f.ruleId}/${f.messageId}`);

describe('suppression comments', () => {
  before(() => initExtractors());

  it('next-line, line, block and file forms silence the named rule and keep the reason', () => {
    const report = lint(
      [
        `// costlint-disable-next-line missing-max-tokens -- a short classification, capped by the gateway`,
        `export const a = (q: string) => ${call()};`,
        `export const b = (q: string) => ${call()}; // costlint-disable-line missing-max-tokens -- same`,
        `/* costlint-disable missing-max-tokens -- legacy module, owned by search */`,
        `export const c = (q: string) => ${call()};`,
        `/* costlint-enable */`,
        `export const d = (q: string) => ${call()};`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(seen(report), ['7 missing-max-tokens/noCap']);
    assert.deepEqual(report.suppressed.map((f) => [f.loc.line - 2, f.suppressed?.reason]), [
      [2, 'a short classification, capped by the gateway'],
      [3, 'same'],
      [5, 'legacy module, owned by search'],
    ]);
    const file = lint(`/** costlint-disable-file missing-max-tokens -- generated client */\nexport const a = (q: string) => ${call()};\n`);
    assert.deepEqual(seen(file), []);
  });

  it('until=YYYY-MM-DD: after that day the finding is back, saying the suppression expired', () => {
    const code = (until: string) => `// costlint-disable-next-line missing-max-tokens until=${until} -- until the gateway cap ships\nexport const a = (q: string) => ${call()};\n`;
    assert.deepEqual(seen(lint(code('2026-12-31'))), []);
    const expired = lint(code('2026-11-01'));
    assert.deepEqual(seen(expired), ['2 missing-max-tokens/noCap']);
    assert.match(expired.findings[0].message, /\(suppression on line 3 expired 2026-11-01\)$/);
    // A malformed date is reported; the suppression still applies, so a typo never floods a file.
    assert.deepEqual(seen(lint(code('soon'))), ['1 suppression/malformed']);
  });

  it('--require-reason: a suppression without a reason is an error finding (and still silences)', () => {
    const code = `// costlint-disable-next-line missing-max-tokens\nexport const a = (q: string) => ${call()};\n`;
    assert.deepEqual(seen(lint(code)), []);
    const strict = lint(code, { requireReason: true });
    assert.deepEqual(seen(strict), ['1 suppression/missingReason']);
    assert.equal(strict.findings[0].severity, 'error');
    assert.equal(strict.findings[0].message, 'costlint-disable missing-max-tokens has no reason: add ` -- <why this cost is accepted>`.');
  });

  it('reports unused suppressions, unknown rules, and expired ones that silence nothing', () => {
    const report = lint(
      [
        `// costlint-disable-next-line missing-max-tokens -- capped below`,
        `export const a = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: 10, messages: [] });`,
        `// costlint-disable-next-line missing-max-tokns -- typo`,
        `export const b = 1;`,
        `// costlint-disable-next-line oversized-prompt until=2026-01-01 -- old`,
        `export const c = 2;`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(seen(report), ['1 suppression/unused', '3 suppression/unknownRule', '5 suppression/unused']);
    assert.equal(report.findings[0].message, 'Unused suppression: nothing of missing-max-tokens is reported here; remove it.');
    assert.equal(report.findings[2].message, 'Suppression of oversized-prompt expired on 2026-01-01 and silences nothing: remove it.');
    assert.equal(report.findings[0].severity, 'warning');
    assert.deepEqual(seen(lint(`// costlint-disable-next-line missing-max-tokens -- x\nexport const b = 1;\n`, { unusedSuppressions: 'off' })), []);
  });

  it('a suppression of a rule that is off for this file is not reported as unused', () => {
    const settingsWithout = settings();
    settingsWithout.rules.delete('missing-max-tokens');
    const report = lintSource({ path: '/p/a.ts', text: `${HEAD}// costlint-disable-next-line missing-max-tokens -- x\nexport const b = 1;\n` }, settingsWithout, rules, { today: TODAY });
    assert.deepEqual(seen(report), []);
  });

  it('reads directives in every comment syntax extractors hand over (delimiters already stripped)', () => {
    const text = 'a\nb\nc\nd\ne\nf\n';
    const lines = new LineIndex(text);
    const at = (line: number) => ({ start: lines.lineStart(line), end: lines.lineEnd(line) });
    const directives = readDirectives(
      [
        { text: ' costlint-disable-next-line unbounded-retry -- Python/YAML/HCL `#` comment', range: at(0) },
        { text: '* costlint-disable-next-line missing-cost-tags -- a JSDoc-style line', range: at(1) },
        { text: ' costlint-disable-next-line gpu-without-autoscaling,missing-cost-tags until=2027-01-31 -- HCL /* */ block ', range: at(2) },
        { text: ' costlint-usage monthly_calls=50k output_tokens=300', range: at(3) },
        { text: ' an ordinary comment mentioning costlint', range: at(4) },
      ],
      lines,
    );
    assert.deepEqual(
      directives.suppressions.map((s) => [s.kind, s.rules, s.reason, s.until, s.fromLine]),
      [
        ['next-line', ['unbounded-retry'], 'Python/YAML/HCL `#` comment', null, 1],
        ['next-line', ['missing-cost-tags'], 'a JSDoc-style line', null, 2],
        ['next-line', ['gpu-without-autoscaling', 'missing-cost-tags'], 'HCL /* */ block', '2027-01-31', 3],
      ],
    );
    assert.deepEqual(directives.usage.map((u) => [u.monthlyCalls, u.outputTokens]), [[50000, 300]]);
  });
});
