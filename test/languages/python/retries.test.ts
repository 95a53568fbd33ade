import * as assert from 'node:assert/strict';
import type { RetryPolicy } from '../../../server/engine/facts';
import { at, only, useGrammar } from './support';

const HEADER = `import math
import sys
import time
import backoff
import openai
import tenacity
from openai import OpenAI
from tenacity import retry, stop_after_attempt, stop_after_delay, stop_never, wait_exponential, Retrying

client = OpenAI()
`;
const CALL = 'client.chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=10)';

/** Retry policies as [kind, maxAttempts, unbounded, text at range, boundKey, via]. */
const policies = (code: string, retry: RetryPolicy[]) => retry.map((r) => [r.kind, r.maxAttempts, r.unbounded, code.slice(r.range.start, r.range.end), r.boundKey ?? null, r.via ?? null]);

describe('python extractor: retries', () => {
  useGrammar();

  it('while True that swallows the error and goes round again: unbounded, not a per-item loop', () => {
    const code = `${HEADER}
def classify(ticket):
    while True:
        try:
            return ${CALL}
        except openai.RateLimitError:
            time.sleep(1)
`;
    const call = only(code);
    assert.deepEqual(policies(code, call.retry), [['loop', null, true, 'while True', null, null]]);
    assert.deepEqual([call.loop?.kind, call.loop?.perItem], ['while', false]);
  });

  it('bounded by a counter: in the condition, or by an exit on a comparison', () => {
    const condition = `${HEADER}
def a():
    attempt = 0
    while attempt < 5:
        try:
            return ${CALL}
        except Exception:
            attempt += 1
`;
    assert.deepEqual(policies(condition, only(condition).retry), [['loop', 5, false, 'while attempt < 5', null, null]]);
    const exit = `${HEADER}
def b():
    tries = 0
    while True:
        try:
            return ${CALL}
        except Exception:
            tries += 1
            if tries >= 3:
                raise
`;
    assert.deepEqual(policies(exit, only(exit).retry), [['loop', null, false, 'while True', null, null]]);
  });

  it('for attempt in range(n) with a break on success is a bounded retry', () => {
    const code = `${HEADER}
MAX_RETRIES = 4
for attempt in range(MAX_RETRIES):
    try:
        reply = ${CALL}
        break
    except openai.APIError:
        continue
`;
    const call = only(code);
    assert.deepEqual(policies(code, call.retry), [['loop', 4, false, 'for attempt in range(MAX_RETRIES)', null, null]]);
    assert.equal(call.loop?.perItem, false);
  });

  it('not retry loops: a worker loop without an exit on success, and a handler that re-raises', () => {
    const worker = `${HEADER}
while True:
    job = queue.get()
    try:
        ${CALL}
    except Exception as error:
        print(error)
`;
    assert.deepEqual(only(worker).retry, []);
    const reraise = `${HEADER}
while True:
    try:
        return ${CALL}
    except Exception:
        log()
        raise
`;
    assert.deepEqual(only(reraise).retry, []);
  });

  it('through a function of the same file called in such a loop: `via` names it', () => {
    const code = `${HEADER}
def summarize(text):
    return ${CALL}

def run(text):
    while True:
        try:
            return summarize(text)
        except Exception:
            pass
`;
    assert.deepEqual(policies(code, only(code).retry), [['loop', null, true, 'while True', null, 'summarize']]);
  });

  it('tenacity: @retry without stop is unbounded, stop_after_attempt(n) bounds it, stop_never does not', () => {
    const cases: [string, (string | number | boolean | null)[]][] = [
      ['@retry', ['decorator', null, true, 'retry', 'stop', null]],
      ['@retry(wait=wait_exponential(min=1, max=60))', ['decorator', null, true, 'retry', 'stop', null]],
      ['@retry(stop=stop_after_attempt(6))', ['decorator', 6, false, 'retry', 'stop', null]],
      ['@tenacity.retry(stop=stop_after_attempt(3) | stop_after_delay(30))', ['decorator', 3, false, 'tenacity.retry', 'stop', null]],
      ['@retry(stop=stop_after_delay(30))', ['decorator', null, false, 'retry', 'stop', null]],
      ['@retry(stop=stop_never)', ['decorator', null, true, 'retry', 'stop', null]],
    ];
    for (const [decorator, expected] of cases) {
      const code = `${HEADER}\n${decorator}\ndef ask():\n    return ${CALL}\n`;
      const call = only(code);
      assert.deepEqual(policies(code, call.retry), [expected], decorator);
      if (decorator.includes('(')) assert.deepEqual(call.retry[0].anchor?.kind, 'call', decorator);
    }
  });

  it('tenacity on a caller, and Retrying loops', () => {
    const caller = `${HEADER}
def ask():
    return ${CALL}

@retry(wait=wait_exponential())
def ask_with_retry():
    return ask()
`;
    assert.deepEqual(policies(caller, only(caller).retry), [['decorator', null, true, 'retry', 'stop', 'ask']]);
    const retrying = `${HEADER}
for attempt in Retrying(stop=stop_after_attempt(3)):
    with attempt:
        ${CALL}
`;
    const call = only(retrying);
    assert.deepEqual(policies(retrying, call.retry), [['library', 3, false, 'Retrying', 'stop', null]]);
    assert.equal(call.loop?.perItem, false);
  });

  it('backoff.on_exception: unbounded without max_tries or max_time; the anchor is its argument list', () => {
    const unbounded = `${HEADER}\n@backoff.on_exception(backoff.expo, openai.RateLimitError)\ndef ask():\n    return ${CALL}\n`;
    assert.deepEqual(only(unbounded).retry, [
      {
        kind: 'decorator',
        maxAttempts: null,
        unbounded: true,
        range: at(unbounded, 'backoff.on_exception'),
        anchor: { range: at(unbounded, '(backoff.expo, openai.RateLimitError)'), kind: 'call' },
        boundKey: 'max_tries',
      },
    ]);
    const bounded = `${HEADER}\n@backoff.on_exception(backoff.expo, openai.RateLimitError, max_tries=8)\ndef ask():\n    return ${CALL}\n`;
    assert.deepEqual(policies(bounded, only(bounded).retry), [['decorator', 8, false, 'backoff.on_exception', 'max_tries', null]]);
    const timed = `${HEADER}\n@backoff.on_exception(backoff.expo, Exception, max_time=60)\ndef ask():\n    return ${CALL}\n`;
    assert.deepEqual(policies(timed, only(timed).retry), [['decorator', null, false, 'backoff.on_exception', 'max_tries', null]]);
  });

  it('client max_retries: infinite, huge, and sane', () => {
    const cases: [string, number | null, boolean][] = [
      ['float("inf")', null, true],
      ['math.inf', null, true],
      ['sys.maxsize', 2 ** 63 - 1, true],
      ['10**6', 1_000_000, false],
      ['1_000', 1000, false],
      ['3', 3, false],
    ];
    for (const [value, maxAttempts, unbounded] of cases) {
      const code = `${HEADER}\nretrying = OpenAI(max_retries=${value})\nretrying.chat.completions.create(model="gpt-4o", messages=[], max_completion_tokens=10)\n`;
      const keyword = at(code, `max_retries=${value}`);
      const anchor = { range: { start: keyword.start + 'max_retries='.length, end: keyword.end }, kind: 'value' };
      assert.deepEqual(only(code).retry, [{ kind: 'client', maxAttempts, unbounded, range: keyword, anchor, boundKey: 'max_retries' }], value);
    }
  });
});
