import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintSource, type FileReport } from '../../server/engine/lint';
import { applyBaseline, buildBaseline, readBaseline, writeBaseline } from '../../server/engine/baseline';
import { ConfigError } from '../../server/config/parse';
import { defaultSettings } from '../../server/config/settings';
import { initExtractors } from '../../server/languages';
import { rules } from '../../rules';
import { defaultCatalog } from '../../pricing/catalog';
import { tempProject } from '../support/cli';

const ROOT = '/repo';
const HEAD = `import OpenAI from 'openai';\nconst client = new OpenAI();\n`;
const A = `export const a = (q: string) => client.chat.completions.create({ model: 'gpt-5-mini', messages: [{ role: 'user', content: q }] });\n`;
const B = `export const b = (q: string) => client.responses.create({ model: 'gpt-5-mini', input: q });\n`;

function lint(text: string, file = 'src/a.ts'): FileReport {
  const all = new Map(rules.map((r) => [r.id, { severity: r.meta.defaultSeverity, options: r.meta.options.parse({}) }]));
  return lintSource({ path: path.join(ROOT, file), text }, defaultSettings(defaultCatalog(), all), rules, { today: '2026-11-23' });
}

describe('baseline', () => {
  before(() => initExtractors());

  it('accepts recorded findings after lines move above them, and reports only new ones', () => {
    const baseline = buildBaseline([lint(HEAD + A)], ROOT);
    assert.deepEqual(baseline.findings.map((e) => [e.ruleId, e.file, e.count]), [['missing-max-tokens', 'src/a.ts', 1]]);
    const moved = lint(`${HEAD}// a comment and\n\n// some new lines above\n${A}${B}`);
    assert.equal(moved.findings.length, 2);
    assert.equal(applyBaseline([moved], baseline, ROOT), 1);
    assert.deepEqual(moved.findings.map((f) => f.loc.line), [7], 'only the new call is reported');
    assert.deepEqual(moved.suppressed.map((f) => [f.loc.line, f.suppressed?.kind]), [[6, 'baseline']]);
  });

  it('re-indenting keeps a fingerprint; changing the code, the rule or the file does not', () => {
    const baseline = buildBaseline([lint(HEAD + A)], ROOT);
    const reindented = lint(`${HEAD}{\n    ${A.replace("{ role: 'user', content: q }", "{  role: 'user',  content: q  }")}}\n`);
    assert.equal(applyBaseline([reindented], baseline, ROOT), 1);
    assert.equal(applyBaseline([lint(HEAD + A.replace('gpt-5-mini', 'gpt-5-nano'))], baseline, ROOT), 0);
    assert.equal(applyBaseline([lint(HEAD + A, 'src/b.ts')], baseline, ROOT), 0);
  });

  it('counts identical findings: a copy of accepted code is new', () => {
    const twice = lint(HEAD + A + A.replace('const a', 'const a2'));
    const baseline = buildBaseline([lint(HEAD + A + A.replace('const a', 'const a2'))], ROOT);
    assert.equal(applyBaseline([twice], baseline, ROOT), 2);
    const one = buildBaseline([lint(HEAD + A)], ROOT);
    const copy = lint(HEAD + A + A);
    assert.equal(applyBaseline([copy], one, ROOT), 1);
    assert.equal(copy.findings.length, 1);
  });

  it('writes a stable, reviewable file and rejects one that is not a baseline', () => {
    const dir = tempProject({ 'bad.json': '{"version":1,"findings":[{"ruleId":1}]}', 'broken.json': '{' });
    const file = path.join(dir, '.costlint-baseline.json');
    writeBaseline(file, buildBaseline([lint(HEAD + A + B)], ROOT));
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(readBaseline(file), JSON.parse(text));
    assert.doesNotMatch(text, /"line"/, 'no line numbers in the baseline');
    for (const name of ['bad.json', 'broken.json', 'missing.json']) assert.throws(() => readBaseline(path.join(dir, name)), ConfigError);
  });
});
