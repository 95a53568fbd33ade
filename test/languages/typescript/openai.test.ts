import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, summary, textAt } from './support';

describe('typescript extractor: openai', () => {
  it('reads a chat completion: every field of the fact', () => {
    const code = `import OpenAI from 'openai';

const client = new OpenAI();

const completion = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a helpful math tutor.' },
    { role: 'user', content: 'solve 8x + 31 = 2' },
  ],
});
`;
    const call = only(code);
    const request = at(code, `{\n  model: 'gpt-4o-mini',`);
    const requestEnd = code.lastIndexOf('});') + 1;
    assert.deepEqual(call, {
      kind: 'LlmCall',
      range: { start: at(code, 'client.chat.completions.create').start, end: requestEnd + 1 },
      calleeRange: at(code, 'client.chat.completions.create'),
      provider: 'openai',
      sdk: 'openai',
      api: 'chat',
      model: { value: 'gpt-4o-mini', source: 'literal', anchor: { range: at(code, `'gpt-4o-mini'`), kind: 'value' } },
      prompt: [
        {
          kind: 'static',
          role: 'system',
          text: 'You are a helpful math tutor.',
          range: at(code, `'You are a helpful math tutor.'`),
          message: 0,
          cacheMarked: false,
          anchor: { range: at(code, `'You are a helpful math tutor.'`), kind: 'value' },
        },
        {
          kind: 'static',
          role: 'user',
          text: 'solve 8x + 31 = 2',
          range: at(code, `'solve 8x + 31 = 2'`),
          message: 1,
          cacheMarked: false,
          anchor: { range: at(code, `'solve 8x + 31 = 2'`), kind: 'value' },
        },
      ],
      outputCap: null,
      outputCapKey: 'max_completion_tokens',
      cacheSupport: 'automatic',
      loop: null,
      retry: [],
      metadata: null,
      metadataKey: 'metadata',
      streaming: false,
      batch: false,
      options: { range: { start: request.start, end: requestEnd }, kind: 'map' },
      enclosingFunction: undefined,
    });
  });

  it('follows a renamed import, a namespace import and require()', () => {
    const code = `import { OpenAI as OA } from 'openai';
import * as sdk from 'openai';
const Legacy = require('openai');
const { AzureOpenAI } = require('openai');

const a = new OA();
const b = new sdk.OpenAI();
const c = new sdk.default();
const d = new Legacy();
const e = new AzureOpenAI({ deployment: 'gpt-4o', apiVersion: '2024-10-21' });
a.chat.completions.create({ model: 'gpt-4.1', messages: [] });
b.chat.completions.create({ model: 'gpt-4.1', messages: [] });
c.chat.completions.create({ model: 'gpt-4.1', messages: [] });
d.chat.completions.create({ model: 'gpt-4.1', messages: [] });
e.chat.completions.create({ model: 'gpt-4o', messages: [] });
`;
    assert.deepEqual(
      calls(code).map((c) => [textAt(code, c.calleeRange), c.provider]),
      [
        ['a.chat.completions.create', 'openai'],
        ['b.chat.completions.create', 'openai'],
        ['c.chat.completions.create', 'openai'],
        ['d.chat.completions.create', 'openai'],
        ['e.chat.completions.create', 'azure-openai'],
      ],
    );
  });

  it('follows dynamic import() and a default-export destructure', () => {
    const code = `async function main() {
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI();
  return client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 });
}
`;
    const call = only(code);
    assert.equal(summary(call), 'openai openai responses gpt-5-mini(literal)');
    assert.deepEqual(call.outputCap, { key: 'max_output_tokens', value: 50, range: at(code, '50') });
    assert.equal(call.enclosingFunction, 'main');
  });

  it('follows a client passed to an untyped parameter, and a default parameter value', () => {
    const code = `const OpenAI = require('openai');
const openai = new OpenAI({ maxRetries: 1 });
async function summarize(client, text) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
}
async function translate(text, client = new OpenAI()) {
  return client.responses.create({ model: 'gpt-4.1-mini', input: text });
}
summarize(openai, 'x');
`;
    const [summarize, translate] = calls(code, { path: '/project/src/app.js' });
    assert.equal(summary(summarize), 'openai openai chat gpt-4o(literal)');
    assert.deepEqual(summarize.retry.map((r) => r.maxAttempts), [1]);
    assert.equal(summary(translate), 'openai openai responses gpt-4.1-mini(literal)');
  });

  it('reads the Responses API with instructions and its own cap name', () => {
    const code = `import OpenAI from 'openai';
const openai = new OpenAI();
export async function answer(question: string) {
  return openai.responses.create({ model: 'gpt-5', instructions: 'Answer in one paragraph.', input: question });
}
`;
    const call = only(code);
    assert.equal(call.api, 'responses');
    assert.equal(call.outputCap, null);
    assert.equal(call.outputCapKey, 'max_output_tokens');
    assert.deepEqual(promptOf(call), ['static system #0 "Answer in one paragraph."', 'dynamic user #0 variable question']);
  });

  it('reads parse/stream helpers, the legacy completions API, embeddings and batches', () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI();
client.beta.chat.completions.parse({ model: 'gpt-4o-2024-08-06', messages: [], response_format: format });
client.chat.completions.stream({ model: 'gpt-4o', messages: [] });
client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test', max_tokens: 7 });
client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
`;
    const [parse, stream, legacy, embed, batch] = calls(code);
    assert.deepEqual([parse.api, parse.streaming], ['chat', false]);
    assert.deepEqual([stream.api, stream.streaming], ['chat', true]);
    assert.deepEqual([legacy.outputCapKey, legacy.outputCap?.value], ['max_tokens', 7]);
    assert.deepEqual(promptOf(legacy), ['static user #0 "Say this is a test"']);
    assert.deepEqual([embed.api, embed.outputCapKey], ['embeddings', null]);
    assert.deepEqual(promptOf(embed), ['static user #0 "a"', 'static user #1 "b"']);
    assert.deepEqual([batch.api, batch.batch, batch.outputCapKey], ['batch', true, null]);
  });

  it('reads stream: true, metadata keys and the cap on a request', () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI();
client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true, max_completion_tokens: 256, metadata: { team: 'search', feature: 'rerank' } });
`;
    const call = only(code);
    assert.equal(call.streaming, true);
    assert.deepEqual(call.outputCap, { key: 'max_completion_tokens', value: 256, range: at(code, '256') });
    assert.deepEqual(call.metadata, { key: 'metadata', keys: ['team', 'feature'], range: at(code, `{ team: 'search', feature: 'rerank' }`) });
  });

  it('a look-alike object that is no SDK client is not a call', () => {
    const code = `import OpenAI from 'openai';
import { Client } from './not-an-sdk';
const fake = { chat: { completions: { create: (x: unknown) => x } } };
fake.chat.completions.create({ model: 'gpt-4o', messages: [] });
class OpenAILike { chat = { completions: { create() {} } }; }
new OpenAILike().chat.completions.create({ model: 'gpt-4o' });
new Client().chat.completions.create({ model: 'gpt-4o' });
function send(openai: { chat: any }) { return openai.chat.completions.create({ model: 'gpt-4o' }); }
const client = new OpenAI();
client.models.list();
client.files.create({ file, purpose: 'batch' });
`;
    assert.deepEqual(calls(code), []);
  });
});
