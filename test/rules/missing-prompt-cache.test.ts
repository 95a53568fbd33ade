import rule from '../../rules/missing-prompt-cache';
import { ruleTester } from '../support/rule-tester';

/** About 1,300 tokens of stable instructions: over Anthropic's and OpenAI's minimum cacheable size. */
const POLICY = 'Refunds within 30 days; escalate disputes over $500 to billing; never share staff names. '.repeat(70).trim();

ruleTester.run('missing-prompt-cache', rule, {
  valid: [
    {
      lang: 'ts',
      name: 'a marked prefix',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  system: [{ type: 'text', text: '${POLICY}', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: question }],
});`,
    },
    {
      lang: 'ts',
      name: 'a short prefix is not worth caching',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: 'Be brief.', messages: [] });`,
    },
    {
      lang: 'ts',
      name: 'automatic caching with the static text first',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({
  model: 'gpt-5-mini',
  max_completion_tokens: 100,
  messages: [{ role: 'system', content: '${POLICY}' }, { role: 'user', content: question }],
});`,
    },
    {
      lang: 'py',
      name: 'py: a marked prefix',
      code: `import anthropic
client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=100,
    system=[{"type": "text", "text": "${POLICY}", "cache_control": {"type": "ephemeral"}}],
    messages=[{"role": "user", "content": question}],
)`,
    },
    {
      lang: 'py',
      name: 'py: a Bedrock cachePoint after the static prefix',
      code: `import boto3
client = boto3.client("bedrock-runtime")
client.converse(
    modelId="anthropic.claude-3-7-sonnet-20250219-v1:0",
    system=[{"text": "${POLICY}"}, {"cachePoint": {"type": "default"}}],
    messages=[{"role": "user", "content": [{"text": question}]}],
    inferenceConfig={"maxTokens": 100},
)`,
    },
  ],
  invalid: [
    {
      lang: 'ts',
      name: 'a long system string without cache_control',
      code: `import Anthropic from '@anthropic-ai/sdk';
const POLICY = '${POLICY}';
const client = new Anthropic();
export const ask = (question: string) =>
  client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: POLICY,
    messages: [{ role: 'user', content: question }],
  });`,
      errors: [{ messageId: 'noMarker', line: 8, column: 13, endLine: 8, endColumn: 19 }],
      output: `import Anthropic from '@anthropic-ai/sdk';
const POLICY = '${POLICY}';
const client = new Anthropic();
export const ask = (question: string) =>
  client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: question }],
  });`,
    },
    {
      lang: 'ts',
      name: 'a text block without cache_control',
      code: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  system: [{ type: 'text', text: '${POLICY}' }],
  messages: [],
});`,
      errors: [{ messageId: 'noMarker', line: 6, column: 34, endLine: 6, endColumn: 34 + POLICY.length + 2 }],
      output: `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();
await client.messages.create({
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  system: [{ type: 'text', text: '${POLICY}', cache_control: { type: 'ephemeral' } }],
  messages: [],
});`,
    },
    {
      lang: 'ts',
      name: 'static text after dynamic content, where caching is automatic',
      code: `import OpenAI from 'openai';
const client = new OpenAI();
await client.chat.completions.create({
  model: 'gpt-5-mini',
  max_completion_tokens: 100,
  messages: [{ role: 'user', content: question }, { role: 'user', content: '${POLICY}' }],
});`,
      errors: [{ messageId: 'staticAfterDynamic', line: 6, column: 76, endLine: 6, endColumn: 76 + POLICY.length + 2 }],
      output: null,
    },
    {
      lang: 'py',
      name: 'py: a long system constant without cache_control',
      code: `import anthropic
POLICY = """${POLICY}"""
client = anthropic.Anthropic()
def ask(question):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=100,
        system=POLICY,
        messages=[{"role": "user", "content": question}],
    )`,
      errors: [{ messageId: 'noMarker', line: 8, column: 16, endLine: 8, endColumn: 22 }],
      output: `import anthropic
POLICY = """${POLICY}"""
client = anthropic.Anthropic()
def ask(question):
    return client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=100,
        system=[{"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": question}],
    )`,
    },
    {
      lang: 'py',
      name: 'py: a text block without cache_control',
      code: `import anthropic
client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=100,
    system=[{"type": "text", "text": "${POLICY}"}],
    messages=[],
)`,
      errors: [{ messageId: 'noMarker', line: 6, column: 38, endLine: 6, endColumn: 38 + POLICY.length + 2 }],
      output: `import anthropic
client = anthropic.Anthropic()
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=100,
    system=[{"type": "text", "text": "${POLICY}", "cache_control": {"type": "ephemeral"}}],
    messages=[],
)`,
    },
    {
      lang: 'py',
      name: 'py: static text after dynamic content, where caching is automatic',
      code: `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(
    model="gpt-5-mini",
    max_completion_tokens=100,
    messages=[{"role": "user", "content": question}, {"role": "user", "content": "${POLICY}"}],
)`,
      errors: [{ messageId: 'staticAfterDynamic', line: 6, column: 82, endLine: 6, endColumn: 82 + POLICY.length + 2 }],
      output: null,
    },
  ],
});
