// The extension manifest (package.json) against the server's protocol: the settings it
// contributes mirror the server's, it activates on the server's languages, and the editor
// under test (VS Code 1.100) accepts it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, LANGUAGE_IDS, SETTINGS_SECTION } from '../../server/lsp/protocol';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
const properties: Record<string, { default: unknown; scope?: string }> = manifest.contributes.configuration.properties;

/** `{ a: { b: 1 } }` → `[['a.b', 1]]`, the way VS Code names settings. */
function flatten(value: object, prefix: string): [string, unknown][] {
  return Object.entries(value).flatMap(([key, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? flatten(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v] as [string, unknown]],
  );
}

describe('extension manifest', () => {
  it('contributes every server setting with the server default', () => {
    const expected = flatten(DEFAULT_SETTINGS, `${SETTINGS_SECTION}.`);
    for (const [key, value] of expected) {
      assert.ok(properties[key], `contributes ${key}`);
      assert.deepEqual(properties[key].default, value, `${key} default`);
    }
    const extra = Object.keys(properties).filter((key) => !expected.some(([k]) => k === key) && key !== 'costlint.trace.server');
    assert.deepEqual(extra, [], 'no setting the server does not read');
  });

  it('lets only user settings allow a cost API origin or go online', () => {
    assert.equal(properties['costlint.budgets.allowedOrigins'].scope, 'machine');
    assert.equal(properties['costlint.offline'].scope, 'machine');
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(restricted.includes('costlint.budgets.allowedOrigins'));
  });

  it('activates on the server languages and on a .costlint.yaml', () => {
    assert.deepEqual(manifest.activationEvents, [...LANGUAGE_IDS.map((id) => `onLanguage:${id}`), 'workspaceContains:**/.costlint.yaml']);
  });

  it('contributes every command the client registers', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../client/extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, registered);
    assert.deepEqual(registered, ['costlint.refreshBudgets', 'costlint.restartServer', 'costlint.setApiToken', 'costlint.showCostReport', 'costlint.showOutputChannel']);
  });

  it('validates .costlint.yaml with the shipped schema', () => {
    const [validation] = manifest.contributes.yamlValidation;
    assert.ok(validation.fileMatch.includes('.costlint.yaml'));
    assert.ok(fs.existsSync(path.join(__dirname, '../..', validation.url)));
  });

  it('targets an editor no newer than VS Code 1.100', () => {
    const minimum = (range: string) => range.replace(/^[\^~>=]+/, '').split('.').map(Number);
    const [major, minor] = minimum(manifest.engines.vscode);
    assert.ok(major === 1 && minor <= 100, manifest.engines.vscode);
    const [typesMajor, typesMinor] = minimum(manifest.devDependencies['@types/vscode']);
    assert.ok(typesMajor === 1 && typesMinor <= minor, '@types/vscode may not be newer than engines.vscode');
  });
});
