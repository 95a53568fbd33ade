import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lsp';
import { tempRepo } from '../support/git';

const BASE = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (q: string) => client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 100 });
`;
const ADDED = `export const plan = (q: string) => client.responses.create({ model: 'gpt-5', input: q, max_output_tokens: 100 });\n`;

/** Polls an async check until it returns a value. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('language server: the Δ lens against the merge-base', function () {
  this.timeout(120_000);

  it('the lens and the status bar show what the open file adds per month against main, from unsaved text; nothing outside a repository', async () => {
    const { dir, git } = tempRepo({ 'src/llm.ts': BASE });
    git('checkout', '-q', '-b', 'feature');
    const file = path.join(dir, 'src/llm.ts');
    const { client } = await LspClient.start(dir);
    try {
      const uri = client.open(file, BASE + ADDED, 'typescript');
      await client.nextDiagnostics(uri, 0);
      const lenses = () => client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<CodeLens[]>;
      const delta = await until(async () => (await lenses()).find((l) => l.command?.title.startsWith('Δ')));
      // The base side: gpt-5-mini only; now: gpt-5-mini plus gpt-5, at the default volume.
      // No remote here: the first ref that resolves is the local main.
      assert.match(delta.command!.title, /^Δ \+\$[\d,.]+\/mo against main \(\$[\d,.]+\/mo → \$[\d,.]+\/mo\)$/);
      assert.deepEqual(delta.range.start, { line: 0, character: 0 });
      const [, before, after] = /\((\$[\d,.]+)\/mo → (\$[\d,.]+)\/mo\)/.exec(delta.command!.title)!;
      assert.notEqual(before, after);
      assert.ok(client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh'), 'lenses are asked again once the base is known');
      const status = await client.waitFor('a status with the delta', () => client.statuses.find((st) => st.text.includes('Δ')));
      assert.match(status.text, /^costlint · Δ \+\$[\d,.]+\/mo$/);
      assert.match(status.tooltip, /^No team owns this file[^\n]*\nΔ \+\$[\d,.]+\/mo against main/);
    } finally {
      await client.stop();
    }

    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-norepo-')), 'llm.ts');
    fs.writeFileSync(outside, BASE);
    const other = await LspClient.start(path.dirname(outside));
    try {
      const uri = other.client.open(outside, BASE, 'typescript');
      await other.client.nextDiagnostics(uri, 0);
      const first = (await other.client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
      assert.equal(first.length, 1, 'the call’s own lens');
      await other.client.waitFor('a lens refresh', () => other.client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh'));
      const again = (await other.client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
      assert.equal(again.filter((l) => l.command?.title.startsWith('Δ')).length, 0);
    } finally {
      await other.client.stop();
    }
  });
});
