import * as assert from 'node:assert/strict';
import type { LlmCall, PromptPart, Range } from '../../server/engine/facts';

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

/** Prompt parts in a compact form: `static system #0 "text"`, `dynamic user #1 history messages`. */
export function promptOf(call: LlmCall): string[] {
  return call.prompt.map((p: PromptPart) =>
    p.kind === 'static'
      ? `static ${p.role} #${p.message} ${JSON.stringify(p.text)}${p.cacheMarked ? ' cached' : ''}`
      : `dynamic ${p.role} #${p.message} ${p.source} ${p.expression}`,
  );
}
