import * as assert from 'node:assert/strict';
import { promptTokens } from '../../../server/estimate/llm';
import { defaultUsage } from '../../../server/estimate/usage';
import { at, only, promptOf } from './support';

describe('typescript extractor: prompts', () => {
  it('template literals: static pieces with their exact ranges, holes dynamic', () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI();
client.responses.create({ model: 'gpt-5-mini', input: \`Summarise: \${doc}. Answer in one paragraph.\` });
`;
    const call = only(code);
    assert.deepEqual(promptOf(call), ['static user #0 "Summarise: "', 'dynamic user #0 variable doc', 'static user #0 ". Answer in one paragraph."']);
    // typescript-estree's quasi ranges include the template's delimiters (\` and \${ / } and \`).
    assert.deepEqual(call.prompt[0].range, at(code, '`Summarise: ${'));
    assert.deepEqual(call.prompt[1].range, at(code, 'doc'));
  });

  it('constants, concatenation and joined arrays are static; file reads and histories are sized apart', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
const anthropic = new Anthropic();
const RULES = 'You are a terse assistant.';
const HEADER = ['Hello', 'world!'].join(', ');
const FEW_SHOT = [{ role: 'user', content: 'Hello, world!' }, { role: 'assistant', content: 'Hi.' }];
anthropic.messages.create({
  model: 'claude-haiku-4-5',
  max_tokens: 100,
  system: RULES + ' ' + HEADER,
  messages: [...FEW_SHOT, ...history, { role: 'user', content: readFileSync('spec.md', 'utf8') }],
});
`;
    const call = only(code);
    assert.deepEqual(promptOf(call), [
      'static system #0 "You are a terse assistant."',
      'static system #0 " "',
      'static system #0 "Hello, world!"',
      'static user #0 "Hello, world!"',
      'static assistant #1 "Hi."',
      'dynamic user #2 history history',
      "dynamic user #3 file readFileSync('spec.md', 'utf8')",
    ]);
    // Static text counted with js-tiktoken (o200k_base): 6 + 1 + 4 + 4 + 2; dynamic parts by assumption.
    const usage = defaultUsage();
    const sized = promptTokens(call.prompt, 'o200k_base', usage);
    assert.equal(sized.staticTokens, 17);
    assert.deepEqual(sized.perPart, [6, 1, 4, 4, 2, usage.historyInputTokens.value, usage.fileInputTokens.value]);
    assert.equal(sized.dynamicTokens, usage.historyInputTokens.value + usage.fileInputTokens.value);
  });

  it('spread messages that are not a constant list are a chat history', () => {
    const code = `import OpenAI from 'openai';
const client = new OpenAI();
export async function reply(conversation: Msg[], question: string) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'developer', content: 'Be kind.' }, ...conversation.slice(-10), { role: 'user', content: question }] });
}
`;
    assert.deepEqual(promptOf(only(code)), ['static system #0 "Be kind."', 'dynamic user #1 call conversation.slice(-10)', 'dynamic user #2 variable question']);
  });
});
