import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../rules';
import { initExtractors } from '../server/languages';
import { lintCase, type Lang } from './support/rule-tester';
import type { FilePolicy } from '../server/engine/rule';
import { monthlyBudget } from './support/budgets';
import type { TeamBudget } from '../server/budgets/state';

const HEADINGS = ['## Why this costs money', '## Examples', '## Options', '## Fix', '## When not to use it'];
const FENCE_LANG: Record<string, Lang> = { ts: 'ts', tsx: 'tsx', js: 'js', py: 'py', python: 'py', hcl: 'tf', terraform: 'tf', yaml: 'k8s', json: 'cfn-json' };

interface Example {
  correct: boolean;
  lang: Lang;
  code: string;
  line: number;
  options?: Record<string, unknown>;
  policy?: Partial<FilePolicy>;
  budget?: TeamBudget;
}

/** ❌/✅ examples: a label line (optionally `with options \`{…}\``, `with config \`{…}\`` or `with budget \`{…}\``), then a fenced block. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  let label: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^(❌|✅)/.test(line)) label = line;
    const fence = /^```(\w+)/.exec(line);
    if (!fence || !label) continue;
    const end = lines.indexOf('```', i + 1);
    const options = /options `(\{.*?\})`/.exec(label)?.[1];
    const team = /config `(\{.*?\})`/.exec(label)?.[1];
    const budget = /budget `(\{.*?\})`/.exec(label)?.[1];
    const config = team ? (JSON.parse(team) as { name?: string; request_metadata?: boolean; required_tags?: string[]; allowed_models?: string[] }) : undefined;
    out.push({
      correct: label.startsWith('✅'),
      lang: FENCE_LANG[fence[1]],
      code: lines.slice(i + 1, end).join('\n'),
      line: i + 1,
      options: options ? JSON.parse(options) : undefined,
      budget: budget ? monthlyBudget(JSON.parse(budget)) : undefined,
      policy: config && {
        team: config.name ?? null,
        requireRequestMetadata: config.request_metadata ?? false,
        ...(config.required_tags ? { requiredTags: config.required_tags } : {}),
        ...(config.allowed_models ? { allowedModels: config.allowed_models } : {}),
      },
    });
    label = undefined;
    i = end;
  }
  return out;
}

describe('rule docs', () => {
  before(() => initExtractors());
  for (const rule of rules) {
    describe(rule.id, () => {
      const file = path.join(__dirname, '..', 'docs', 'rules', `${rule.id}.md`);
      const markdown = fs.readFileSync(file, 'utf8');

      it('starts with the id and the rule summary, then the template headings in order', () => {
        const [title, blank, summary] = markdown.split('\n');
        assert.equal(title, `# ${rule.id}`);
        assert.equal(blank, '');
        assert.equal(summary, rule.meta.docs.summary);
        const positions = HEADINGS.map((h) => markdown.indexOf(`\n${h}\n`));
        assert.ok(positions.every((p) => p > 0), `missing one of ${HEADINGS.join(', ')}`);
        assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'headings out of order');
      });

      it('has ❌ examples that give exactly one finding and ✅ examples that give none', () => {
        const found = examples(markdown);
        assert.ok(found.some((e) => !e.correct) && found.some((e) => e.correct), 'needs ❌ and ✅ examples');
        for (const example of found) {
          assert.ok(example.lang, `unknown fence language at line ${example.line}`);
          const report = lintCase(rule, { lang: example.lang, code: example.code, options: example.options, policy: example.policy, budget: example.budget });
          assert.deepEqual(report.errors, [], `example at line ${example.line} does not parse`);
          const count = report.findings.filter((f) => f.ruleId === rule.id).length;
          assert.equal(count, example.correct ? 0 : 1, `example at line ${example.line}: ${report.findings.map((f) => f.message).join(' | ')}`);
        }
      });
    });
  }
});
