import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, summary, textAt } from './support';

describe('typescript extractor: Vercel AI SDK', () => {
  it('generateText with an openai() model helper: provider, model, cap, prompt', () => {
    const code = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

const { text } = await generateText({
  model: openai('gpt-4o'),
  system: 'You are a friendly assistant.',
  prompt: 'Invent a new holiday and describe its traditions.',
  maxOutputTokens: 512,
});
`;
    const call = only(code);
    assert.equal(summary(call), 'openai ai generate gpt-4o(literal)');
    assert.equal(textAt(code, call.calleeRange), 'generateText');
    assert.deepEqual(call.model.anchor, { range: at(code, `'gpt-4o'`), kind: 'value' });
    assert.deepEqual(call.outputCap, { key: 'maxOutputTokens', value: 512, range: at(code, '512') });
    assert.equal(call.outputCapKey, 'maxOutputTokens');
    assert.equal(call.cacheSupport, 'automatic');
    assert.deepEqual(promptOf(call), ['static system #0 "You are a friendly assistant."', 'static user #0 "Invent a new holiday and describe its traditions."']);
  });

  it('streamText / generateObject / streamObject with anthropic(), bedrock() and a custom provider', () => {
    const code = `import { streamText, generateObject, streamObject } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
import { bedrock } from '@ai-sdk/amazon-bedrock';
import { createOpenAI } from '@ai-sdk/openai';
const groq = createOpenAI({ baseURL: 'https://example.test/v1' });
const model = anthropic('claude-3-5-haiku-latest');
const result = streamText({ model, messages: [{ role: 'user', content: 'Hello' }], maxRetries: 5 });
await generateObject({ model: bedrock('anthropic.claude-3-haiku-20240307-v1:0'), schema, prompt: \`Generate a lasagna recipe for \${guests} people.\` });
streamObject({ model: groq('gpt-4.1-mini'), schema, prompt: 'x' });
`;
    const [stream, object, custom] = calls(code);
    assert.deepEqual([summary(stream), stream.streaming, stream.cacheSupport], ['anthropic ai generate claude-3-5-haiku-latest(literal)', true, 'explicit']);
    assert.deepEqual(stream.retry.map((r) => [r.kind, r.maxAttempts, r.boundKey]), [['client', 5, 'maxRetries']]);
    assert.equal(summary(object), 'bedrock ai generate anthropic.claude-3-haiku-20240307-v1:0(literal)');
    assert.deepEqual(promptOf(object), ['static user #0 "Generate a lasagna recipe for "', 'dynamic user #0 variable guests', 'static user #0 " people."']);
    assert.deepEqual([summary(custom), custom.streaming], ['openai ai generate gpt-4.1-mini(literal)', true]);
  });

  it('a namespace import, embed/embedMany, and a gateway model string', () => {
    const code = `import * as ai from 'ai';
import { openai } from '@ai-sdk/openai';
await ai.generateText({ model: 'anthropic/claude-sonnet-4', prompt: 'gateway' });
await ai.embed({ model: openai.embedding('text-embedding-3-small'), value: 'sunny day at the beach' });
await ai.embedMany({ model: openai.textEmbeddingModel('text-embedding-3-large'), values: chunks });
`;
    const [gateway, embed, many] = calls(code);
    assert.equal(summary(gateway), 'anthropic ai generate anthropic/claude-sonnet-4(literal)');
    assert.deepEqual([summary(embed), embed.outputCapKey], ['openai ai embeddings text-embedding-3-small(literal)', null]);
    assert.deepEqual(promptOf(embed), ['static user #0 "sunny day at the beach"']);
    assert.deepEqual(promptOf(many), ['dynamic user #0 variable chunks']);
  });

  it('an unknown model object is an unknown model, and a local generateText is no call', () => {
    const code = `import { generateText as run } from 'ai';
await run({ model: registry.languageModel('openai:gpt-4o'), prompt: 'x' });
function generateText(x: unknown) { return x; }
generateText({ model: 'gpt-4o', prompt: 'y' });
`;
    const [call] = calls(code);
    assert.equal(calls(code).length, 1);
    assert.deepEqual([call.provider, call.model], ['unknown', { value: null, source: 'unknown' }]);
  });

  it('the AI Gateway, wrapLanguageModel and a model passed as a parameter', () => {
    const code = `import { generateText, streamText, gateway, wrapLanguageModel, defaultSettingsMiddleware } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
const wrapped = wrapLanguageModel({ model: gateway('anthropic/claude-sonnet-4.5'), middleware: defaultSettingsMiddleware({ settings: {} }) });
await generateText({ model: wrapped, prompt: 'a' });
async function answer(model, prompt) {
  return streamText({ model, prompt });
}
await answer(anthropic('claude-haiku-4-5'), 'b');
`;
    const [wrappedCall, param] = calls(code, { path: '/project/src/app.js' });
    assert.equal(summary(wrappedCall), 'anthropic ai generate anthropic/claude-sonnet-4.5(literal)');
    assert.equal(summary(param), 'anthropic ai generate claude-haiku-4-5(literal)');
    assert.deepEqual(param.model.anchor, { range: at(code, `'claude-haiku-4-5'`), kind: 'value' });
  });

  it('a cache marker in a message’s providerOptions marks its text cached', () => {
    const code = `import { bedrock } from '@ai-sdk/amazon-bedrock';
import { generateText } from 'ai';
await generateText({
  model: bedrock('anthropic.claude-3-5-sonnet-20241022-v2:0'),
  messages: [
    { role: 'system', content: \`You are a helpful assistant. You may be asked about \${topic}.\`, providerOptions: { bedrock: { cachePoint: { type: 'default' } } } },
    { role: 'user', content: 'Explain the error message' },
  ],
});
`;
    assert.deepEqual(promptOf(only(code)), [
      'static system #0 "You are a helpful assistant. You may be asked about " cached',
      'dynamic system #0 variable topic',
      'static system #0 "." cached',
      'static user #1 "Explain the error message"',
    ]);
  });
});
