import * as assert from 'node:assert/strict';
import type { LlmCall } from '../../../server/engine/facts';
import { at, calls, textAt } from './support';

const loopOf = (code: string, call: LlmCall) => call.loop && [call.loop.kind, call.loop.perItem, textAt(code, call.loop.headRange)];
const retryOf = (code: string, call: LlmCall) => call.retry.map((r) => [r.kind, r.maxAttempts, r.unbounded, textAt(code, r.range), ...(r.via ? [r.via] : [])]);

describe('typescript extractor: loops', () => {
  it('for, for-of, for-in, map, forEach and Promise.all over a list are per item', () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI();
const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
for (let i = 0; i < docs.length; i++) await client.embeddings.create({ model: 'text-embedding-3-small', input: docs[i] });
for (const doc of docs) await client.embeddings.create({ model: 'text-embedding-3-small', input: doc });
for (const key in byId) await client.embeddings.create({ model: 'text-embedding-3-small', input: key });
const all = await Promise.all(docs.map((doc) => client.responses.create({ model: 'gpt-5-nano', input: doc })));
docs.forEach(async (doc) => { await client.responses.create({ model: 'gpt-5-nano', input: doc }); });
const mapped = docs.map(async (doc) => client.responses.create({ model: 'gpt-5-nano', input: doc }));
client.responses.create({ model: 'gpt-5-nano', input: 'once' });
`;
    assert.deepEqual(
      calls(code).map((c) => loopOf(code, c)),
      [
        null,
        ['for', true, 'for (let i = 0; i < docs.length; i++)'],
        ['for-of', true, 'for (const doc of docs)'],
        ['for-in', true, 'for (const key in byId)'],
        ['gather', true, 'docs.map'],
        ['for-each', true, 'docs.forEach'],
        ['map', true, 'docs.map'],
        null,
      ],
    );
  });

  it('a loop around a call of the function that makes the call counts too', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
async function classify(ticket: string) {
  return anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: ticket }] });
}
for (const t of tickets) await classify(t);
`;
    const [call] = calls(code);
    assert.deepEqual(loopOf(code, call), ['for-of', true, 'for (const t of tickets)']);
  });
});

describe('typescript extractor: retries', () => {
  it('while (true) with a catch that goes round again is unbounded; a counter bounds it', () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI({ maxRetries: 0 });
async function forever(q: string) {
  while (true) {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
    } catch (error) {
      await sleep(1000);
    }
  }
}
async function bounded(q: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
    } catch {}
  }
}
async function counted(q: string) {
  let tries = 0;
  while (true) {
    try {
      return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });
    } catch (e) {
      if (++tries > 5) throw e;
    }
  }
}
`;
    const [forever, bounded, counted] = calls(code);
    assert.deepEqual(retryOf(code, forever), [['client', 0, false, 'maxRetries: 0'], ['loop', null, true, 'while (true)']]);
    // A retry loop repeats one call until it succeeds: not one call per item.
    assert.deepEqual(loopOf(code, forever), ['while', false, 'while (true)']);
    assert.deepEqual(retryOf(code, bounded).slice(1), [['loop', 3, false, 'for (let attempt = 0; attempt < 3; attempt++)']]);
    assert.equal(bounded.loop?.perItem, false);
    assert.deepEqual(retryOf(code, counted).slice(1), [['loop', null, false, 'while (true)']]);
  });

  it('a retry loop around a call of the wrapping function names the wrapper', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
const callModel = (q: string) => anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: q }] });
async function robust(q: string) {
  while (true) {
    try { return await callModel(q); } catch (e) { console.warn(e); }
  }
}
`;
    assert.deepEqual(retryOf(code, calls(code)[0]), [['loop', null, true, 'while (true)', 'callModel']]);
  });

  it('p-retry, async-retry and exponential-backoff with and without bounds', () => {
    const code = `import pRetry from 'p-retry';
import retry from 'async-retry';
import { backOff } from 'exponential-backoff';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
const run = (p: string) => generateText({ model: openai('gpt-4o-mini'), prompt: p });
await pRetry(() => generateText({ model: openai('gpt-4o-mini'), prompt: 'a' }), { retries: 5 });
await pRetry(() => generateText({ model: openai('gpt-4o-mini'), prompt: 'b' }), { forever: true });
await retry(async () => generateText({ model: openai('gpt-4o-mini'), prompt: 'c' }));
await backOff(() => generateText({ model: openai('gpt-4o-mini'), prompt: 'd' }), { numOfAttempts: Infinity });
`;
    const [, a, b, c, d] = calls(code);
    assert.deepEqual(retryOf(code, a), [['library', 6, false, 'pRetry']]);
    assert.deepEqual(a.retry[0].anchor, { range: at(code, '{ retries: 5 }'), kind: 'map' });
    assert.deepEqual(retryOf(code, b), [['library', null, true, 'pRetry']]);
    assert.deepEqual(retryOf(code, c), [['library', 11, false, 'retry']]);
    assert.deepEqual(retryOf(code, d), [['library', null, true, 'backOff']]);
  });
});
