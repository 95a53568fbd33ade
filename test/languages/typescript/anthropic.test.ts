import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, summary, textAt } from './support';

describe('typescript extractor: anthropic', () => {
  it('reads messages.create with system, cap, metadata and the client made once as a class field', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';

const SYSTEM = 'You are a terse assistant.';

export class Summarizer {
  private readonly client = new Anthropic({ maxRetries: 4 });

  async summarize(text: string) {
    return this.client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: SYSTEM,
      metadata: { user_id: 'u-1' },
      messages: [{ role: 'user', content: \`Summarise: \${text}\` }],
    });
  }
}
`;
    const call = only(code);
    assert.equal(summary(call), 'anthropic @anthropic-ai/sdk messages claude-sonnet-4-5(literal)');
    assert.equal(textAt(code, call.calleeRange), 'this.client.messages.create');
    assert.deepEqual(call.outputCap, { key: 'max_tokens', value: 1024, range: at(code, '1024') });
    assert.equal(call.cacheSupport, 'explicit');
    assert.deepEqual(call.metadata?.keys, ['user_id']);
    assert.equal(call.enclosingFunction, 'summarize');
    // The system constant is followed to its text; the template's hole is dynamic.
    assert.deepEqual(promptOf(call), ['static system #0 "You are a terse assistant."', 'static user #0 "Summarise: "', 'dynamic user #0 variable text']);
    assert.deepEqual(call.prompt[0].range, at(code, `'You are a terse assistant.'`));
    assert.deepEqual(call.retry, [{ kind: 'client', maxAttempts: 4, unbounded: false, range: at(code, 'maxRetries: 4'), anchor: { range: { start: at(code, 'maxRetries: 4').end - 1, end: at(code, 'maxRetries: 4').end }, kind: 'value' }, boundKey: 'maxRetries' }]);
  });

  it('reads a client given as a typed constructor parameter and as a typed function parameter', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam } from '@anthropic-ai/sdk/resources';

class Agent {
  constructor(private readonly anthropic: Anthropic) {}
  run(history: MessageParam[]) {
    return this.anthropic.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 200, messages: history });
  }
}

export function ask(client: Anthropic, q: string) {
  return client.messages.create({ model: 'claude-opus-4-1', max_tokens: 10, messages: [{ role: 'user', content: q }] });
}
`;
    const [stream, ask] = calls(code);
    assert.deepEqual([summary(stream), stream.streaming], ['anthropic @anthropic-ai/sdk messages claude-haiku-4-5(literal)', true]);
    assert.deepEqual(promptOf(stream), ['dynamic user #0 history history']);
    assert.equal(summary(ask), 'anthropic @anthropic-ai/sdk messages claude-opus-4-1(literal)');
  });

  it('reads cache_control on a system block and on the request, and the beta and batch APIs', () => {
    const code = `import { Anthropic } from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
anthropic.messages.create({
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  system: [{ type: 'text', text: 'Long policy text', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: question }],
});
anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, cache_control: { type: 'ephemeral' }, system: 'Static rules', messages: [{ role: 'user', content: question }] });
anthropic.beta.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [], betas: ['x'] });
anthropic.messages.batches.create({ requests: [] });
`;
    const [block, top, beta, batch] = calls(code);
    assert.deepEqual(promptOf(block), ['static system #0 "Long policy text" cached', 'dynamic user #0 variable question']);
    assert.deepEqual(block.prompt[0].kind === 'static' && block.prompt[0].anchor, { range: at(code, `{ type: 'text', text: 'Long policy text', cache_control: { type: 'ephemeral' } }`), kind: 'map' });
    assert.deepEqual(promptOf(top), ['static system #0 "Static rules" cached', 'dynamic user #0 variable question']);
    assert.equal(beta.api, 'messages');
    assert.deepEqual([batch.api, batch.batch], ['batch', true]);
  });

  it('tells the Bedrock and Vertex clients apart by provider', () => {
    const code = `import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
const bedrock = new AnthropicBedrock({ awsRegion: 'us-east-1' });
const vertex = new AnthropicVertex({ region: 'us-east5', projectId: 'p' });
bedrock.messages.create({ model: 'anthropic.claude-3-5-haiku-20241022-v1:0', max_tokens: 10, messages: [] });
vertex.messages.create({ model: 'claude-sonnet-4@20250514', max_tokens: 10, messages: [] });
`;
    assert.deepEqual(calls(code).map(summary), [
      'bedrock @anthropic-ai/bedrock-sdk messages anthropic.claude-3-5-haiku-20241022-v1:0(literal)',
      'anthropic @anthropic-ai/sdk messages claude-sonnet-4@20250514(literal)',
    ]);
  });

  it('an infinite client maxRetries is an unbounded retry policy', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ maxRetries: Number.POSITIVE_INFINITY });
client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [] }, { maxRetries: 2 });
`;
    assert.deepEqual(only(code).retry.map((r) => [r.kind, r.maxAttempts, r.unbounded, textAt(code, r.range)]), [
      ['client', null, true, 'maxRetries: Number.POSITIVE_INFINITY'],
      ['client', 2, false, 'maxRetries: 2'],
    ]);
  });
});
