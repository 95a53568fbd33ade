import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, textAt, useGrammar } from './support';

describe('python extractor: boto3 bedrock-runtime', () => {
  useGrammar();

  it('reads converse: modelId from an env default, system blocks, a cachePoint, inferenceConfig, requestMetadata', () => {
    const code = `import os
import boto3

MODEL_ID = os.getenv("BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0")
client = boto3.client("bedrock-runtime", region_name="us-east-1")

def ask(prompt_text, max_tokens=200):
    return client.converse(
        modelId=MODEL_ID,
        system=[{"text": "You are terse."}, {"cachePoint": {"type": "default"}}],
        messages=[{"role": "user", "content": [{"text": prompt_text}]}],
        inferenceConfig={"maxTokens": int(max_tokens), "temperature": 0.3},
        requestMetadata={"team": "support"},
    )
`;
    const call = only(code);
    assert.deepEqual([call.provider, call.sdk, call.api, call.cacheSupport], ['bedrock', 'boto3', 'converse', 'explicit']);
    assert.deepEqual(call.model, {
      value: 'anthropic.claude-3-haiku-20240307-v1:0',
      source: 'env-default',
      anchor: { range: at(code, '"anthropic.claude-3-haiku-20240307-v1:0"'), kind: 'value' },
      envVar: 'BEDROCK_MODEL_ID',
    });
    assert.deepEqual(call.outputCap, { key: 'inferenceConfig.maxTokens', value: 200, range: at(code, 'int(max_tokens)') });
    assert.deepEqual(promptOf(call), ['static system #0 "You are terse." cached', 'dynamic user #0 variable prompt_text']);
    assert.deepEqual(call.metadata, { key: 'requestMetadata', keys: ['team'], range: at(code, '{"team": "support"}') });
  });

  it('reads invoke_model with the provider’s JSON in body=json.dumps({...}), and fixes go into that body', () => {
    const code = `import boto3
import json

bedrock = boto3.client(service_name="bedrock-runtime", region_name="us-east-1")
response = bedrock.invoke_model(
    modelId="anthropic.claude-3-haiku-20240307-v1:0",
    body=json.dumps({
        "anthropic_version": "bedrock-2023-05-31",
        "messages": [{"role": "user", "content": "What is the capital of Laos?"}],
    }),
)
`;
    const call = only(code);
    assert.equal(call.api, 'invoke');
    assert.equal(call.outputCap, null);
    assert.equal(call.outputCapKey, 'max_tokens');
    assert.equal(call.metadataKey, null);
    assert.deepEqual(promptOf(call), ['static user #0 "What is the capital of Laos?"']);
    assert.deepEqual(call.options?.kind, 'map');
    assert.ok(call.options && textAt(code, call.options.range).startsWith('{\n        "anthropic_version"'));
  });

  it('reads invoke_model(**kwargs) and a body built in a variable; each model family’s own cap name', () => {
    const code = `import boto3, json

runtime = boto3.client("bedrock-runtime")
kwargs = {"modelId": "meta.llama3-70b-instruct-v1:0", "body": json.dumps({"prompt": "Hi", "max_gen_len": 512})}
runtime.invoke_model(**kwargs)
payload = {"inputText": "Summarise", "textGenerationConfig": {"maxTokenCount": 300}}
body = json.dumps(payload)
runtime.invoke_model_with_response_stream(modelId="amazon.titan-text-express-v1", body=body)
`;
    const [llama, titan] = calls(code);
    assert.deepEqual([llama.model.value, llama.outputCap?.key, llama.outputCap?.value], ['meta.llama3-70b-instruct-v1:0', 'max_gen_len', 512]);
    assert.deepEqual(promptOf(llama), ['static user #0 "Hi"']);
    assert.deepEqual([titan.streaming, titan.outputCap?.key, titan.outputCap?.value], [true, 'textGenerationConfig.maxTokenCount', 300]);
    assert.deepEqual(promptOf(titan), ['static user #0 "Summarise"']);
  });

  it('only the bedrock-runtime service makes model calls; sessions make clients too', () => {
    const code = `import boto3

s3 = boto3.client("s3")
s3.converse(modelId="x")
session = boto3.Session(profile_name="dev")
runtime = session.client("bedrock-runtime")
runtime.converse_stream(modelId="amazon.nova-lite-v1:0", messages=[])
`;
    const call = only(code);
    assert.deepEqual([textAt(code, call.calleeRange), call.streaming], ['runtime.converse_stream', true]);
  });

  it('reads botocore retries from the client config', () => {
    const code = `import boto3
from botocore.config import Config

runtime = boto3.client("bedrock-runtime", config=Config(retries={"max_attempts": 1000, "mode": "standard"}))
runtime.converse(modelId="amazon.nova-lite-v1:0", messages=[], inferenceConfig={"maxTokens": 10})
`;
    assert.deepEqual(only(code).retry, [
      { kind: 'client', maxAttempts: 1000, unbounded: false, range: at(code, '"max_attempts": 1000'), anchor: { range: at(code, '1000'), kind: 'value' }, boundKey: 'max_attempts' },
    ]);
  });
});
