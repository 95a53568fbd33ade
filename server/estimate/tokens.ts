import { TokenCounter, type RankFile } from './bpe';

export type Encoding = 'o200k_base' | 'cl100k_base';

export interface TokenCount {
  tokens: number;
  /** False when approximated (encoder not loaded yet, or a provider without a public tokenizer). */
  exact: boolean;
}

/** Characters per token used before an encoder is loaded; documented in docs/estimates.md. */
export const APPROX_CHARS_PER_TOKEN = 4;

const encoders = new Map<Encoding, TokenCounter>();
const memo = new Map<string, number>();
const MEMO_LIMIT = 5000;

/**
 * An encoder is built once per process, only for the encodings a file needs, and never before a
 * caller asks (`mode: 'lazy'`) or, in the editor, never on the typing path (`mode: 'deferred'`:
 * approximate until `load` has run elsewhere). Only the rank file of that encoding is read.
 */
export function loadEncoder(encoding: Encoding): TokenCounter {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = (encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base')) as RankFile | { default: RankFile };
    encoder = new TokenCounter('default' in module ? module.default : module);
    encoders.set(encoding, encoder);
  }
  return encoder;
}

export function isEncoderLoaded(encoding: Encoding): boolean {
  return encoders.has(encoding);
}

export type TokenizerMode = 'lazy' | 'deferred';
let mode: TokenizerMode = 'lazy';

/** The CLI counts exactly (`lazy`); the language server approximates until it has loaded encoders off the typing path. */
export function setTokenizerMode(next: TokenizerMode): void {
  mode = next;
}

export function countTokens(text: string, encoding: Encoding): TokenCount {
  if (text.length === 0) return { tokens: 0, exact: true };
  const key = `${encoding}\u0000${text}`;
  const known = memo.get(key);
  if (known !== undefined) return { tokens: known, exact: true };
  if (mode === 'deferred' && !isEncoderLoaded(encoding)) {
    return { tokens: Math.ceil(text.length / APPROX_CHARS_PER_TOKEN), exact: false };
  }
  const tokens = loadEncoder(encoding).count(text);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, tokens);
  return { tokens, exact: true };
}
