import * as assert from 'node:assert/strict';
import { at, calls, promptOf, summary } from './support';

describe('typescript extractor: mistral and cohere', () => {
  it('@mistralai/mistralai: chat.complete with maxTokens, chat.stream, embeddings, agents', () => {
    const code = `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });
await mistral.chat.complete({ model: 'mistral-small-latest', maxTokens: 300, messages: [{ role: 'user', content: 'Who is the best French painter?' }] });
const stream = await mistral.chat.stream({ model: 'mistral-large-latest', messages });
await mistral.embeddings.create({ model: 'mistral-embed', inputs: ['Embed this sentence.'] });
await mistral.agents.complete({ agentId: '<id>', messages: [{ role: 'user', content: 'hi' }] });
`;
    const [complete, stream, embed, agent] = calls(code);
    assert.deepEqual([agent.api, agent.model], ['chat', { value: null, source: 'unknown' }]);
    assert.equal(summary(complete), 'mistral @mistralai/mistralai chat mistral-small-latest(literal)');
    assert.deepEqual(complete.outputCap, { key: 'maxTokens', value: 300, range: at(code, '300') });
    assert.equal(complete.cacheSupport, 'none');
    assert.deepEqual([stream.streaming, promptOf(stream)], [true, ['dynamic user #0 history messages']]);
    assert.deepEqual([embed.api, promptOf(embed)], ['embeddings', ['static user #0 "Embed this sentence."']]);
  });

  it('cohere-ai: v1 and v2 clients, chat, chatStream and embed', () => {
    const code = `import { CohereClient, CohereClientV2 } from 'cohere-ai';
const v1 = new CohereClient({ token: 't' });
const cohere = new CohereClientV2({ token: 't' });
await v1.chat({ model: 'command-r', message: 'Tell me a joke' });
await cohere.chat({ model: 'command-a-03-2025', maxTokens: 100, messages: [{ role: 'user', content: 'hello world!' }] });
await cohere.chatStream({ model: 'command-r-plus', messages: [] });
await cohere.embed({ model: 'embed-english-v3.0', texts: ['hello'], inputType: 'classification', embeddingTypes: ['float'] });
`;
    const [v1, v2, stream, embed] = calls(code);
    assert.deepEqual(promptOf(v1), ['static user #0 "Tell me a joke"']);
    assert.equal(summary(v2), 'cohere cohere-ai chat command-a-03-2025(literal)');
    assert.equal(v2.outputCap?.value, 100);
    assert.equal(stream.streaming, true);
    assert.deepEqual([embed.api, promptOf(embed)], ['embeddings', ['static user #0 "hello"']]);
  });
});
