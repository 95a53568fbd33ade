import * as assert from 'node:assert/strict';
import { TextEdit, Value, type SyntaxEdits } from '../../../server/engine/edits';
import type { Anchor, LlmCall } from '../../../server/engine/facts';
import { at, extract, only, useGrammar } from './support';

/** Applies an edit built on a file's one LLM call, checks the result parses, and that doing it again changes nothing more. */
function applyTo(code: string, edit: (edits: SyntaxEdits, call: LlmCall) => TextEdit[], again = true): string {
  const result = extract(code);
  const call = result.facts[0] as LlmCall;
  const edits = edit(result.edits, call);
  assert.ok(edits.length, 'no edit was offered');
  const out = TextEdit.apply(code, edits);
  assert.deepEqual(extract(out).errors, [], `the edited code does not parse:\n${out}`);
  if (again) {
    const second = extract(out);
    const twice = TextEdit.apply(out, edit(second.edits, second.facts[0] as LlmCall));
    assert.equal(twice, out, 'setting the same value again changes the code');
  }
  return out;
}

const cap = (key = 'max_completion_tokens', value: Value = 1024) => (edits: SyntaxEdits, call: LlmCall) => edits.setArgument(call.options!, key, value);

describe('python extractor: edit primitives', () => {
  useGrammar();

  it('adds a keyword argument to a one-line call, and to an empty one', () => {
    assert.equal(
      applyTo('from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n', cap()),
      'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=1024)\n',
    );
    assert.equal(
      applyTo('from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\nllm.invoke("hi")\n', cap('max_tokens')),
      'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(max_tokens=1024)\nllm.invoke("hi")\n',
    );
  });

  it('keeps one argument per line, with or without a trailing comma, and a trailing comment in place', () => {
    const withComma = `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(
    model="gpt-4o",
    messages=[],  # filled below
)
`;
    assert.equal(
      applyTo(withComma, cap()),
      `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(
    model="gpt-4o",
    messages=[],  # filled below
    max_completion_tokens=1024,
)
`,
    );
    const withoutComma = `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(
    model="gpt-4o",
    messages=[]  # filled below
)
`;
    assert.equal(
      applyTo(withoutComma, cap()),
      `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(
    model="gpt-4o",
    messages=[],  # filled below
    max_completion_tokens=1024
)
`,
    );
    const hanging = `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-4o",
                               messages=[])
`;
    assert.equal(
      applyTo(hanging, cap()),
      `from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="gpt-4o",
                               messages=[],
                               max_completion_tokens=1024)
`,
    );
  });

  it('replaces a value that is already there', () => {
    const code = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=100000)\n';
    const result = extract(code);
    const call = result.facts[0] as LlmCall;
    assert.deepEqual(result.edits.setArgument(call.options!, 'max_completion_tokens', 512), [{ range: at(code, '100000'), text: '512' }]);
    assert.deepEqual(result.edits.addKey(call.options!, 'max_completion_tokens', 512), []);
  });

  it('follows dot paths into a config call, a config dict, or writes a new dict', () => {
    const header = 'from google import genai\nfrom google.genai import types\nclient = genai.Client()\n';
    const key = 'config.max_output_tokens';
    assert.equal(
      applyTo(`${header}client.models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(temperature=0))\n`, cap(key)),
      `${header}client.models.generate_content(model="gemini-2.5-flash", contents="hi", config=types.GenerateContentConfig(temperature=0, max_output_tokens=1024))\n`,
    );
    assert.equal(
      applyTo(`${header}client.models.generate_content(model="gemini-2.5-flash", contents="hi", config={"temperature": 0})\n`, cap(key)),
      `${header}client.models.generate_content(model="gemini-2.5-flash", contents="hi", config={"temperature": 0, "max_output_tokens": 1024})\n`,
    );
    assert.equal(
      applyTo(`${header}client.models.generate_content(model="gemini-2.5-flash", contents="hi")\n`, cap(key)),
      `${header}client.models.generate_content(model="gemini-2.5-flash", contents="hi", config={"max_output_tokens": 1024})\n`,
    );
    assert.equal(
      applyTo(`${header}cfg = types.GenerateContentConfig()\nclient.models.generate_content(model="gemini-2.5-flash", contents="hi", config=cfg)\n`, cap(key)),
      `${header}cfg = types.GenerateContentConfig(max_output_tokens=1024)\nclient.models.generate_content(model="gemini-2.5-flash", contents="hi", config=cfg)\n`,
    );
  });

  it('a map anchor gets `"key": value`, in a multi-line dict too', () => {
    const code = `import boto3, json
runtime = boto3.client("bedrock-runtime")
runtime.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps({
    "anthropic_version": "bedrock-2023-05-31",
    "messages": [],
}))
`;
    assert.equal(
      applyTo(code, cap('max_tokens')),
      `import boto3, json
runtime = boto3.client("bedrock-runtime")
runtime.invoke_model(modelId="anthropic.claude-3-haiku-20240307-v1:0", body=json.dumps({
    "anthropic_version": "bedrock-2023-05-31",
    "messages": [],
    "max_tokens": 1024,
}))
`,
    );
  });

  it('addTags adds only the missing keys to a dict', () => {
    const code = `from openai import OpenAI
OpenAI().chat.completions.create(model="gpt-4o", messages=[], metadata={"team": "search"})
`;
    const out = applyTo(code, (edits, call) => edits.addTags({ range: call.metadata!.range, kind: 'map' }, { team: 'search', service: 'faq' }));
    assert.equal(out, `from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[], metadata={"team": "search", "service": "faq"})\n`);
  });

  it('replaceLiteral renders Python values in the file’s preferred quote', () => {
    const code = "from anthropic import Anthropic\nAnthropic().messages.create(model='claude-opus-4-1', max_tokens=1, system='It''s', messages=[])\n";
    const result = extract(code);
    const call = result.facts[0] as LlmCall;
    const anchor = call.model.anchor as Anchor;
    assert.deepEqual(result.edits.replaceLiteral(anchor, "claude-sonnet-4-5's"), [{ range: at(code, "'claude-opus-4-1'"), text: "'claude-sonnet-4-5\\'s'" }]);
    const system = call.prompt[0].kind === 'static' ? call.prompt[0].anchor! : anchor;
    const block = [{ type: 'text', text: Value.source(system.range), cache_control: { type: 'ephemeral' }, flag: true, none: null }];
    assert.deepEqual(result.edits.replaceLiteral(system, block), [
      { range: system.range, text: "[{'type': 'text', 'text': 'It''s', 'cache_control': {'type': 'ephemeral'}, 'flag': True, 'none': None}]" },
    ]);
  });

  it('offers nothing where an edit is not safe: a key that is no Python name, an unknown anchor', () => {
    const code = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n';
    const result = extract(code);
    const call = only(code);
    assert.deepEqual(result.edits.setArgument(call.options!, 'max-tokens', 1), []);
    assert.deepEqual(result.edits.setArgument({ range: { start: 0, end: 4 }, kind: 'map' }, 'x', 1), []);
  });
});
