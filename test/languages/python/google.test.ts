import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, textAt, useGrammar } from './support';

describe('python extractor: google-genai and google-generativeai', () => {
  useGrammar();

  it('reads generate_content with a GenerateContentConfig: cap, system instruction, labels', () => {
    const code = `from google import genai
from google.genai import types

client = genai.Client()
response = client.models.generate_content(
    model="gemini-2.5-flash",
    contents="Why is the sky blue?",
    config=types.GenerateContentConfig(
        system_instruction=["You're a language translator.", "Translate English to French."],
        max_output_tokens=400,
        labels={"team": "search"},
    ),
)
`;
    const call = only(code);
    assert.deepEqual([call.provider, call.sdk, call.api, call.cacheSupport], ['google', 'google-genai', 'generate', 'automatic']);
    assert.deepEqual(call.outputCap, { key: 'config.max_output_tokens', value: 400, range: at(code, '400') });
    assert.equal(call.outputCapKey, 'config.max_output_tokens');
    assert.deepEqual(call.metadata, { key: 'config.labels', keys: ['team'], range: at(code, '{"team": "search"}') });
    assert.deepEqual(promptOf(call), [
      `static system #0 "You're a language translator."`,
      'static system #0 "Translate English to French."',
      'static user #0 "Why is the sky blue?"',
    ]);
  });

  it('reads a config dict, the aio client, streams, embeddings and batches', () => {
    const code = `import google.genai as genai

client = genai.Client(api_key="k")
async_client = client.aio

async def run(question):
    await async_client.models.generate_content(model="gemini-2.5-pro", contents=[question], config={"max_output_tokens": 100})
    client.models.generate_content_stream(model="gemini-2.5-flash", contents="hi")
    client.models.embed_content(model="text-embedding-004", contents="why is the sky blue?")
    client.batches.create(model="gemini-2.5-flash", src="files/abc")
`;
    const found = calls(code);
    assert.deepEqual(
      found.map((c) => [textAt(code, c.calleeRange), c.api, c.outputCap?.value ?? null, c.streaming, c.batch]),
      [
        ['async_client.models.generate_content', 'generate', 100, false, false],
        ['client.models.generate_content_stream', 'generate', null, true, false],
        ['client.models.embed_content', 'embeddings', null, false, false],
        ['client.batches.create', 'batch', null, false, true],
      ],
    );
    assert.deepEqual(promptOf(found[0]), ['dynamic user #0 variable question']);
  });

  it('reads a chat: the model and config come from chats.create, the message from send_message', () => {
    const code = `from google import genai

client = genai.Client()
chat = client.chats.create(model="gemini-2.5-flash", config={"system_instruction": "Be terse."})
reply = chat.send_message("Tell me a story")
`;
    const call = only(code);
    assert.equal(textAt(code, call.calleeRange), 'chat.send_message');
    assert.deepEqual(call.model.value, 'gemini-2.5-flash');
    assert.deepEqual(promptOf(call), ['static system #0 "Be terse."', 'static user #0 "Tell me a story"']);
    assert.deepEqual(call.options, { range: at(code, '(model="gemini-2.5-flash", config={"system_instruction": "Be terse."})'), kind: 'call' });
  });

  it('reads Content and Part objects', () => {
    const code = `from google import genai
from google.genai import types

client = genai.Client()
client.models.generate_content(
    model="gemini-2.5-flash",
    contents=[
        types.Content(role="user", parts=[types.Part(text="Summarise:")]),
        types.Content(role="model", parts=[types.Part.from_text(text="Sure.")]),
        {"role": "user", "parts": [{"text": "the report"}]},
    ],
)
`;
    assert.deepEqual(promptOf(only(code)), ['static user #0 "Summarise:"', 'static assistant #1 "Sure."', 'static user #2 "the report"']);
  });

  it('reads GenerativeModel: positional model name, generation_config, system_instruction, chats', () => {
    const code = `import google.generativeai as genai

genai.configure(api_key="k")
model = genai.GenerativeModel(
    "gemini-1.5-flash",
    system_instruction="You are a cat.",
    generation_config={"temperature": 1, "max_output_tokens": 8192},
)
response = model.generate_content("Write a haiku")
chat = model.start_chat(history=[{"role": "user", "parts": ["Hello"]}, {"role": "model", "parts": ["Meow"]}])
chat.send_message("Why?")
genai.embed_content(model="models/text-embedding-004", content="hello")
`;
    const [generate, send, embed] = calls(code);
    assert.deepEqual(generate.model, { value: 'gemini-1.5-flash', source: 'literal', anchor: { range: at(code, '"gemini-1.5-flash"'), kind: 'value' } });
    assert.deepEqual(generate.outputCap, { key: 'generation_config.max_output_tokens', value: 8192, range: at(code, '8192') });
    assert.deepEqual(promptOf(generate), ['static system #0 "You are a cat."', 'static user #0 "Write a haiku"']);
    assert.deepEqual(promptOf(send), ['static system #0 "You are a cat."', 'static user #0 "Hello"', 'static assistant #1 "Meow"', 'static user #2 "Why?"']);
    // start_chat() takes no generation config: a fix writes on the model.
    assert.equal(send.options && textAt(code, send.options.range).startsWith('(\n    "gemini-1.5-flash"'), true);
    assert.deepEqual([embed.api, embed.model.value, embed.sdk], ['embeddings', 'models/text-embedding-004', 'google-generativeai']);
  });
});
