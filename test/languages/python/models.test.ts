import * as assert from 'node:assert/strict';
import type { LlmCall, ModelRef } from '../../../server/engine/facts';
import { pythonExtractor } from '../../../server/languages/python';
import { at, calls, only, useGrammar } from './support';

/** The model of the one Anthropic call in `body`, which sees `model` as its model expression. */
function modelOf(before: string, model: string): { code: string; ref: ModelRef } {
  const code = `import os
from os import getenv, environ
from anthropic import Anthropic

client = Anthropic()
${before}
client.messages.create(model=${model}, max_tokens=10, messages=[])
`;
  return { code, ref: only(code).model };
}

describe('python extractor: models and names', () => {
  useGrammar();

  it('a literal, and a module constant', () => {
    const literal = modelOf('', '"claude-haiku-4-5"');
    assert.deepEqual(literal.ref, { value: 'claude-haiku-4-5', source: 'literal', anchor: { range: at(literal.code, '"claude-haiku-4-5"'), kind: 'value' } });
    const constant = modelOf('MODEL = "claude-haiku-4-5"', 'MODEL');
    assert.deepEqual(constant.ref, { value: 'claude-haiku-4-5', source: 'constant', anchor: { range: at(constant.code, '"claude-haiku-4-5"'), kind: 'value' } });
  });

  it('environment variables with a default: os.getenv, os.environ.get, getenv, `or`', () => {
    for (const [before, expression] of [
      ['', 'os.getenv("CLAUDE_MODEL", "claude-opus-4-1")'],
      ['', 'os.environ.get("CLAUDE_MODEL", "claude-opus-4-1")'],
      ['MODEL = getenv("CLAUDE_MODEL", default="claude-opus-4-1")', 'MODEL'],
      ['MODEL = environ.get("CLAUDE_MODEL") or "claude-opus-4-1"', 'MODEL'],
    ]) {
      const { code, ref } = modelOf(before, expression);
      assert.deepEqual(ref, { value: 'claude-opus-4-1', source: 'env-default', anchor: { range: at(code, '"claude-opus-4-1"'), kind: 'value' }, envVar: 'CLAUDE_MODEL' }, expression);
    }
  });

  it('an environment variable without a default is unknown, named', () => {
    assert.deepEqual(modelOf('', 'os.environ["CLAUDE_MODEL"]').ref, { value: null, source: 'unknown', envVar: 'CLAUDE_MODEL' });
    assert.deepEqual(modelOf('', 'os.getenv("CLAUDE_MODEL")').ref, { value: null, source: 'unknown', envVar: 'CLAUDE_MODEL' });
  });

  it('class attributes, settings objects, dict constants and parameter defaults', () => {
    const cases: [string, string][] = [
      ['class Config:\n    MODEL = "claude-haiku-4-5"', 'Config.MODEL'],
      ['class Settings:\n    model: str = "claude-haiku-4-5"\nsettings = Settings()', 'settings.model'],
      ['MODELS = {"fast": "claude-haiku-4-5", "smart": "claude-opus-4-1"}', 'MODELS["fast"]'],
    ];
    for (const [before, expression] of cases) {
      const { code, ref } = modelOf(before, expression);
      assert.deepEqual(ref, { value: 'claude-haiku-4-5', source: 'constant', anchor: { range: at(code, '"claude-haiku-4-5"'), kind: 'value' } }, expression);
    }
    const code = `from anthropic import Anthropic

class Bot:
    def __init__(self, model="claude-haiku-4-5"):
        self.client = Anthropic()
        self.model = model

    def ask(self, text):
        return self.client.messages.create(model=self.model, max_tokens=10, messages=[{"role": "user", "content": text}])
`;
    assert.deepEqual(only(code).model, { value: 'claude-haiku-4-5', source: 'constant', anchor: { range: at(code, '"claude-haiku-4-5"'), kind: 'value' } });
  });

  it('names are scoped: a function’s own binding wins over the module’s, and a loop target is unknown', () => {
    const code = `from anthropic import Anthropic

client = Anthropic()
model = "claude-opus-4-1"

def fast():
    model = "claude-haiku-4-5"
    return client.messages.create(model=model, max_tokens=10, messages=[])

def each(models):
    for model in models:
        client.messages.create(model=model, max_tokens=10, messages=[])

client.messages.create(model=model, max_tokens=10, messages=[])
`;
    assert.deepEqual(calls(code).map((c) => [c.enclosingFunction ?? null, c.model.value, c.model.source]), [
      ['fast', 'claude-haiku-4-5', 'constant'],
      ['each', null, 'unknown'],
      [null, 'claude-opus-4-1', 'constant'],
    ]);
  });

  it('follows `import x as y`, `from x import y as z`, and `import google.generativeai`', () => {
    const code = `import anthropic as ant
from anthropic import Anthropic as Claude
import google.generativeai

ant.Anthropic().messages.create(model="claude-haiku-4-5", max_tokens=1, messages=[])
Claude().messages.create(model="claude-haiku-4-5", max_tokens=1, messages=[])
google.generativeai.GenerativeModel("gemini-1.5-flash").generate_content("hi")
`;
    assert.deepEqual(calls(code).map((c) => c.provider), ['anthropic', 'anthropic', 'google']);
  });
});

describe('python extractor: clients made in another module of the project', () => {
  useGrammar();

  const files: Record<string, string> = {
    '/project/app/clients.py': 'import anthropic\nfrom openai import OpenAI as Client\n\nclaude = anthropic.Anthropic(max_retries=3)\nopenai_client = Client()\nMODEL = "claude-haiku-4-5"\n',
    '/project/app/__init__.py': '',
    '/project/app/llm/__init__.py': 'from ..clients import claude\n',
  };
  const project = { listDir: () => [], readText: (file: string) => files[file] };
  const extractAt = (path: string, code: string) =>
    pythonExtractor.extract({ path, text: code }, { wrappers: [], project }).facts.filter((f): f is LlmCall => f.kind === 'LlmCall');

  it('follows relative and absolute imports of a client to the module that makes it', () => {
    const code = `from .clients import claude
from app.clients import openai_client
from . import clients

claude.messages.create(model="claude-haiku-4-5", max_tokens=10, messages=[])
openai_client.responses.create(model="gpt-5-mini", input="hi")
clients.claude.messages.create(model="claude-haiku-4-5", max_tokens=10, messages=[])
`;
    const found = extractAt('/project/app/answer.py', code);
    assert.deepEqual(found.map((c) => [c.sdk, c.api]), [['anthropic', 'messages'], ['openai', 'responses'], ['anthropic', 'messages']]);
    // The other module's nodes never reach this file's facts: its client options stay there.
    assert.deepEqual(found[0].retry, []);
    assert.ok(pythonExtractor.mightContainFacts({ path: '/project/app/answer.py', text: code }, { wrappers: [], project }));
  });

  it('follows a re-export through a package __init__, and ignores names that are no client', () => {
    const code = `from app.llm import claude
from app.clients import MODEL

claude.messages.create(model=MODEL, max_tokens=10, messages=[])
`;
    const [call] = extractAt('/project/app/worker.py', code);
    assert.equal(call.provider, 'anthropic');
    // Constants of other modules are not followed: ranges are per file.
    assert.deepEqual(call.model, { value: null, source: 'unknown' });
  });
});
