import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, textAt, useGrammar } from './support';

describe('python extractor: anthropic', () => {
  useGrammar();

  it('reads messages.create: model, cap, system, cache markers, metadata', () => {
    const code = `import anthropic

MODEL = "claude-sonnet-4-5-20250929"
LONG_SYSTEM_PROMPT = "You review pull requests. " + "Keep responses pragmatic. " * 3

client = anthropic.Anthropic()

def review(diff):
    return client.messages.create(
        model=MODEL,
        max_tokens=256,
        system=[
            {
                "type": "text",
                "text": LONG_SYSTEM_PROMPT,
                "cache_control": {"type": "ephemeral"},
            }
        ],
        messages=[{"role": "user", "content": f"Review: {diff}"}],
        metadata={"user_id": "reviewer"},
    )
`;
    const call = only(code);
    assert.deepEqual([call.provider, call.sdk, call.api, call.cacheSupport], ['anthropic', 'anthropic', 'messages', 'explicit']);
    assert.deepEqual(call.model, { value: 'claude-sonnet-4-5-20250929', source: 'constant', anchor: { range: at(code, '"claude-sonnet-4-5-20250929"'), kind: 'value' } });
    assert.deepEqual(call.outputCap, { key: 'max_tokens', value: 256, range: at(code, '256') });
    assert.deepEqual(promptOf(call), [
      'static system #0 "You review pull requests. " cached',
      `static system #0 ${JSON.stringify('Keep responses pragmatic. '.repeat(3))} cached`,
      'static user #0 "Review: "',
      'dynamic user #0 variable diff',
    ]);
    const block = at(code, `{\n                "type": "text",\n                "text": LONG_SYSTEM_PROMPT,\n                "cache_control": {"type": "ephemeral"},\n            }`);
    assert.deepEqual(call.prompt[0].kind === 'static' && call.prompt[0].anchor, { range: block, kind: 'map' });
    assert.deepEqual(call.metadata, { key: 'metadata', keys: ['user_id'], range: at(code, '{"user_id": "reviewer"}') });
  });

  it('top-level cache_control caches the leading static prefix', () => {
    const code = `from anthropic import Anthropic

client = Anthropic()
client.messages.create(model="claude-haiku-4-5", max_tokens=10, cache_control={"type": "ephemeral"}, system="Be brief.", messages=history)
`;
    assert.deepEqual(promptOf(only(code)), ['static system #0 "Be brief." cached', 'dynamic user #0 history history']);
  });

  it('reads streaming, beta, batch and parse calls', () => {
    const code = `from anthropic import AsyncAnthropic

client = AsyncAnthropic()

async def main():
    async with client.messages.stream(model="claude-sonnet-4-5", max_tokens=1024, messages=[]) as stream:
        pass
    await client.beta.messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[], betas=["x"])
    await client.messages.batches.create(requests=[])
    await client.messages.count_tokens(model="claude-sonnet-4-5", messages=[])
`;
    const found = calls(code);
    assert.deepEqual(
      found.map((c) => [textAt(code, c.calleeRange), c.api, c.streaming, c.batch]),
      [
        ['client.messages.stream', 'messages', true, false],
        ['client.beta.messages.create', 'messages', false, false],
        ['client.messages.batches.create', 'batch', false, true],
      ],
    );
  });

  it('Claude on Bedrock bills through Bedrock; on Vertex through Anthropic’s ids', () => {
    const code = `from anthropic import AnthropicBedrock, AnthropicVertex

def on_bedrock():
    client = AnthropicBedrock()
    client.messages.create(model="anthropic.claude-sonnet-4-5-20250929-v1:0", max_tokens=1024, messages=[])

def on_vertex():
    client = AnthropicVertex()
    client.messages.create(model="claude-sonnet-4@20250514", max_tokens=100, messages=[])
`;
    const [bedrock, vertex] = calls(code);
    assert.deepEqual([bedrock.provider, bedrock.model.value], ['bedrock', 'anthropic.claude-sonnet-4-5-20250929-v1:0']);
    assert.deepEqual([vertex.provider, vertex.model.value], ['anthropic', 'claude-sonnet-4@20250514']);
  });

  it('a message holding a list of blocks, and a prior assistant turn from a response', () => {
    const code = `from anthropic import Anthropic

client = Anthropic()
DOCUMENT = "Network topology reference."
client.messages.create(
    model="claude-sonnet-4-5",
    max_tokens=256,
    messages=[
        {
            "role": "user",
            "content": [
                {"type": "text", "text": DOCUMENT, "cache_control": {"type": "ephemeral"}},
                {"type": "text", "text": "Which host is the daily driver?"},
            ],
        },
        {"role": response.role, "content": response.content},
    ],
)
`;
    assert.deepEqual(promptOf(only(code)), [
      'static user #0 "Network topology reference." cached',
      'static user #0 "Which host is the daily driver?"',
      'dynamic user #1 variable response.content',
    ]);
  });
});
