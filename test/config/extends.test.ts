import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigError, loadConfigFile, settingsFor } from '../../server/config/load';
import { rules } from '../../rules';
import { defaultCatalog } from '../../pricing/catalog';
import { tempProject } from '../support/cli';

function loadError(dir: string, file = '.costlint.yaml'): ConfigError {
  try {
    loadConfigFile(path.join(dir, file));
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  assert.fail('expected a config error');
}

const at = (dir: string, error: ConfigError) => `${path.relative(dir, error.file) || error.file}:${error.line}: ${error.reason}`;

describe('extends', () => {
  it('chains relative files: bases first, the repo file last, each value traced to its file and line', () => {
    const dir = tempProject({
      '.costlint.yaml': 'extends: [./config/team.yaml]\nusage:\n  output_tokens: 300\n',
      'config/team.yaml': 'extends: ../shared/org.yaml\nusage:\n  monthly_calls: 20000\n',
      'shared/org.yaml': 'usage:\n  monthly_calls: 5000\n  dynamic_input_tokens: 800\nrequired_tags: [team, cost-center]\n',
    });
    const loaded = loadConfigFile(path.join(dir, '.costlint.yaml'));
    assert.deepEqual(loaded.layers.map((l) => path.relative(dir, l.file)), ['shared/org.yaml', 'config/team.yaml', '.costlint.yaml']);
    assert.deepEqual(loaded.config.usage, { monthly_calls: 20000, dynamic_input_tokens: 800, output_tokens: 300 });
    const usage = settingsFor(loaded, rules, defaultCatalog(), path.join(dir, 'src/a.ts')).usage;
    const where = (source: { file?: string; line?: number }) => `${path.relative(dir, source.file!)}:${source.line}`;
    assert.equal(where(usage.monthlyCalls.source), 'config/team.yaml:3');
    assert.equal(where(usage.dynamicInputTokens.source), 'shared/org.yaml:3');
    assert.equal(where(usage.outputTokens.source), '.costlint.yaml:3');
  });

  it('loads a package from the repo’s node_modules: the file its package.json names, costlint.yaml, or a subpath', () => {
    const dir = tempProject({
      'node_modules/@acme/costlint-config/package.json': JSON.stringify({ name: '@acme/costlint-config', costlint: 'config/base.yaml', main: 'index.js' }),
      'node_modules/@acme/costlint-config/config/base.yaml': 'rules:\n  llm-call-in-loop: error\n',
      'node_modules/@acme/costlint-config/index.js': 'throw new Error("never run")',
      'node_modules/@acme/costlint-config/strict.json': '{ "rules": { "oversized-prompt": "off" } }',
      'node_modules/plain-costlint/package.json': '{ "name": "plain-costlint" }',
      'node_modules/plain-costlint/costlint.yaml': 'usage:\n  monthly_calls: 777\n',
      'packages/app/.costlint.yaml': 'extends: ["@acme/costlint-config", "@acme/costlint-config/strict.json", plain-costlint]\n',
    });
    const loaded = loadConfigFile(path.join(dir, 'packages/app/.costlint.yaml'));
    assert.deepEqual(loaded.layers.map((l) => path.relative(dir, l.file)), [
      'node_modules/@acme/costlint-config/config/base.yaml',
      'node_modules/@acme/costlint-config/strict.json',
      'node_modules/plain-costlint/costlint.yaml',
      'packages/app/.costlint.yaml',
    ]);
    const settings = settingsFor(loaded, rules, defaultCatalog(), path.join(dir, 'packages/app/a.ts'));
    assert.equal(settings.rules.get('llm-call-in-loop')?.severity, 'error');
    assert.equal(settings.rules.has('oversized-prompt'), false);
    assert.equal(settings.usage.monthlyCalls.value, 777);
  });

  it('built-in presets: strict raises guardrails to error and requires reasons; a later file still wins', () => {
    const dir = tempProject({ '.costlint.yaml': 'extends: costlint:strict\nrules:\n  missing-prompt-cache: off\n  llm-call-in-loop: warning\n' });
    const settings = settingsFor(loadConfigFile(path.join(dir, '.costlint.yaml')), rules, defaultCatalog(), path.join(dir, 'a.ts'));
    assert.equal(settings.rules.get('missing-max-tokens')?.severity, 'error');
    assert.equal(settings.rules.get('unbounded-retry')?.severity, 'error');
    assert.equal(settings.rules.get('llm-call-in-loop')?.severity, 'warning');
    assert.equal(settings.rules.has('missing-prompt-cache'), false);
    assert.equal(settings.requireReason, true);
    assert.equal(settings.unusedSuppressions, 'error');
    const recommended = tempProject({ '.costlint.yaml': 'extends: [costlint:recommended]\n' });
    const defaults = settingsFor(loadConfigFile(path.join(recommended, '.costlint.yaml')), rules, defaultCatalog(), path.join(recommended, 'a.ts'));
    for (const rule of rules) assert.equal(defaults.rules.get(rule.id)?.severity, rule.meta.defaultSeverity, rule.id);
    assert.equal(defaults.requireReason, false);
  });

  it('a later severity keeps the options a base gave the rule', () => {
    const dir = tempProject({
      'base.yaml': 'rules:\n  oversized-prompt: [warning, { maxStaticTokens: 1234 }]\n',
      '.costlint.yaml': 'extends: ./base.yaml\nrules:\n  oversized-prompt: error\n',
    });
    const settings = settingsFor(loadConfigFile(path.join(dir, '.costlint.yaml')), rules, defaultCatalog(), path.join(dir, 'a.ts'));
    assert.deepEqual(settings.rules.get('oversized-prompt'), { severity: 'error', options: { maxStaticTokens: 1234, maxContextShare: 0.5 } });
  });

  it('overrides: base entries first, later entries win, rules then overrides for a matching file', () => {
    const dir = tempProject({
      'base.yaml': 'overrides:\n  - files: "scripts/**"\n    rules: { missing-max-tokens: off }\n',
      '.costlint.yaml': [
        'extends: ./base.yaml',
        'rules:',
        '  missing-max-tokens: error',
        'overrides:',
        '  - files: ["scripts/**", "tools/**"]',
        '    rules: { missing-max-tokens: info }',
        '  - files: "scripts/legacy/**"',
        '    rules: { missing-max-tokens: warning }',
        '',
      ].join('\n'),
    });
    const loaded = loadConfigFile(path.join(dir, '.costlint.yaml'));
    const severity = (file: string) => settingsFor(loaded, rules, defaultCatalog(), path.join(dir, file)).rules.get('missing-max-tokens')?.severity ?? 'off';
    assert.equal(severity('src/a.ts'), 'error');
    assert.equal(severity('scripts/a.ts'), 'info');
    assert.equal(severity('scripts/legacy/a.ts'), 'warning');
    assert.equal(severity('tools/a.ts'), 'info');
    // Worked out once per set of matching entries, and asked again in any order.
    const rulesOf = (file: string) => settingsFor(loaded, rules, defaultCatalog(), path.join(dir, file)).rules;
    assert.equal(rulesOf('src/b.ts'), rulesOf('lib/c.ts'));
    assert.notEqual(rulesOf('src/b.ts'), rulesOf('tools/b.ts'));
    assert.equal(severity('scripts/legacy/b.ts'), 'warning');
    assert.equal(severity('src/a.ts'), 'error');
  });

  const errors: [name: string, files: Record<string, string>, expected: string][] = [
    ['a cycle, at the entry that closes it', { '.costlint.yaml': 'extends: ./a.yaml\n', 'a.yaml': 'usage: {}\nextends: [./b.yaml]\n', 'b.yaml': 'extends:\n  - ./a.yaml\n' }, 'b.yaml:2: extends cycle: a.yaml → b.yaml → a.yaml'],
    ['a file extending itself', { '.costlint.yaml': 'rules: {}\nextends: ./.costlint.yaml\n' }, '.costlint.yaml:2: extends cycle: .costlint.yaml → .costlint.yaml'],
    ['an unknown preset', { '.costlint.yaml': 'extends:\n  - costlint:recommended\n  - costlint:strictest\n' }, '.costlint.yaml:3: extends: unknown preset "costlint:strictest" (one of: costlint:recommended, costlint:strict)'],
    ['a missing file', { '.costlint.yaml': 'extends: ./nope.yaml\n' }, '.costlint.yaml:1: extends: nope.yaml does not exist'],
    ['code, which extends never runs', { '.costlint.yaml': 'extends: ./config.js\n', 'config.js': 'module.exports = {}' }, '.costlint.yaml:1: extends: "./config.js" is code; extends loads data only (.yaml, .yml or .json)'],
    ['a package that is not installed', { '.costlint.yaml': 'extends: "@acme/costlint-config"\n' }, '.costlint.yaml:1: extends: package "@acme/costlint-config" is not installed (no node_modules/@acme/costlint-config above this config; run npm install)'],
    ['a package whose main is code', { '.costlint.yaml': 'extends: js-config\n', 'node_modules/js-config/package.json': '{ "costlint": "index.js" }' }, '.costlint.yaml:1: extends: "js-config" is code; extends loads data only (.yaml, .yml or .json)'],
    ['a problem inside a base file, at its own line', { '.costlint.yaml': 'extends: ./base.yaml\n', 'base.yaml': 'usage:\n  monthly_calls: many\n' }, 'base.yaml:2: usage.monthly_calls: Invalid input: expected number, received string'],
    ['broken JSON in a base', { '.costlint.yaml': 'extends: ./base.json\n', 'base.json': '{\n  "rules": {\n    "a": "off",\n  }\n}\n' }, 'base.json:4: not valid JSON'],
  ];
  for (const [name, files, expected] of errors) {
    it(`reports ${name}`, () => {
      const dir = tempProject(files);
      const message = at(dir, loadError(dir));
      assert.ok(message.startsWith(expected), `${message}\n  does not start with\n${expected}`);
    });
  }

  it('reports an unknown rule in a base file at the base file’s line', () => {
    const dir = tempProject({ '.costlint.yaml': 'extends: ./base.yaml\n', 'base.yaml': 'rules:\n  missing-max-tokens: warning\n  no-such-rule: error\n' });
    const loaded = loadConfigFile(path.join(dir, '.costlint.yaml'));
    assert.throws(() => settingsFor(loaded, rules, defaultCatalog(), path.join(dir, 'a.ts')), (error: ConfigError) => at(dir, error) === 'base.yaml:3: unknown rule "no-such-rule"');
  });
});
