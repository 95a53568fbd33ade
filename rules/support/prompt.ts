import type { LlmCall, PromptPart, Range } from '../../server/engine/facts';

export type StaticPart = Extract<PromptPart, { kind: 'static' }>;

const within = (range: Range, outer: Range) => range.start >= outer.start && range.end <= outer.end;

/**
 * Where to report on a prompt part: the text itself when it is written in the call, else where
 * the call uses it (`system: POLICY`), else the callee. Findings stay on the call's lines, so a
 * suppression comment above the call silences them.
 */
export function partRange(call: LlmCall, part: PromptPart): Range {
  if (within(part.range, call.range)) return part.range;
  if (part.kind === 'static' && part.anchor && within(part.anchor.range, call.range)) return part.anchor.range;
  return call.calleeRange;
}

/** The static parts before the first dynamic one: the prefix a provider can cache. */
export function leadingStatic(parts: readonly PromptPart[]): StaticPart[] {
  const prefix: StaticPart[] = [];
  for (const part of parts) {
    if (part.kind !== 'static') break;
    prefix.push(part);
  }
  return prefix;
}
