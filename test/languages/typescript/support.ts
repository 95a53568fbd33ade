import * as assert from 'node:assert/strict';
import type { LlmCall } from '../../../server/engine/facts';
import type { ExtractResult, ProjectView, WrapperSignature } from '../../../server/languages/extractor';
import { typescriptExtractor } from '../../../server/languages/typescript';

const NO_PROJECT: ProjectView = { listDir: () => [], readText: () => undefined };

export function extract(code: string, options: { path?: string; wrappers?: WrapperSignature[]; project?: ProjectView } = {}): ExtractResult {
  return typescriptExtractor.extract({ path: options.path ?? '/project/src/app.ts', text: code }, { wrappers: options.wrappers ?? [], project: options.project ?? NO_PROJECT });
}

/** Every LLM call of a file that parses cleanly. */
export function calls(code: string, options: Parameters<typeof extract>[1] = {}): LlmCall[] {
  const result = extract(code, options);
  assert.deepEqual(result.errors, [], 'the code does not parse');
  return result.facts.filter((f): f is LlmCall => f.kind === 'LlmCall');
}

/** The one LLM call of a file. */
export function only(code: string, options: Parameters<typeof extract>[1] = {}): LlmCall {
  const found = calls(code, options);
  assert.equal(found.length, 1, `expected one call, found ${found.length}`);
  return found[0];
}

export { at, promptOf, textAt } from '../../support/facts';

/** A call in short: `provider sdk api model(source)`. */
export function summary(call: LlmCall): string {
  return `${call.provider} ${call.sdk} ${call.api} ${call.model.value ?? '?'}(${call.model.source})`;
}
