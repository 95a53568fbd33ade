import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliAsync } from '../../support/cli';
import { calls, promptOf, summary } from './support';

/** Code blocks the SDKs ship in their npm packages (README, docs), each with its source and license in a header. */
const REAL = path.join(__dirname, '..', '..', 'fixtures', 'real');
const read = (name: string) => fs.readFileSync(path.join(REAL, name), 'utf8');
const found = (name: string) => calls(read(name), { path: path.join(REAL, name) });

describe('typescript extractor: real SDK code', () => {
  it('openai README: the Responses API and chat completions', () => {
    const [responses] = found('openai-readme-responses.ts');
    assert.equal(summary(responses), 'openai openai responses gpt-5.5(literal)');
    assert.deepEqual(promptOf(responses), ['static system #0 "You are a coding assistant that talks like a pirate"', 'static user #0 "Are semicolons optional in JavaScript?"']);
    const [chat] = found('openai-readme-chat.ts');
    assert.equal(summary(chat), 'openai openai chat gpt-5.5(literal)');
    assert.deepEqual(promptOf(chat), ['static system #0 "Talk like a pirate."', 'static user #1 "Are semicolons optional in JavaScript?"']);
  });

  it('@anthropic-ai/sdk README (JavaScript): messages.create with its cap', () => {
    const [call] = found('anthropic-sdk-readme.js');
    assert.equal(summary(call), 'anthropic @anthropic-ai/sdk messages claude-opus-5-5(literal)');
    assert.equal(call.outputCap?.value, 1024);
  });

  it('Vercel AI SDK docs and the @ai-sdk/openai README', () => {
    assert.deepEqual(found('ai-sdk-provider-options.ts').map(summary), ['anthropic ai generate claude-opus-4-20250514(literal)']);
    assert.deepEqual(found('ai-sdk-openai-readme.ts').map(summary), ['openai ai generate gpt-5-mini(literal)']);
  });

  it('@google/genai, @mistralai/mistralai and @langchain/openai READMEs', () => {
    const genai = found('google-genai-readme.ts');
    assert.deepEqual(genai.map(summary), ['google @google/genai generate gemini-flash-latest(literal)', 'google @google/genai generate gemini-flash-latest(literal)']);
    assert.deepEqual(genai.map((c) => c.enclosingFunction), ['main', 'main']);
    assert.deepEqual(found('mistral-readme.ts').map(summary), ['mistral @mistralai/mistralai chat mistral-large-latest(literal)']);
    const [langchain] = found('langchain-openai-readme.ts');
    assert.equal(summary(langchain), 'openai @langchain/openai chat gpt-4o(literal)');
    assert.deepEqual(promptOf(langchain), ['static user #0 "What was a positive news story from today?"']);
  });

  it('costlint estimate prices every call of the folder', async function () {
    this.timeout(120_000);
    const run = await runCliAsync(['estimate', '.', '--format', 'json'], REAL);
    assert.equal(run.code, 0, run.stderr);
    const items = (JSON.parse(run.stdout) as { items: { filePath: string; kind: string; perCall: number | null }[] }).items;
    const perFile = new Map<string, number>();
    for (const item of items) perFile.set(path.basename(item.filePath), (perFile.get(path.basename(item.filePath)) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries([...perFile].sort()), {
      'ai-sdk-openai-readme.ts': 1,
      'ai-sdk-provider-options.ts': 1,
      'anthropic-sdk-readme.js': 1,
      'google-genai-readme.ts': 2,
      'langchain-openai-readme.ts': 1,
      'mistral-readme.ts': 1,
      'openai-readme-chat.ts': 1,
      'openai-readme-responses.ts': 1,
    });
    assert.ok(items.every((i) => i.kind === 'llm-call'));
  });
});
