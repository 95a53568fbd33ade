import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, summary, textAt } from './support';

describe('typescript extractor: LangChain', () => {
  it('a chat model constructed once and invoked: model, cap and retries come from the constructor', () => {
    const code = `import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';

const model = new ChatOpenAI({ model: 'gpt-4o-mini', temperature: 0, maxTokens: 256, maxRetries: 2 });
const reply = await model.invoke([new SystemMessage('Translate to Italian.'), new HumanMessage(text)]);
`;
    const call = only(code);
    assert.equal(summary(call), 'openai @langchain/openai chat gpt-4o-mini(literal)');
    assert.equal(textAt(code, call.calleeRange), 'model.invoke');
    assert.deepEqual(call.outputCap, { key: 'maxTokens', value: 256, range: at(code, '256') });
    assert.deepEqual(call.retry.map((r) => [r.kind, r.maxAttempts]), [['client', 2]]);
    assert.deepEqual(promptOf(call), ['static system #0 "Translate to Italian."', 'dynamic user #1 variable text']);
  });

  it('withStructuredOutput and bind keep the model; tuples give roles; stream is streaming', () => {
    const code = `import { ChatAnthropic } from '@langchain/anthropic';
const llm = new ChatAnthropic({ modelName: 'claude-3-haiku-20240307' });
const structured = llm.withStructuredOutput(schema);
await structured.invoke([['system', 'Be brief.'], ['human', question]]);
for await (const chunk of await llm.bind({ stop: ['\\n'] }).stream('Tell me a joke')) process.stdout.write(chunk.content);
`;
    const [invoke, stream] = calls(code);
    assert.equal(summary(invoke), 'anthropic @langchain/anthropic chat claude-3-haiku-20240307(literal)');
    assert.deepEqual(promptOf(invoke), ['static system #0 "Be brief."', 'dynamic user #1 variable question']);
    assert.deepEqual([stream.streaming, promptOf(stream)], [true, ['static user #0 "Tell me a joke"']]);
  });

  it('a model built but never invoked in the file still names what it bills; other providers by package', () => {
    const code = `import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { ChatBedrockConverse } from '@langchain/aws';
import { ChatMistralAI } from '@langchain/mistralai';
const gemini = new ChatGoogleGenerativeAI({ model: 'gemini-2.0-flash', maxOutputTokens: 2048 });
const agent = createReactAgent({ llm: new ChatBedrockConverse({ model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', region: 'us-east-1' }), tools });
const mistral = new ChatMistralAI({ model: 'mistral-large-latest' });
await mistral.invoke('hi');
`;
    assert.deepEqual(calls(code).map((c) => [summary(c), textAt(code, c.calleeRange)]), [
      ['google @langchain/google-genai chat gemini-2.0-flash(literal)', 'ChatGoogleGenerativeAI'],
      ['bedrock @langchain/aws chat anthropic.claude-3-5-sonnet-20240620-v1:0(literal)', 'ChatBedrockConverse'],
      ['mistral @langchain/mistralai chat mistral-large-latest(literal)', 'mistral.invoke'],
    ]);
  });
});
