import rule from '../../rules/missing-max-tokens';
import { ruleTester } from '../support/rule-tester';

ruleTester.run('missing-max-tokens', rule, {
  valid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({ model: 'gpt-5', max_completion_tokens: 500, messages: [] });`,
    },
    {
      lang: 'ts',
      name: 'embeddings have no output to cap',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });`,
    },
    {
      lang: 'ts',
      name: 'a look-alike object is not an SDK client',
      code: `const client = { chat: { completions: { create: async (x: unknown) => x } } };
await client.chat.completions.create({ model: 'gpt-5', messages: [] });`,
    },
    {
      lang: 'py',
      name: 'py: a call with its cap',
      code: `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-5", max_completion_tokens=500, messages=[])`,
    },
    {
      lang: 'py',
      name: 'py: embeddings have no output to cap',
      code: `from openai import OpenAI
client = OpenAI()
client.embeddings.create(model="text-embedding-3-small", input="hello")`,
    },
    {
      lang: 'py',
      name: 'py: a look-alike object is not an SDK client',
      code: `class Fake:
    chat = None
client = Fake()
client.chat.completions.create(model="gpt-5", messages=[])`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({ model: 'gpt-5', messages: [] });`,
      errors: [{ messageId: 'noCap', line: 3, column: 7, endLine: 3, endColumn: 37 }],
      output: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({ model: 'gpt-5', messages: [], max_completion_tokens: 1024 });`,
    },
    {
      lang: 'ts',
      name: 'multi-line options keep their layout and trailing comma',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  return client.responses.create({
    model: 'gpt-5-mini',
    input: q,
  });
}`,
      options: { cap: 300 },
      errors: [{ messageId: 'noCap', line: 4, column: 10, endLine: 4, endColumn: 33 }],
      output: `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  return client.responses.create({
    model: 'gpt-5-mini',
    input: q,
    max_output_tokens: 300,
  });
}`,
    },
    {
      lang: 'py',
      name: 'py: a chat completion without a cap',
      code: `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-5", messages=[])`,
      errors: [{ messageId: 'noCap', line: 3, column: 1, endLine: 3, endColumn: 31 }],
      output: `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-5", messages=[], max_completion_tokens=1024)`,
    },
    {
      lang: 'py',
      name: 'py: one argument per line keeps its layout and trailing comma',
      code: `from openai import OpenAI
client = OpenAI()
def ask(q):
    return client.responses.create(
        model="gpt-5-mini",
        input=q,
    )`,
      options: { cap: 300 },
      errors: [{ messageId: 'noCap', line: 4, column: 12, endLine: 4, endColumn: 35 }],
      output: `from openai import OpenAI
client = OpenAI()
def ask(q):
    return client.responses.create(
        model="gpt-5-mini",
        input=q,
        max_output_tokens=300,
    )`,
    },
    {
      lang: 'py',
      name: 'py: Gemini’s cap goes into the config object',
      code: `from google import genai
from google.genai import types
client = genai.Client()
client.models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(temperature=0))`,
      errors: [{ messageId: 'noCap', line: 4, column: 1, endLine: 4, endColumn: 31 }],
      output: `from google import genai
from google.genai import types
client = genai.Client()
client.models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(temperature=0, max_output_tokens=1024))`,
    },
    {
      lang: 'py',
      name: 'py: a LangChain model gets the cap where it is built',
      code: `from langchain_anthropic import ChatAnthropic
llm = ChatAnthropic(model="claude-haiku-4-5")
llm.invoke("Summarise the ticket")`,
      errors: [{ messageId: 'noCap', line: 3, column: 1, endLine: 3, endColumn: 11 }],
      output: `from langchain_anthropic import ChatAnthropic
llm = ChatAnthropic(model="claude-haiku-4-5", max_tokens=1024)
llm.invoke("Summarise the ticket")`,
    },
  ],
});
