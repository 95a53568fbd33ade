import * as assert from 'node:assert/strict';
import { at, calls, only, useGrammar } from './support';

const HEADER = `import asyncio
from concurrent.futures import ThreadPoolExecutor
from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()
`;

describe('python extractor: loops', () => {
  useGrammar();

  it('a for loop: per item, its head from `for` to the iterable', () => {
    const code = `${HEADER}
def digest(tickets):
    for ticket in tickets:
        client.chat.completions.create(model="gpt-4o", messages=[])
`;
    const forLoop = at(code, `for ticket in tickets:\n        client.chat.completions.create(model="gpt-4o", messages=[])`);
    assert.deepEqual(only(code).loop, { kind: 'for', range: forLoop, headRange: at(code, 'for ticket in tickets'), perItem: true });
  });

  it('a while loop repeats rather than iterates', () => {
    const code = `${HEADER}
while queue:
    client.chat.completions.create(model="gpt-4o", messages=[])
`;
    const call = only(code);
    assert.deepEqual([call.loop?.kind, call.loop?.perItem, call.loop && code.slice(call.loop.headRange.start, call.loop.headRange.end)], ['while', false, 'while queue']);
  });

  it('list, set, dict comprehensions and generator expressions, but not their first iterable', () => {
    const code = `${HEADER}
a = [client.embeddings.create(model="text-embedding-3-small", input=t) for t in texts]
b = {client.embeddings.create(model="text-embedding-3-small", input=t) for t in texts if t}
c = {t: client.embeddings.create(model="text-embedding-3-small", input=t) for t in texts}
d = list(client.embeddings.create(model="text-embedding-3-small", input=t) for t in texts)
e = [t for t in client.embeddings.create(model="text-embedding-3-small", input="x").data]
`;
    assert.deepEqual(
      calls(code).map((c) => c.loop && [c.loop.kind, code.slice(c.loop.headRange.start, c.loop.headRange.end), c.loop.perItem]),
      [['comprehension', 'for t in texts', true], ['comprehension', 'for t in texts', true], ['comprehension', 'for t in texts', true], ['comprehension', 'for t in texts', true], null],
    );
  });

  it('asyncio.gather over a comprehension or a generator is a gather loop', () => {
    const code = `${HEADER}
async def run(items):
    await asyncio.gather(*[aclient.responses.create(model="gpt-4o", input=i) for i in items])
    await asyncio.gather(*(summarize(i) for i in items))

async def summarize(text):
    return await aclient.responses.create(model="gpt-4o-mini", input=text)
`;
    const [inline, via] = calls(code);
    const gather = at(code, 'asyncio.gather(*[aclient.responses.create(model="gpt-4o", input=i) for i in items])');
    assert.deepEqual(inline.loop, { kind: 'gather', range: gather, headRange: at(code, 'for i in items'), perItem: true });
    assert.deepEqual(via.loop, { kind: 'gather', range: at(code, 'asyncio.gather(*(summarize(i) for i in items))'), headRange: at(code, 'for i in items', 1), perItem: true });
  });

  it('map(): a lambda, a function of the file, and an executor', () => {
    const code = `${HEADER}
def summarize(text):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])

results = list(map(lambda t: client.embeddings.create(model="text-embedding-3-small", input=t), texts))
with ThreadPoolExecutor() as pool:
    summaries = pool.map(summarize, texts)
`;
    const [summarize, embed] = calls(code);
    assert.deepEqual(summarize.loop, { kind: 'map', range: at(code, 'pool.map(summarize, texts)'), headRange: at(code, 'pool.map'), perItem: true });
    assert.deepEqual(embed.loop?.kind, 'map');
    const lambdaMap = at(code, 'map(lambda');
    assert.deepEqual(embed.loop?.headRange, { start: lambdaMap.start, end: lambdaMap.start + 'map'.length });
  });

  it('a call in a function that the file calls from a loop is in that loop', () => {
    const code = `${HEADER}
def summarize(text):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])

def nightly(tickets):
    for ticket in tickets:
        summarize(ticket)
`;
    assert.deepEqual(only(code).loop?.headRange, at(code, 'for ticket in tickets'));
  });
});
