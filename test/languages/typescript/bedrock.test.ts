import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, summary, textAt } from './support';

describe('typescript extractor: bedrock runtime', () => {
  it('reads a Converse command: model constant, cap, system, cachePoint and request metadata', () => {
    const code = `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({ region: 'us-east-1' });
const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';

const command = new ConverseCommand({
  modelId: MODEL_ID,
  system: [{ text: 'You are a librarian.' }, { cachePoint: { type: 'default' } }],
  messages: [{ role: 'user', content: [{ text: userMessage }] }],
  inferenceConfig: { maxTokens: 512, temperature: 0.5 },
  requestMetadata: { team: 'docs' },
});
const response = await client.send(command);
`;
    const call = only(code);
    assert.equal(summary(call), 'bedrock @aws-sdk/client-bedrock-runtime converse anthropic.claude-3-haiku-20240307-v1:0(constant)');
    assert.equal(textAt(code, call.calleeRange), 'ConverseCommand');
    assert.deepEqual(call.model.anchor, { range: at(code, `'anthropic.claude-3-haiku-20240307-v1:0'`), kind: 'value' });
    assert.deepEqual(call.outputCap, { key: 'inferenceConfig.maxTokens', value: 512, range: at(code, '512') });
    assert.deepEqual(call.metadata?.keys, ['team']);
    assert.equal(call.cacheSupport, 'explicit');
    assert.deepEqual(promptOf(call), ['static system #0 "You are a librarian." cached', 'dynamic user #0 variable userMessage']);
  });

  it('reads InvokeModel’s provider body from JSON.stringify, and the streaming commands', () => {
    const code = `const { BedrockRuntimeClient, InvokeModelCommand, ConverseStreamCommand, InvokeModelWithResponseStreamCommand } = require('@aws-sdk/client-bedrock-runtime');
const client = new BedrockRuntimeClient({});
await client.send(new InvokeModelCommand({
  modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  contentType: 'application/json',
  body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 300, messages: [{ role: 'user', content: 'Hi' }] }),
}));
await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [] }));
await client.send(new InvokeModelWithResponseStreamCommand({ modelId: 'meta.llama3-8b-instruct-v1:0', body: JSON.stringify({ prompt: 'Tell me', max_gen_len: 128 }) }));
`;
    const [invoke, converseStream, invokeStream] = calls(code, { path: '/project/src/app.js' });
    assert.deepEqual([invoke.api, invoke.streaming, invoke.outputCap?.key, invoke.outputCap?.value], ['invoke', false, 'max_tokens', 300]);
    assert.deepEqual(promptOf(invoke), ['static user #0 "Hi"']);
    assert.deepEqual([converseStream.api, converseStream.streaming, converseStream.model.value], ['converse', true, 'amazon.nova-lite-v1:0']);
    assert.deepEqual([invokeStream.streaming, invokeStream.outputCap?.key, invokeStream.outputCap?.value], [true, 'max_gen_len', 128]);
    assert.deepEqual(promptOf(invokeStream), ['static user #0 "Tell me"']);
  });

  it('a command of another AWS client is no LLM call', () => {
    const code = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
new GetObjectCommand({ Bucket: 'b', Key: 'k' });
new ListFoundationModelsCommand({});
`;
    assert.deepEqual(calls(code), []);
  });
});
