import * as assert from 'node:assert/strict';
import { at, calls, only, promptOf, useGrammar } from './support';

/** One OpenAI chat call whose user content is `content`, with `before` written above it. */
const chat = (content: string, before = '') => `from openai import OpenAI
from pathlib import Path
import textwrap

client = OpenAI()
${before}
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ${content}}])
`;

describe('python extractor: prompts', () => {
  useGrammar();

  it('f-strings: text pieces are static (with their own ranges), holes are dynamic', () => {
    const code = chat('f"Ticket {ticket.id!r}: {body:>10} (thanks)"');
    const call = only(code);
    assert.deepEqual(
      call.prompt.map((p) => [p.kind, p.kind === 'static' ? p.text : p.expression, code.slice(p.range.start, p.range.end)]),
      [
        ['static', 'Ticket ', 'Ticket '],
        ['dynamic', 'ticket.id', 'ticket.id'],
        ['static', ': ', ': '],
        ['dynamic', 'body', 'body'],
        ['static', ' (thanks)', ' (thanks)'],
      ],
    );
  });

  it('escapes are decoded, raw strings are not, and doubled braces of f-strings are single', () => {
    const code = chat(`"Line one\\nLine \\"two\\"\\t\\u00e9" + r"C:\\temp" + f"{{json}} {x}"`);
    assert.deepEqual(promptOf(only(code)), [
      `static user #0 ${JSON.stringify('Line one\nLine "two"\té')}`,
      `static user #0 ${JSON.stringify('C:\\temp')}`,
      'static user #0 "{json} "',
      'dynamic user #0 variable x',
    ]);
  });

  it('triple-quoted constants and implicit concatenation are one static part, ranged on the literal', () => {
    const before = `SYSTEM = """You are a support assistant.
Answer briefly."""
RULES = ("Rule one. "
         "Rule two.")`;
    const code = chat('SYSTEM + RULES', before);
    const call = only(code);
    assert.deepEqual(promptOf(call), [`static user #0 ${JSON.stringify('You are a support assistant.\nAnswer briefly.')}`, 'static user #0 "Rule one. Rule two."']);
    assert.deepEqual(call.prompt[0].range, at(code, '"""You are a support assistant.\nAnswer briefly."""'));
    assert.deepEqual(call.prompt[1].range, at(code, '"Rule one. "\n         "Rule two."'));
    // A constant's text is reached through its name: a cache marker wraps the expression the call uses.
    assert.deepEqual(call.prompt[0].kind === 'static' && call.prompt[0].anchor, { range: at(code, 'SYSTEM + RULES'), kind: 'value' });
  });

  it('"\\n".join of literals, .format templates, textwrap.dedent and repeated text', () => {
    const code = chat(
      'PROMPT.format(name=user) + "\\n".join(["a", "b"]) + textwrap.dedent("""  x""").strip() + "ab" * 3',
      'PROMPT = "Hello {name}, welcome."',
    );
    assert.deepEqual(promptOf(only(code)), [
      'static user #0 "Hello , welcome."',
      'dynamic user #0 variable user',
      'static user #0 "a\\nb"',
      'static user #0 "  x"',
      'static user #0 "ababab"',
    ]);
  });

  it('a join mixing literals and values keeps each piece', () => {
    const code = chat('" ".join(["Question:", question, "Answer:"])');
    assert.deepEqual(promptOf(only(code)), ['static user #0 "Question:"', 'dynamic user #0 variable question', 'static user #0 "Answer:"']);
  });

  it('whole files read into the prompt are file parts, through a variable or inline', () => {
    const code = chat('f"Runbook: {runbook}\\n{Path(\'faq.md\').read_text()}"', 'runbook = open("docs/runbook.md").read()');
    assert.deepEqual(promptOf(only(code)), [
      'static user #0 "Runbook: "',
      'dynamic user #0 file runbook',
      'static user #0 "\\n"',
      "dynamic user #0 file Path('faq.md').read_text()",
    ]);
  });

  it('histories: a spread list, a list plus history, a message list grown elsewhere', () => {
    const code = `from openai import OpenAI

client = OpenAI()
messages = [{"role": "system", "content": "You are a bot."}]

def turn(history, text):
    client.chat.completions.create(model="gpt-4o", messages=[*history, {"role": "user", "content": text}])
    client.chat.completions.create(model="gpt-4o", messages=history + [{"role": "user", "content": text}])
    messages.append({"role": "user", "content": text})
    client.chat.completions.create(model="gpt-4o", messages=messages)
    client.chat.completions.create(model="gpt-4o", messages=build(text))
`;
    const found = calls(code);
    assert.deepEqual(found.map(promptOf), [
      ['dynamic user #0 history history', 'dynamic user #1 variable text'],
      ['dynamic user #0 history history', 'dynamic user #0 variable text'],
      ['static system #0 "You are a bot."', 'dynamic user #1 history messages'],
      ['dynamic user #0 call build(text)'],
    ]);
  });
});
