import * as assert from 'node:assert/strict';
import { customizedSeverity } from '../../server/lsp/diagnostics';
import { mergeSettings } from '../../server/lsp/settings';
import { disableForFile, disableForLine } from '../../server/lsp/code-actions';
import { pathOfUri } from '../../server/lsp/analysis';
import { statusFor } from '../../server/lsp/budgets';
import { TextEdit } from '../../server/engine/edits';
import { LineIndex } from '../../server/engine/source-file';
import type { FileReport } from '../../server/engine/lint';
import type { Finding } from '../../server/engine/finding';
import { DEFAULT_SETTINGS } from '../../server/lsp/protocol';

function report(path: string, text: string, language: FileReport['language']): FileReport {
  return { path, language, findings: [], suppressed: [], facts: [], estimates: [], errors: [], notes: [], unusedSuppressions: [], lines: new LineIndex(text) };
}

function findingAt(text: string, needle: string, ruleId: string): Finding {
  const start = text.indexOf(needle);
  return { ruleId, messageId: 'x', message: '', severity: 'warning', range: { start, end: start + needle.length }, loc: { line: 0, column: 0, endLine: 0, endColumn: 0 }, docsUrl: '', suggestions: [] };
}

describe('language server parts', () => {
  it('rule customizations: globs, negation, last match wins, default restores', () => {
    const custom = [
      { rule: 'missing-*', severity: 'info' as const },
      { rule: '!missing-max-tokens', severity: 'error' as const },
      { rule: 'unbounded-retry', severity: 'off' as const },
      { rule: 'over-budget', severity: 'warn' as const },
      { rule: 'over-budget', severity: 'default' as const },
    ];
    assert.equal(customizedSeverity('missing-max-tokens', 'warning', custom), 'info');
    assert.equal(customizedSeverity('missing-cost-tags', 'warning', custom), 'error', 'negated glob: every rule but missing-max-tokens');
    assert.equal(customizedSeverity('unbounded-retry', 'error', custom), 'off');
    assert.equal(customizedSeverity('over-budget', 'error', custom), 'error');
    assert.equal(customizedSeverity('frontier-model-default', 'warning', []), 'warning');
  });

  it('settings from a client: any subset, wrong types fall back to defaults', () => {
    assert.deepEqual(mergeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(mergeSettings({ enable: 'yes', run: 'sometimes', usage: { monthlyCalls: 'many' }, budgets: { allowedOrigins: ['https://cost.example', 3] }, rules: { customizations: [{ rule: 'a', severity: 'off' }, { rule: 1 }] } }), {
      ...DEFAULT_SETTINGS,
      budgets: { allowedOrigins: ['https://cost.example'] },
      rules: { customizations: [{ rule: 'a', severity: 'off' }] },
    });
    assert.equal(mergeSettings({ usage: { monthlyCalls: 0 } }).usage.monthlyCalls, 0);
    assert.equal(mergeSettings({ usage: { monthlyCalls: null } }).usage.monthlyCalls, null);
    assert.equal(mergeSettings({ run: 'onSave' }).run, 'onSave');
  });

  it('disable for the file goes below a shebang and merges into an existing directive', () => {
    const text = '#!/usr/bin/env python3\nimport openai\nopenai.chat()\n';
    const r = report('/p/a.py', text, 'python');
    assert.equal(TextEdit.apply(text, [disableForFile(r, 'missing-max-tokens', '#')!]), '#!/usr/bin/env python3\n# costlint-disable-file missing-max-tokens -- reason\nimport openai\nopenai.chat()\n');
    const withOne = '# costlint-disable-file llm-call-in-loop -- batch later\nimport openai\n';
    assert.equal(TextEdit.apply(withOne, [disableForFile(report('/p/a.py', withOne, 'python'), 'missing-max-tokens', '#')!]), '# costlint-disable-file llm-call-in-loop, missing-max-tokens -- batch later\nimport openai\n');
    const everything = '# costlint-disable-file\nimport openai\n';
    assert.equal(disableForFile(report('/p/a.py', everything, 'python'), 'missing-max-tokens', '#'), null, 'already silenced: nothing to add');
  });

  it('disable for the line keeps the indentation and CRLF line ends', () => {
    const text = 'const a = 1;\r\n    client.call();\r\n';
    const r = report('/p/a.ts', text, 'typescript');
    const edit = disableForLine(r, findingAt(text, 'client.call', 'missing-max-tokens'), '//')!;
    assert.equal(TextEdit.apply(text, [edit]), 'const a = 1;\r\n    // costlint-disable-next-line missing-max-tokens -- reason\r\n    client.call();\r\n');
    const listed = '// costlint-disable-next-line missing-max-tokens\nclient.call();\n';
    assert.equal(disableForLine(report('/p/a.ts', listed, 'typescript'), findingAt(listed, 'client.call', 'missing-max-tokens'), '//'), null);
  });

  it('documents without a file get a path their language id explains', () => {
    assert.equal(pathOfUri('untitled:Untitled-1', 'python'), '/untitled/Untitled-1.py');
    assert.equal(pathOfUri('file:///work/app/main.tf', 'terraform'), '/work/app/main.tf');
  });

  it('status text for each budget state', () => {
    const on = { enabled: true, offline: false, hasBudgets: true };
    assert.equal(statusFor('search', null, { ...on, enabled: false }).state, 'off');
    assert.deepEqual(statusFor('search', null, { ...on, offline: true }).text, 'costlint: offline');
    assert.equal(statusFor(null, null, on).state, 'off');
    assert.equal(statusFor('search', null, { ...on, hasBudgets: false }).state, 'off');
    assert.deepEqual(statusFor('search', { kind: 'unknown', team: 'search', reason: 'HTTP 503' }, on), { state: 'unknown', text: 'costlint: budget unknown', tooltip: 'budget unknown (HTTP 503)' });
  });
});
