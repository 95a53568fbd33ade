import * as assert from 'node:assert/strict';
import type { LlmCall } from '../../../server/engine/facts';
import { lintSource } from '../../../server/engine/lint';
import { defaultSettings } from '../../../server/config/settings';
import { pythonExtractor } from '../../../server/languages/python';
import { extractorFor } from '../../../server/languages';
import { defaultCatalog } from '../../../pricing/catalog';
import missingMaxTokens from '../../../rules/missing-max-tokens';
import { at, extract, only, textAt, useGrammar } from './support';

const noProject = { wrappers: [], project: { listDir: () => [], readText: () => undefined } };

describe('python extractor: parsing, errors, comments, positions', () => {
  useGrammar();

  it('claims .py files that import an SDK, and leaves other files alone', () => {
    assert.equal(pythonExtractor.handlesPath('/app/agents/chat.py'), true);
    assert.equal(pythonExtractor.handlesPath('/app/agents/chat.pyi'), false);
    assert.equal(pythonExtractor.mightContainFacts({ path: '/app/chat.py', text: 'from openai import OpenAI\n' }, noProject), true);
    assert.equal(pythonExtractor.mightContainFacts({ path: '/app/chat.py', text: 'import os\nprint("openai")\n' }, noProject), false);
    assert.equal(pythonExtractor.mightContainFacts({ path: '/app/chat.py', text: 'from app.llm import ask_llm\nask_llm("x")\n' }, { ...noProject, wrappers: [{ name: 'ask_llm' }] }), true);
    assert.equal(extractorFor('/app/chat.py', 'import anthropic\n', noProject)?.id, 'python');
  });

  it('broken input gives one error with a range, never a throw, and the calls around it are still read', () => {
    const code = `from openai import OpenAI

client = OpenAI()

def broken(:
    pass

client.chat.completions.create(model="gpt-4o", messages=[])
`;
    const result = extract(code);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].message, /^Python syntax error: /);
    const range = result.errors[0].range!;
    assert.ok(range.start >= at(code, 'def broken(').start && range.end <= at(code, '    pass').end, `error at ${textAt(code, range)}`);
    assert.deepEqual(
      result.facts.map((f) => textAt(code, (f as LlmCall).calleeRange)),
      ['client.chat.completions.create'],
    );
  });

  it('survives truncated files and binary noise', () => {
    for (const code of ['from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "us', 'import anthropic\n\x00\x01\uFFFD(((', '']) {
      const result = extract(code);
      assert.ok(Array.isArray(result.facts));
      if (code) assert.ok(result.errors.length <= 1);
    }
  });

  it('ranges are UTF-16 offsets, after non-ASCII text and astral characters', () => {
    const code = `# Résumé 😀 — «prompts»
from openai import OpenAI
PROMPT = "Réponds en français 🇫🇷"
OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": PROMPT}])
`;
    const call = only(code);
    assert.equal(textAt(code, call.calleeRange), 'OpenAI().chat.completions.create');
    assert.deepEqual(call.prompt[0].range, at(code, '"Réponds en français 🇫🇷"'));
    assert.equal(call.prompt[0].kind === 'static' && call.prompt[0].text, 'Réponds en français 🇫🇷');
  });

  it('reads `#` comments without their marker, and CRLF files', () => {
    const code = '# costlint-disable-next-line missing-max-tokens -- capped by the gateway\r\nfrom openai import OpenAI\r\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\r\n';
    const result = extract(code);
    assert.deepEqual(result.comments, [{ text: ' costlint-disable-next-line missing-max-tokens -- capped by the gateway', range: { start: 0, end: code.indexOf('\r\n') } }]);
    assert.equal(textAt(code, (result.facts[0] as LlmCall).calleeRange), 'OpenAI().chat.completions.create');
  });

  it('a `#` suppression comment silences a finding on the next line', () => {
    const code = `from openai import OpenAI
client = OpenAI()
# costlint-disable-next-line missing-max-tokens -- the gateway caps output
client.chat.completions.create(model="gpt-4o", messages=[])
client.chat.completions.create(model="gpt-4o", messages=[])
`;
    const settings = defaultSettings(defaultCatalog(), new Map([[missingMaxTokens.id, { severity: 'warning' as const, options: missingMaxTokens.meta.options.parse({}) }]]));
    const report = lintSource({ path: '/project/app.py', text: code }, settings, [missingMaxTokens], { today: '2026-01-01' });
    assert.deepEqual(report.findings.map((f) => f.loc.line), [5]);
    assert.deepEqual(report.suppressed.map((f) => [f.loc.line, f.suppressed?.reason]), [[4, 'the gateway caps output']]);
  });
});

describe('python extractor: pathological input', () => {
  useGrammar();

  it('deep expressions and long concatenations neither overflow the stack nor lose text', () => {
    const deep = `x = ${'('.repeat(3000)}1${')'.repeat(3000)}`;
    const long = Array.from({ length: 2000 }, () => '"ab"').join(' + ');
    const code = `from openai import OpenAI
client = OpenAI()
while True:
    try:
        ${deep}
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ${long}}])
        break
    except Exception:
        pass
`;
    const result = extract(code);
    const [call] = result.facts as LlmCall[];
    assert.equal(call.prompt.length, 2000);
    assert.ok(call.prompt.every((p) => p.kind === 'static' && p.text === 'ab'));
    assert.deepEqual(call.retry.map((r) => [r.kind, r.unbounded]), [['loop', true]]);
  });
});
