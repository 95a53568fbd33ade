import * as assert from 'node:assert/strict';
import type { ModelRef } from '../../../server/engine/facts';
import { at, calls, only } from './support';

describe('typescript extractor: where the model comes from', () => {
  const code = `import OpenAI from 'openai';
const client = new OpenAI();
const MODEL = 'gpt-4.1-mini';
const FROM_ENV = process.env.OPENAI_MODEL ?? 'gpt-4o';
const MODELS = { fast: 'gpt-4.1-nano', smart: 'o3' } as const;
client.chat.completions.create({ model: 'gpt-5', messages: [] });
client.chat.completions.create({ model: MODEL, messages: [] });
client.chat.completions.create({ model: process.env['CHAT_MODEL'] || 'gpt-4o-mini', messages: [] });
client.chat.completions.create({ model: FROM_ENV, messages: [] });
client.chat.completions.create({ model: MODELS.fast, messages: [] });
client.chat.completions.create({ model: \`gpt-4o\`, messages: [] });
client.chat.completions.create({ model: process.env.ONLY_ENV!, messages: [] });
client.chat.completions.create({ model: pickModel(), messages: [] });
`;
  const models = (): ModelRef[] => calls(code).map((c) => c.model);

  it('a literal, a constant, an object member constant and a no-hole template', () => {
    const [literal, constant, , , member, template] = models();
    assert.deepEqual(literal, { value: 'gpt-5', source: 'literal', anchor: { range: at(code, `'gpt-5'`), kind: 'value' } });
    assert.deepEqual(constant, { value: 'gpt-4.1-mini', source: 'constant', anchor: { range: at(code, `'gpt-4.1-mini'`), kind: 'value' } });
    assert.deepEqual(member, { value: 'gpt-4.1-nano', source: 'constant', anchor: { range: at(code, `'gpt-4.1-nano'`), kind: 'value' } });
    assert.deepEqual(template, { value: 'gpt-4o', source: 'literal', anchor: { range: at(code, '`gpt-4o`'), kind: 'value' } });
  });

  it('process.env.X ?? / || a default, inline or through a constant; an env var alone; a call', () => {
    const [, , inline, viaConstant, , , envOnly, computed] = models();
    assert.deepEqual(inline, { value: 'gpt-4o-mini', source: 'env-default', envVar: 'CHAT_MODEL', anchor: { range: at(code, `'gpt-4o-mini'`), kind: 'value' } });
    assert.deepEqual(viaConstant, { value: 'gpt-4o', source: 'env-default', envVar: 'OPENAI_MODEL', anchor: { range: at(code, `'gpt-4o'`), kind: 'value' } });
    assert.deepEqual(envOnly, { value: null, source: 'unknown', envVar: 'ONLY_ENV' });
    assert.deepEqual(computed, { value: null, source: 'unknown' });
  });

  it('request options kept in a variable, and spread into the request', () => {
    const src = `import OpenAI from 'openai';
const client = new OpenAI();
const base = { model: 'o3', messages: [{ role: 'user' as const, content: 'q' }] };
const request = { ...base, max_completion_tokens: 5 };
client.chat.completions.create(request);
client.chat.completions.create({ ...base, model: 'o4-mini' });
`;
    const [kept, spread] = calls(src);
    assert.deepEqual([kept.model.value, kept.outputCap?.value, kept.prompt.length], ['o3', 5, 1]);
    assert.deepEqual(kept.model.anchor, { range: at(src, `'o3'`), kind: 'value' });
    // An explicit key wins over the spread constant.
    assert.equal(spread.model.value, 'o4-mini');
  });

  it('an SDK default: a client made with the model, used without one (LangChain)', () => {
    const src = `import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({ model: process.env.MODEL ?? 'gpt-4o-mini' });
await llm.invoke('x');
`;
    assert.deepEqual(only(src).model, { value: 'gpt-4o-mini', source: 'env-default', envVar: 'MODEL', anchor: { range: at(src, `'gpt-4o-mini'`), kind: 'value' } });
  });
});
