import * as assert from 'node:assert/strict';
import type { LlmCall } from '../../../server/engine/facts';
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

export { at, promptOf, textAt } from '../../support/facts';
