import { Composer, LineCounter, Parser, type CST, type Document, type Tags } from 'yaml';
import type { Range } from '../../engine/facts';
import type { Comment, ExtractError } from '../extractor';

/** One `---`-separated document of a YAML stream, with the errors found in it. */
export interface YamlDocument {
  /** 0-based position in the stream. */
  index: number;
  doc: Document.Parsed;
  /** From the document's first token to its end (the next `---` or the end of the text). */
  range: Range;
  /** Parse errors in this document (other documents are still read). */
  errors: ExtractError[];
  /** Why the document must not be read at all (an alias bomb), when it must not. */
  rejected?: string;
}

export interface YamlStream {
  text: string;
  documents: YamlDocument[];
  comments: Comment[];
  lines: LineCounter;
}

export interface YamlParseOptions {
  /** Application tags (`!Ref`, `!Sub`…) to accept without a warning. */
  customTags?: Tags;
  /**
   * Alias expansions allowed per document before it is rejected as a resource-exhaustion
   * attack ("billion laughs"); the `yaml` package counts nested aliases the same way.
   */
  maxAliasCount?: number;
}

export const DEFAULT_MAX_ALIAS_COUNT = 100;

/**
 * Parses every document of a YAML (or JSON) text, keeping source positions. Offsets are
 * UTF-16 indices into `text` itself (a BOM included), so they are file positions as is.
 * Never throws: a broken document carries its errors and the others stay readable.
 */
export function parseYamlStream(text: string, options: YamlParseOptions = {}): YamlStream {
  const lines = new LineCounter();
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const composer = new Composer({ customTags: options.customTags ?? [], merge: true, keepSourceTokens: false, prettyErrors: true });
  const docs = Array.from(composer.compose(tokens, true, text.length));
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const documents = docs.map((doc, index): YamlDocument => {
    // The parser places end-of-input errors one past the text; clamp them so ranges stay in the file.
    const at = (offset: number) => Math.max(0, Math.min(offset, text.length));
    const errors: ExtractError[] = doc.errors.map((e) => ({ message: firstLine(e.message), range: { start: at(e.pos[0]), end: at(Math.max(e.pos[0], e.pos[1])) } }));
    const result: YamlDocument = { index, doc, range: { start: doc.range[0], end: doc.range[2] }, errors };
    const bomb = aliasBomb(doc, maxAliasCount);
    if (bomb) {
      result.rejected = bomb;
      errors.push({ message: `document ${index + 1}: ${bomb}`, range: { start: doc.range[0], end: doc.range[0] } });
    }
    return result;
  });
  return { text, documents, comments: collectComments(tokens), lines };
}

/** Rejects a document whose aliases expand past the limit, before anything walks it. */
function aliasBomb(doc: Document.Parsed, maxAliasCount: number): string | undefined {
  try {
    // Maps as Map: keys that are collections convert without a process warning.
    doc.toJS({ maxAliasCount, mapAsMap: true });
    return undefined;
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/Excessive alias count/i.test(message)) {
      return `more than ${maxAliasCount} alias expansions (a YAML alias bomb?): document not read`;
    }
    // Other conversion failures (an alias to an undefined anchor) are already parse errors.
    return undefined;
  }
}

/** Comments from the token stream: block scalars keep their `#` lines as text, never as comments. */
function collectComments(tokens: readonly CST.Token[]): Comment[] {
  const comments: Comment[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    const token = value as { type?: string; offset?: number; source?: string };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      comments.push({ text: token.source.slice(1), range: { start: token.offset, end: token.offset + token.source.length } });
      return;
    }
    for (const key of Object.keys(token)) if (key !== 'source') walk((token as Record<string, unknown>)[key]);
  };
  walk(tokens);
  return comments.sort((a, b) => a.range.start - b.range.start);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/:$/, '');
}
