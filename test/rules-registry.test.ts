import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../rules';
import { RULES_TABLE_FILE, rulesTable } from '../scripts/rules-table';

const root = path.join(__dirname, '..');
const idsIn = (dir: string, suffix: string) =>
  fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(suffix) && f !== 'index.ts' && f !== 'README.md').map((f) => f.slice(0, -suffix.length)).sort();

describe('rule registry', () => {
  const ids = rules.map((r) => r.id).sort();

  it('lists every rule file, and every rule has a file, a doc and a test of the same name', () => {
    assert.deepEqual(idsIn('rules', '.ts'), ids);
    assert.deepEqual(idsIn('docs/rules', '.md'), ids);
    assert.deepEqual(idsIn('test/rules', '.test.ts'), ids);
  });

  it('names each rule in kebab-case after the wasteful state, not `no-`/`use-`', () => {
    for (const id of ids) {
      assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
      assert.doesNotMatch(id, /^(no|use)-/);
    }
  });

  for (const rule of rules) {
    it(`${rule.id}: has a summary, a remediation, messages and option defaults`, () => {
      assert.ok(rule.meta.docs.summary.endsWith('.'), 'summary is a sentence');
      assert.ok(rule.meta.docs.remediation.endsWith('.'), 'remediation is a sentence');
      assert.ok(Object.keys(rule.meta.messages).length > 0);
      assert.doesNotThrow(() => rule.meta.options.parse({}), 'options parse with defaults alone');
      assert.throws(() => rule.meta.options.parse({ notAnOption: 1 }), 'options are strict');
      assert.equal(rule.docsUrl.endsWith(`/docs/rules/${rule.id}.md`), true);
      if (rule.meta.fixKind === 'none') assert.ok(rule.meta.docs.remediation.length > 20);
    });
  }

  it('keeps the generated rules table up to date (npm run generate)', () => {
    assert.equal(fs.readFileSync(path.join(root, RULES_TABLE_FILE), 'utf8'), rulesTable());
  });
});
