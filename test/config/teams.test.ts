import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadConfigFile, settingsFor } from '../../server/config/load';
import { teamFor } from '../../server/config/teams';
import { parseCodeowners, ownerRule } from '../../server/config/codeowners';
import { rules } from '../../rules';
import { defaultCatalog } from '../../pricing/catalog';
import { tempProject } from '../support/cli';

const load = (dir: string) => loadConfigFile(path.join(dir, '.costlint.yaml'));

describe('teams', () => {
  it('maps path globs to teams; the last matching team wins, so a catch-all can come first', () => {
    const dir = tempProject({
      '.costlint.yaml': 'teams:\n  platform: ["**"]\n  search: ["services/search/**"]\n  ranking:\n    paths: ["services/search/rank/**"]\n',
    });
    const loaded = load(dir);
    const team = (file: string) => teamFor(loaded, path.join(dir, file))?.team ?? null;
    assert.equal(team('infra/main.tf'), 'platform');
    assert.equal(team('services/search/api.ts'), 'search');
    assert.equal(team('services/search/rank/model.py'), 'ranking');
    assert.deepEqual(teamFor(loaded, path.join(dir, 'services/search/api.ts'))?.via, { kind: 'config', file: path.join(dir, '.costlint.yaml'), line: 3 });
  });

  it('turns a team’s policy into the file’s policy: tags, required tags, allowed models, request metadata, units', () => {
    const dir = tempProject({
      '.costlint.yaml': [
        'required_tags: [team]',
        'teams:',
        '  support:',
        '    paths: ["apps/support/**"]',
        '    required_tags: [cost-center]',
        '    tags: { cost-center: "4410" }',
        '    allowed_models: [gpt-5]',
        '    request_metadata: true',
        '    units: { ticket: 120k/month, conversation: 30000 }',
        '',
      ].join('\n'),
    });
    const policy = settingsFor(load(dir), rules, defaultCatalog(), path.join(dir, 'apps/support/answer.ts')).policy;
    assert.equal(policy.team, 'support');
    assert.deepEqual(policy.requiredTags, ['team', 'cost-center']);
    assert.deepEqual(policy.tagValues, { team: 'support', 'cost-center': '4410' });
    assert.deepEqual(policy.allowedModels, ['gpt-5']);
    assert.equal(policy.requireRequestMetadata, true);
    assert.deepEqual(policy.units?.map((u) => [u.name, u.perMonth, u.source.line]), [['ticket', 120000, 9], ['conversation', 30000, 9]]);
    const nobody = settingsFor(load(dir), rules, defaultCatalog(), path.join(dir, 'tools/x.ts')).policy;
    assert.deepEqual([nobody.team, nobody.requiredTags, nobody.tagValues], [null, ['team'], {}]);
  });

  it('reads GitHub CODEOWNERS: last matching line wins, the first owner that maps to a team', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/CODEOWNERS': [
        '# Default owners',
        '*                 @acme/platform',
        '/services/search/ @acme/search-team @alice',
        '*.md              @acme/docs',
        '/services/search/vendor/',
        'docs/*            @acme/docs',
        '',
      ].join('\n'),
      'repo/.costlint.yaml': 'codeowners: { "@acme/search-team": search, "@acme/platform": platform }\n',
    });
    // The config lives below the repository root: CODEOWNERS paths stay relative to the root.
    const loaded = loadConfigFile(path.join(dir, 'repo/.costlint.yaml'));
    const team = (file: string) => teamFor(loaded, path.join(dir, file));
    assert.equal(team('services/search/api.ts')?.team, 'search');
    assert.deepEqual(team('services/search/api.ts')?.via, { kind: 'codeowners', file: path.join(dir, '.github/CODEOWNERS'), line: 3, owner: '@acme/search-team' });
    assert.equal(team('infra/main.tf')?.team, 'platform');
    assert.equal(team('services/search/README.md'), null, '@acme/docs maps to no team in this config');
    assert.equal(team('services/search/vendor/lib.ts'), null, 'a line without owners un-owns the path');
  });

  it('reads GitLab CODEOWNERS with sections and default owners; `codeowners: true` names teams after owners', () => {
    const dir = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitlab/CODEOWNERS': ['[Platform] @acme/platform', '*', '', '^[Search][2] @acme/search', 'services/search/', '/services/search/billing/ @acme/billing @bob', '', '[Docs]', 'docs/* @acme/docs', ''].join('\n'),
      '.costlint.yaml': 'codeowners: true\nteams:\n  infra-team: ["infra/**"]\n',
    });
    const loaded = load(dir);
    const team = (file: string) => teamFor(loaded, path.join(dir, file))?.team ?? null;
    assert.equal(team('services/search/a.ts'), 'search');
    assert.equal(team('services/search/billing/a.ts'), 'billing');
    assert.equal(team('docs/guide.md'), 'docs');
    assert.equal(team('docs/deep/guide.md'), 'platform', 'docs/* owns only files directly in docs/');
    assert.equal(team('infra/main.tf'), 'infra-team', 'config teams come before CODEOWNERS');
  });

  it('parses patterns the gitignore way, escapes and comments included', () => {
    const owners = parseCodeowners('/r/CODEOWNERS', '/r', 'apps/ @a # trailing comment\n\\#odd @b\n**/logs @c\n*.js @d\n');
    const of = (file: string) => ownerRule(owners, file)?.owners ?? [];
    assert.deepEqual(of('src/apps/x.ts'), ['@a']);
    assert.deepEqual(of('#odd'), ['@b']);
    assert.deepEqual(of('a/b/logs/x.txt'), ['@c']);
    assert.deepEqual(of('apps/x.js'), ['@d']);
    assert.deepEqual(of('../outside.ts'), []);
  });
});
