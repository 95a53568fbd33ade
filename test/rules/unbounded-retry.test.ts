import rule from '../../rules/unbounded-retry';
import { ruleTester } from '../support/rule-tester';

ruleTester.run('unbounded-retry', rule, {
  valid: [
    {
      lang: 'ts',
      name: 'a retry loop bounded by a counter',
      code: `import OpenAI from 'openai';
const client = new OpenAI({ maxRetries: 3 });
export async function ask(q: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });
    } catch (error) {
      console.warn(error);
    }
  }
}`,
    },
    {
      lang: 'ts',
      name: 'an endless loop that gives up after a few attempts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  let tries = 0;
  while (true) {
    try {
      return await client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });
    } catch (error) {
      if (++tries >= 5) throw error;
    }
  }
}`,
    },
    {
      lang: 'ts',
      name: 'a worker loop is not a retry loop',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function work(queue: AsyncIterator<string>) {
  while (true) {
    const { value } = await queue.next();
    try {
      await client.responses.create({ model: 'gpt-5-mini', input: value, max_output_tokens: 50 });
    } catch (error) {
      console.warn(error);
    }
  }
}`,
    },
    {
      lang: 'py',
      name: 'py: a retry loop bounded by a counter',
      code: `from openai import OpenAI
client = OpenAI(max_retries=3)
def ask(q):
    attempt = 0
    while attempt < 3:
        try:
            return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)
        except Exception:
            attempt += 1`,
    },
    {
      lang: 'py',
      name: 'py: tenacity with a stop',
      code: `from openai import OpenAI
from tenacity import retry, stop_after_attempt
client = OpenAI()
@retry(stop=stop_after_attempt(3))
def ask(q):
    return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      name: 'while (true) that swallows errors',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  while (true) {
    try {
      return await client.responses.create({ model: 'gpt-5-mini', input: q, max_output_tokens: 50 });
    } catch (error) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}`,
      errors: [{ messageId: 'unbounded', line: 4, column: 3, endLine: 4, endColumn: 15 }],
      output: null,
    },
    {
      lang: 'ts',
      name: 'an endless retry through a function of the same file',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
function summarize(text: string) {
  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: text }] });
}
export async function run(text: string) {
  for (;;) {
    try {
      return await summarize(text);
    } catch {}
  }
}`,
      errors: [{ messageId: 'unbounded', line: 7, column: 3, endLine: 7, endColumn: 11 }],
      output: null,
    },
    {
      lang: 'ts',
      name: 'an infinite client maxRetries',
      code: `import OpenAI from 'openai';
const client = new OpenAI({ maxRetries: Infinity });
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 });`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          column: 29,
          endLine: 2,
          endColumn: 49,
          suggestions: [
            {
              title: 'Limit maxRetries to 3',
              output: `import OpenAI from 'openai';
const client = new OpenAI({ maxRetries: 3 });
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'ts',
      name: 'an absurd request-level maxRetries',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 }, { maxRetries: 50 });`,
      errors: [
        {
          messageId: 'tooMany',
          line: 3,
          column: 94,
          endLine: 3,
          endColumn: 108,
          suggestions: [
            {
              output: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 }, { maxRetries: 3 });`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'ts',
      name: 'p-retry forever',
      code: `import pRetry from 'p-retry';
import OpenAI from 'openai';
const client = new OpenAI();
await pRetry(() => client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 }), { forever: true });`,
      errors: [{ messageId: 'unbounded', line: 4, column: 7, endLine: 4, endColumn: 13, suggestions: [{ output: `import pRetry from 'p-retry';
import OpenAI from 'openai';
const client = new OpenAI();
await pRetry(() => client.responses.create({ model: 'gpt-5-mini', input: 'hi', max_output_tokens: 50 }), { forever: true, retries: 3 });` }] }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: while True that swallows errors',
      code: `import time
from openai import OpenAI
client = OpenAI()
def ask(q):
    while True:
        try:
            return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)
        except Exception:
            time.sleep(1)`,
      errors: [{ messageId: 'unbounded', line: 5, column: 5, endLine: 5, endColumn: 15 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: tenacity @retry without stop',
      code: `from openai import OpenAI
from tenacity import retry, wait_exponential
client = OpenAI()
@retry(wait=wait_exponential(min=1, max=60))
def ask(q):
    return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)`,
      errors: [{ messageId: 'unbounded', line: 4, column: 2, endLine: 4, endColumn: 7, suggestions: [] }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: backoff without max_tries',
      code: `import backoff
import openai
client = openai.OpenAI()
@backoff.on_exception(backoff.expo, openai.RateLimitError)
def ask(q):
    return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)`,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          column: 2,
          endLine: 4,
          endColumn: 22,
          suggestions: [
            {
              title: 'Limit max_tries to 3',
              output: `import backoff
import openai
client = openai.OpenAI()
@backoff.on_exception(backoff.expo, openai.RateLimitError, max_tries=3)
def ask(q):
    return client.responses.create(model="gpt-5-mini", input=q, max_output_tokens=50)`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: an infinite client max_retries',
      code: `from openai import OpenAI
client = OpenAI(max_retries=float("inf"))
client.responses.create(model="gpt-5-mini", input="hi", max_output_tokens=50)`,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 41,
          suggestions: [
            {
              title: 'Limit max_retries to 3',
              output: `from openai import OpenAI
client = OpenAI(max_retries=3)
client.responses.create(model="gpt-5-mini", input="hi", max_output_tokens=50)`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
