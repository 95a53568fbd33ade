import rule from '../../rules/unpriced-model';
import { ruleTester } from '../support/rule-tester';

ruleTester.run('unpriced-model', rule, {
  valid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini-2025-08-07', input: 'hi' });`,
    },
    {
      lang: 'ts',
      name: 'a routed id with a provider prefix',
      code: `import { generateText } from 'ai';
await generateText({ model: 'anthropic/claude-sonnet-4-5', prompt: 'hi' });`,
    },
    {
      lang: 'py',
      name: 'py: a dated id of a priced model',
      code: `from openai import OpenAI
client = OpenAI()
client.responses.create(model="gpt-5-mini-2025-08-07", input="hi", max_output_tokens=50)`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'ft:gpt-4o-mini:acme::abc123', input: 'hi' });`,
      errors: [{ messageId: 'model', line: 3, column: 40, endLine: 3, endColumn: 69 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: a fine-tuned model id',
      code: `from openai import OpenAI
client = OpenAI()
client.responses.create(model="ft:gpt-4o-mini:acme::abc123", input="hi", max_output_tokens=50)`,
      errors: [{ messageId: 'model', line: 3, column: 31, endLine: 3, endColumn: 60 }],
      output: null,
    },
  ],
});
