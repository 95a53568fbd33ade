import rule from '../../rules/oversized-prompt';
import { ruleTester } from '../support/rule-tester';

const LONG = 'Answer using the policy. '.repeat(30);

ruleTester.run('oversized-prompt', rule, {
  valid: [
    {
      lang: 'ts',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', instructions: 'Be brief.', input: 'hi', max_output_tokens: 50 });`,
    },
    {
      lang: 'ts',
      name: 'under the configured threshold',
      options: { maxStaticTokens: 1000 },
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', instructions: '${LONG}', input: 'hi', max_output_tokens: 50 });`,
    },
    {
      lang: 'py',
      name: 'py: a short instruction',
      code: `from openai import OpenAI
client = OpenAI()
client.responses.create(model="gpt-5-mini", instructions="Be brief.", input="hi", max_output_tokens=50)`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      name: 'a static prompt over the threshold, reported on the text',
      options: { maxStaticTokens: 100 },
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', instructions: '${LONG}', input: 'hi', max_output_tokens: 50 });`,
      errors: [{ messageId: 'largeStatic', line: 3, column: 68, endLine: 3, endColumn: 68 + LONG.length + 2 }],
      output: null,
    },
    {
      lang: 'ts',
      name: 'a static prompt kept in a constant, reported where the call uses it',
      options: { maxStaticTokens: 100 },
      code: `import OpenAI from 'openai';
const POLICY = \`${LONG}\`;
const client = new OpenAI();
await client.responses.create({ model: 'gpt-5-mini', instructions: POLICY, input: 'hi', max_output_tokens: 50 });`,
      errors: [{ messageId: 'largeStatic', line: 4, column: 68, endLine: 4, endColumn: 74 }],
      output: null,
    },
    {
      lang: 'ts',
      name: 'a whole file read into the prompt',
      code: `import * as fs from 'node:fs';
import OpenAI from 'openai';
const client = new OpenAI();
const doc = fs.readFileSync('manual.md', 'utf8');
await client.responses.create({ model: 'gpt-5-mini', input: \`Manual: \${doc}\`, max_output_tokens: 50 });`,
      errors: [{ messageId: 'wholeFile', line: 5, column: 72, endLine: 5, endColumn: 75 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: a static prompt kept in a constant, reported where the call uses it',
      options: { maxStaticTokens: 100 },
      code: `from openai import OpenAI
POLICY = (
    "${LONG}"
)
client = OpenAI()
client.responses.create(model="gpt-5-mini", instructions=POLICY, input="hi", max_output_tokens=50)`,
      errors: [{ messageId: 'largeStatic', line: 6, column: 58, endLine: 6, endColumn: 64 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: a whole file read into the prompt',
      code: `from pathlib import Path
from openai import OpenAI
client = OpenAI()
doc = Path("manual.md").read_text()
client.responses.create(model="gpt-5-mini", input=f"Manual: {doc}", max_output_tokens=50)`,
      errors: [{ messageId: 'wholeFile', line: 5, column: 62, endLine: 5, endColumn: 65 }],
      output: null,
    },
  ],
});
