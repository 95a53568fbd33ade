import * as assert from 'node:assert/strict';
import { typescriptExtractor } from '../../../server/languages/typescript';
import { calls, extract, summary } from './support';

describe('typescript extractor: files and parse errors', () => {
  it('claims TS/JS sources by path, never declaration files', () => {
    const claimed = ['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.d.ts', 'a.d.mts', 'a.py', 'a.json'].filter((p) => typescriptExtractor.handlesPath(`/p/${p}`));
    assert.deepEqual(claimed, ['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs']);
  });

  it('the prefilter passes files that import or require an SDK and stops the rest', () => {
    const options = { wrappers: [], project: { listDir: () => [], readText: () => undefined } };
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/app/chat.ts', text: `import OpenAI from "openai";` }, options));
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/app/chat.ts', text: `const { Anthropic } = require('@anthropic-ai/sdk');` }, options));
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/app/chat.ts', text: `import { bedrock } from '@ai-sdk/amazon-bedrock';` }, options));
    assert.ok(!typescriptExtractor.mightContainFacts({ path: '/app/chat.ts', text: `import OpenAIish from 'openai-like';\nconst s = 'openai';` }, options));
    assert.ok(typescriptExtractor.mightContainFacts({ path: '/app/chat.ts', text: `callModel(x)` }, { ...options, wrappers: [{ name: 'llm.callModel' }] }));
  });

  it('half-typed code is a parse error with a position, not a crash', () => {
    const code = `import OpenAI from 'openai';\nconst client = new OpenAI();\nclient.chat.completions.create({ model: 'gpt-4o', messages: [\n`;
    const result = extract(code);
    assert.deepEqual(result.facts, []);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].message, /^cannot parse: /);
    assert.ok(result.errors[0].range && result.errors[0].range.start > code.indexOf('messages'));
  });

  it('reads JSX files, TS-only syntax and comments', () => {
    const code = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
// costlint-usage calls=1000/month
export async function Page(): Promise<JSX.Element> {
  const { text } = await generateText({ model: openai('gpt-4o-mini') satisfies object, prompt: 'Hi' } as const);
  return <main className="p-4">{text}</main>;
}
`;
    const [call] = calls(code, { path: '/project/app/page.tsx' });
    assert.equal(summary(call), 'openai ai generate gpt-4o-mini(literal)');
    assert.deepEqual(extract(code, { path: '/project/app/page.tsx' }).comments.map((c) => c.text), [' costlint-usage calls=1000/month']);
  });
});
