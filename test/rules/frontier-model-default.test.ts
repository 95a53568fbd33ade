import rule from '../../rules/frontier-model-default';
import { ruleTester } from '../support/rule-tester';

ruleTester.run('frontier-model-default', rule, {
  valid: [
    {
      lang: 'ts',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [] });`,
    },
    {
      lang: 'ts',
      name: 'a model the team allows in config',
      policy: { allowedModels: ['gpt-5'] },
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({ model: 'gpt-5', messages: [] });`,
    },
    {
      lang: 'ts',
      name: 'allowed by the rule option, matched through an alias',
      options: { allow: ['claude-opus-4-1'] },
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-opus-4-1-20250805', max_tokens: 10, messages: [] });`,
    },
    {
      lang: 'ts',
      name: 'a model only known at run time',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({ model: process.env.MODEL!, messages: [] });`,
    },
    {
      lang: 'py',
      name: 'py: a small model',
      code: `import anthropic
client = anthropic.Anthropic()
client.messages.create(model="claude-haiku-4-5", max_tokens=100, messages=[])`,
    },
    {
      lang: 'py',
      name: 'py: a model only known at run time',
      code: `import os
from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model=os.environ["MODEL"], messages=[])`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-opus-4-5', max_tokens: 100, messages: [] });`,
      errors: [
        {
          messageId: 'frontier',
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 56,
          suggestions: [
            {
              title: /^Switch to claude-sonnet-4-5-20250929 — saves ≈ \$/,
              output: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-sonnet-4-5-20250929', max_tokens: 100, messages: [] });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'ts',
      name: 'the default of an environment variable',
      code: `import OpenAI from 'openai';
const MODEL = process.env.MODEL ?? "gpt-5";
const client = new OpenAI();
await client.chat.completions.create({ model: MODEL, max_completion_tokens: 10, messages: [] });`,
      errors: [
        {
          messageId: 'frontier',
          line: 2,
          column: 36,
          endLine: 2,
          endColumn: 43,
          suggestions: [
            {
              output: `import OpenAI from 'openai';
const MODEL = process.env.MODEL ?? 'gpt-5-mini';
const client = new OpenAI();
await client.chat.completions.create({ model: MODEL, max_completion_tokens: 10, messages: [] });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'ts',
      name: 'a Vercel AI SDK model helper',
      code: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
await generateText({ model: openai('o3'), prompt: 'hi', maxOutputTokens: 10 });`,
      errors: [{ messageId: 'frontier', line: 3, column: 36, endLine: 3, endColumn: 40 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: a frontier model by literal',
      code: `import anthropic
client = anthropic.Anthropic()
client.messages.create(model="claude-opus-4-5", max_tokens=100, messages=[])`,
      errors: [
        {
          messageId: 'frontier',
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 47,
          suggestions: [
            {
              title: /^Switch to claude-sonnet-4-5-20250929 — saves ≈ \$/,
              output: `import anthropic
client = anthropic.Anthropic()
client.messages.create(model="claude-sonnet-4-5-20250929", max_tokens=100, messages=[])`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: the default of an environment variable',
      code: `import os
from openai import OpenAI
MODEL = os.getenv("MODEL", 'gpt-5')
client = OpenAI()
client.chat.completions.create(model=MODEL, max_completion_tokens=10, messages=[])`,
      errors: [
        {
          messageId: 'frontier',
          line: 3,
          column: 28,
          endLine: 3,
          endColumn: 35,
          suggestions: [
            {
              output: `import os
from openai import OpenAI
MODEL = os.getenv("MODEL", "gpt-5-mini")
client = OpenAI()
client.chat.completions.create(model=MODEL, max_completion_tokens=10, messages=[])`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
