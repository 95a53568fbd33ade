import type { Tiktoken } from 'js-tiktoken/lite';

export type Encoding = 'o200k_base' | 'cl100k_base';

export interface TokenCount {
  tokens: number;
  /** False when approximated (encoder not loaded yet, or a provider without a public tokenizer). */
  exact: boolean;
}

/** Characters per token used before an encoder is loaded; documented in docs/estimates.md. */
export const APPROX_CHARS_PER_TOKEN = 4;

const encoders = new Map<Encoding, Tiktoken>();
const memo = new Map<string, number>();
const MEMO_LIMIT = 5000;

/**
 * Loading an encoder costs ~0.8 s and ~70 MB of heap, so it happens once per process, only for
 * the encodings a file needs, and never before a caller asks (`mode: 'lazy'`) or, in the editor,
 * never on the typing path (`mode: 'deferred'`: approximate until `load` has run elsewhere).
 */
export function loadEncoder(encoding: Encoding): Tiktoken {
  let encoder = encoders.get(encoding);
  if (!encoder) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Tiktoken: Encoder } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite');
    type Ranks = ConstructorParameters<typeof Encoder>[0];
    const module = (encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base')) as Ranks | { default: Ranks };
    const ranks = 'default' in module ? module.default : module;
    encoder = new Encoder(ranks);
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
  const tokens = loadEncoder(encoding).encode(text, [], []).length;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, tokens);
  return { tokens, exact: true };
}
