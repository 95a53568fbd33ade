import type { Anchor, Range } from './facts';

/** A replacement of `range` in a file's text by `text`. */
export interface TextEdit {
  range: Range;
  text: string;
}

/** A reference to text already in the file, reused verbatim in an edit (same language, so neutral). */
export interface SourceText {
  $source: Range;
}

/** A language-neutral value an extractor renders in its own syntax. */
export type Value = string | number | boolean | null | SourceText | Value[] | { [key: string]: Value };

export namespace Value {
  export function source(range: Range): SourceText {
    return { $source: range };
  }

  export function isSource(value: Value): value is SourceText {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && '$source' in value;
  }
}

/**
 * The edit primitives an extractor supplies for its syntax. Rules build fixes from these and
 * never write code text themselves. Each returns the edits, or an empty list when the target
 * cannot be edited safely (a fix is then not offered).
 */
export interface SyntaxEdits {
  /** Set `key` in the map or call at `target`: add it, or replace its value if present. */
  setArgument(target: Anchor, key: string, value: Value): TextEdit[];
  /** Add `key` to the map or call at `target`, unless it is already there. */
  addKey(target: Anchor, key: string, value: Value): TextEdit[];
  /** Replace the value at `target`. */
  replaceLiteral(target: Anchor, value: Value): TextEdit[];
  /** Add tags/labels to the tag map at `target`, keeping existing ones. */
  addTags(target: Anchor, tags: Record<string, string>): TextEdit[];
}

export namespace TextEdit {
  /** Apply non-overlapping edits to a text (order does not matter). */
  export function apply(text: string, edits: readonly TextEdit[]): string {
    const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
    let out = text;
    let floor = Infinity;
    for (const edit of sorted) {
      if (edit.range.end > floor) throw new Error('overlapping edits');
      out = out.slice(0, edit.range.start) + edit.text + out.slice(edit.range.end);
      floor = edit.range.start;
    }
    return out;
  }

  /**
   * Edits written with `\n` line breaks, rewritten to the file's own line ends, so a fix in a
   * CRLF file keeps it CRLF (a lone `\r\n` already in an edit stays as is).
   */
  export function withLineEndsOf(text: string, edits: readonly TextEdit[]): TextEdit[] {
    const first = text.indexOf('\n');
    if (first <= 0 || text[first - 1] !== '\r') return [...edits];
    return edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r?\n/g, '\r\n') }));
  }
}

/** Edits for a file whose syntax offers none: every fix is simply not offered. */
export const noSyntaxEdits: SyntaxEdits = {
  setArgument: () => [],
  addKey: () => [],
  replaceLiteral: () => [],
  addTags: () => [],
};
