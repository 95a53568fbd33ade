import * as assert from 'node:assert/strict';
import type { LlmCall, PromptPart, Range } from '../../../server/engine/facts';
import { initExtractors } from '../../../server/languages';
import type { ExtractResult, WrapperSignature } from '../../../server/languages/extractor';
import { pythonExtractor } from '../../../server/languages/python';

/** Loads the Python grammar once for a suite. */
export function useGrammar(): void {
  before(() => initExtractors());
}

export function extract(code: string, wrappers: WrapperSignature[] = []): ExtractResult {
  return pythonExtractor.extract({ path: '/project/app.py', text: code }, { wrappers, project: { listDir: () => [], readText: () => undefined } });
}

/** Every LLM call of a file that parses cleanly. */
export function calls(code: string, wrappers: WrapperSignature[] = []): LlmCall[] {
  const result = extract(code, wrappers);
  assert.deepEqual(result.errors, [], 'the code does not parse');
  return result.facts.filter((f): f is LlmCall => f.kind === 'LlmCall');
}

/** The one LLM call of a file. */
export function only(code: string, wrappers: WrapperSignature[] = []): LlmCall {
  const found = calls(code, wrappers);
  assert.equal(found.length, 1, `expected one call, found ${found.length}`);
  return found[0];
}

/** The exact range of the `nth` occurrence of `snippet` in `code`. */
export function at(code: string, snippet: string, nth = 0): Range {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = code.indexOf(snippet, start + 1);
    assert.ok(start >= 0, `"${snippet}" (occurrence ${nth}) is not in the code`);
  }
  return { start, end: start + snippet.length };
}

/** The source text a range covers. */
export function textAt(code: string, range: Range): string {
  return code.slice(range.start, range.end);
}

/** Prompt parts in a compact form: `static system "text"`, `dynamic user history messages`. */
export function promptOf(call: LlmCall): string[] {
  return call.prompt.map((p: PromptPart) =>
    p.kind === 'static'
      ? `static ${p.role} #${p.message} ${JSON.stringify(p.text)}${p.cacheMarked ? ' cached' : ''}`
      : `dynamic ${p.role} #${p.message} ${p.source} ${p.expression}`,
  );
}
