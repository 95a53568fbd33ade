import rule from '../../rules/llm-call-in-loop';
import { ruleTester } from '../support/rule-tester';

ruleTester.run('llm-call-in-loop', rule, {
  valid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export const one = (q: string) => client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });`,
    },
    {
      lang: 'ts',
      name: 'a retry loop is not a per-item loop',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });
    } catch {}
  }
}`,
    },
    {
      lang: 'ts',
      name: 'a provider without a batch API',
      code: `import { CohereClientV2 } from 'cohere-ai';
const cohere = new CohereClientV2();
for (const text of texts) await cohere.chat({ model: 'command-r-08-2024', messages: [{ role: 'user', content: text }], maxTokens: 50 });`,
    },
    {
      lang: 'py',
      name: 'py: one call, no loop',
      code: `from openai import OpenAI
client = OpenAI()
def one(q):
    return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)`,
    },
    {
      lang: 'py',
      name: 'py: a tool-use loop where each call reads the last answer',
      code: `from openai import OpenAI
client = OpenAI()
def run_agent(message):
    response = client.responses.create(model="gpt-5-mini", input=message, max_output_tokens=50)
    for turn in range(10):
        outputs = [run_tool(item) for item in response.output]
        response = client.responses.create(model="gpt-5-mini", previous_response_id=response.id, input=outputs, max_output_tokens=50)`,
    },
    {
      lang: 'py',
      name: 'py: a retry loop is not a per-item loop',
      code: `from openai import OpenAI
client = OpenAI()
def ask(q):
    for attempt in range(3):
        try:
            return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)
        except Exception:
            continue`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function tagAll(tickets: string[]) {
  for (const ticket of tickets) {
    await client.chat.completions.create({ model: 'gpt-5-mini', max_completion_tokens: 10, messages: [{ role: 'user', content: ticket }] });
  }
}`,
      errors: [{ messageId: 'perItem', line: 5, column: 11, endLine: 5, endColumn: 41 }],
      output: null,
    },
    {
      lang: 'ts',
      name: 'Promise.all over a map',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
export const summarizeAll = (docs: string[]) =>
  Promise.all(docs.map((doc) => client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: doc }] })));`,
      errors: [{ messageId: 'perItem', line: 4, column: 33, endLine: 4, endColumn: 55 }],
      output: null,
    },
    {
      lang: 'ts',
      name: 'through a function of the same file',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
function tag(ticket: string) {
  return client.responses.create({ model: 'gpt-5-mini', input: ticket, max_output_tokens: 10 });
}
export async function tagAll(tickets: string[]) {
  for (const ticket of tickets) await tag(ticket);
}`,
      errors: [{ messageId: 'perItem', line: 4, column: 10, endLine: 4, endColumn: 33 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: a for loop over tickets',
      code: `from openai import OpenAI
client = OpenAI()
def tag_all(tickets):
    for ticket in tickets:
        client.responses.create(model="gpt-5-mini", input=ticket, max_output_tokens=5)`,
      errors: [{ messageId: 'perItem', line: 5, column: 9, endLine: 5, endColumn: 32 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: asyncio.gather over a comprehension',
      code: `import asyncio
from anthropic import AsyncAnthropic
client = AsyncAnthropic()
async def summarize_all(docs):
    return await asyncio.gather(*[client.messages.create(model="claude-haiku-4-5", max_tokens=100, messages=[{"role": "user", "content": d}]) for d in docs])`,
      errors: [{ messageId: 'perItem', line: 5, column: 35, endLine: 5, endColumn: 57 }],
      output: null,
    },
  ],
});
