import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, textAt, useGrammar } from './support';

describe('python extractor: openai', () => {
  useGrammar();

  it('reads a chat completion: every field of the fact', () => {
    const code = `from openai import OpenAI

client = OpenAI()

completion = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[
        {"role": "system", "content": "You are a helpful math tutor."},
        {"role": "user", "content": "solve 8x + 31 = 2"},
    ],
)
`;
    const call = only(code);
    const args = at(code, `(\n    model="gpt-4o-mini",\n    messages=[\n        {"role": "system", "content": "You are a helpful math tutor."},\n        {"role": "user", "content": "solve 8x + 31 = 2"},\n    ],\n)`);
    assert.deepEqual(call, {
      kind: 'LlmCall',
      range: { start: at(code, 'client.chat.completions.create').start, end: args.end },
      calleeRange: at(code, 'client.chat.completions.create'),
      provider: 'openai',
      sdk: 'openai',
      api: 'chat',
      model: { value: 'gpt-4o-mini', source: 'literal', anchor: { range: at(code, '"gpt-4o-mini"'), kind: 'value' } },
      prompt: [
        {
          kind: 'static',
          role: 'system',
          text: 'You are a helpful math tutor.',
          range: at(code, '"You are a helpful math tutor."'),
          message: 0,
          cacheMarked: false,
          anchor: { range: at(code, '"You are a helpful math tutor."'), kind: 'value' },
        },
        {
          kind: 'static',
          role: 'user',
          text: 'solve 8x + 31 = 2',
          range: at(code, '"solve 8x + 31 = 2"'),
          message: 1,
          cacheMarked: false,
          anchor: { range: at(code, '"solve 8x + 31 = 2"'), kind: 'value' },
        },
      ],
      outputCap: null,
      outputCapKey: 'max_completion_tokens',
      cacheSupport: 'automatic',
      loop: null,
      retry: [],
      metadata: null,
      metadataKey: 'metadata',
      streaming: false,
      batch: false,
      options: { range: args, kind: 'call' },
      enclosingFunction: undefined,
    });
  });

  it('reads the module-level client and stream=True', () => {
    const code = `import openai

openai.api_key = "..."
stream = openai.chat.completions.create(
    model="gpt-5.5",
    messages=[{"role": "user", "content": "How do I list files?"}],
    stream=True,
)
`;
    const call = only(code);
    assert.equal(textAt(code, call.calleeRange), 'openai.chat.completions.create');
    assert.equal(call.streaming, true);
    assert.deepEqual(call.model, { value: 'gpt-5.5', source: 'literal', anchor: { range: at(code, '"gpt-5.5"'), kind: 'value' } });
  });

  it('reads the Responses API with instructions and its own cap name, through an aliased async client', () => {
    const code = `from openai import AsyncOpenAI as Client

client = Client()

async def answer(question: str):
    return await client.responses.create(
        model="gpt-5-mini",
        instructions="Answer in one paragraph.",
        input=question,
        max_output_tokens=300,
    )
`;
    const call = only(code);
    assert.equal(call.api, 'responses');
    assert.deepEqual(call.outputCap, { key: 'max_output_tokens', value: 300, range: at(code, '300') });
    assert.equal(call.outputCapKey, 'max_output_tokens');
    assert.equal(call.enclosingFunction, 'answer');
    assert.deepEqual(promptOf(call), ['static system #0 "Answer in one paragraph."', 'dynamic user #0 variable question']);
  });

  it('tells Azure OpenAI apart, and reads the old completions API cap', () => {
    const code = `from openai import AzureOpenAI, OpenAI

azure = AzureOpenAI(api_version="2024-06-01", azure_endpoint="https://example.openai.azure.com")
legacy = OpenAI()
azure.chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=100)
legacy.completions.create(model="gpt-3.5-turbo-instruct", prompt="Say this is a test")
`;
    const [chat, completion] = calls(code);
    assert.equal(chat.provider, 'azure-openai');
    assert.equal(chat.outputCap?.value, 100);
    assert.equal(completion.provider, 'openai');
    assert.equal(completion.outputCapKey, 'max_tokens');
    assert.deepEqual(promptOf(completion), ['static user #0 "Say this is a test"']);
  });

  it('reads structured-output parse calls, embeddings and batches', () => {
    const code = `from openai import OpenAI

client = OpenAI()
client.beta.chat.completions.parse(model="gpt-4o-2024-08-06", messages=[], response_format=Answer)
client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])
client.batches.create(input_file_id=file.id, endpoint="/v1/chat/completions", completion_window="24h")
`;
    const [parse, embed, batch] = calls(code);
    assert.deepEqual([parse.api, parse.outputCapKey], ['chat', 'max_completion_tokens']);
    assert.deepEqual([embed.api, embed.outputCapKey, embed.batch], ['embeddings', null, false]);
    assert.deepEqual(promptOf(embed), ['static user #0 "a"', 'static user #1 "b"']);
    assert.deepEqual([batch.api, batch.outputCapKey, batch.batch], ['batch', null, true]);
  });

  it('reads the 0.x module API (ChatCompletion.create) with its max_tokens', () => {
    const code = `import openai

def complete(prompt):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": prompt}], max_tokens=256)
`;
    const call = only(code);
    assert.deepEqual(call.outputCap, { key: 'max_tokens', value: 256, range: at(code, '256') });
    assert.deepEqual(promptOf(call), ['dynamic user #0 variable prompt']);
  });

  it('follows with_raw_response and with_options(max_retries=…) back to the client', () => {
    const code = `from openai import OpenAI

client = OpenAI(max_retries=2)
client.chat.completions.with_raw_response.create(model="gpt-4o", messages=[])
client.with_options(max_retries=5).chat.completions.create(model="gpt-4o", messages=[])
`;
    const [raw, withOptions] = calls(code);
    assert.equal(textAt(code, raw.calleeRange), 'client.chat.completions.with_raw_response.create');
    assert.deepEqual(
      withOptions.retry.map((r) => [r.kind, r.maxAttempts, r.unbounded, textAt(code, r.range), r.boundKey]),
      [
        ['client', 2, false, 'max_retries=2', 'max_retries'],
        ['client', 5, false, 'max_retries=5', 'max_retries'],
      ],
    );
  });

  it('reads options passed as **params from a dict literal, and fixes go into the dict', () => {
    const code = `from openai import OpenAI

client = OpenAI()
params = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "metadata": {"team": "search"}}
client.chat.completions.create(**params)
`;
    const call = only(code);
    assert.equal(call.model.value, 'gpt-4o');
    assert.deepEqual(call.options, { range: at(code, '{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], "metadata": {"team": "search"}}'), kind: 'map' });
    assert.deepEqual(call.metadata, { key: 'metadata', keys: ['team'], range: at(code, '{"team": "search"}') });
  });

  it('offers no place for a fix when **kwargs of unknown content may already hold the option', () => {
    const code = `from openai import OpenAI

client = OpenAI()

def completion_with_backoff(**kwargs):
    return client.chat.completions.create(**kwargs)
`;
    const call = only(code);
    assert.equal(call.options, null);
    assert.equal(call.model.source, 'unknown');
  });

  it('follows a client made once in __init__, a typed parameter, and a client passed by the file’s own callers', () => {
    const code = `from typing import Optional
from openai import OpenAI

class Tutor:
    def __init__(self):
        self.client = OpenAI()

    def ask(self, q):
        return self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])

def typed(client: Optional[OpenAI], q):
    return client.responses.create(model="gpt-4o", input=q)

def untyped(client, q):
    return client.embeddings.create(model="text-embedding-3-small", input=q)

untyped(OpenAI(), "hello")
`;
    const found = calls(code);
    assert.deepEqual(
      found.map((c) => [c.enclosingFunction, c.api]),
      [
        ['ask', 'chat'],
        ['typed', 'responses'],
        ['untyped', 'embeddings'],
      ],
    );
  });

  it('reads a client opened with `with … as client`', () => {
    const code = `import openai

with openai.OpenAI() as client:
    client.chat.completions.create(model="gpt-4o", messages=[])
`;
    assert.equal(only(code).provider, 'openai');
  });

  it('a look-alike object is not a call', () => {
    const code = `import openai

class Fake:
    chat = None

client = Fake()
client.chat.completions.create(model="gpt-4o", messages=[])
other = {"chat": 1}
other.chat.completions.create(model="gpt-4o")
openai.OpenAI
`;
    assert.deepEqual(calls(code), []);
  });
});
