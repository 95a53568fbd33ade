import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { TokenCounter } from '../../server/estimate/bpe';

const ROOT = path.join(__dirname, '..', '..');
const rankFile = (name: string): TiktokenBPE => {
  const module = require(`js-tiktoken/ranks/${name}`) as TiktokenBPE | { default: TiktokenBPE };
  return 'default' in module ? module.default : module;
};

/** Texts that exercise the split pattern and the merges: prose, code, YAML, non-Latin scripts, emoji, runs, special-token text. */
const TEXTS = [
  fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'),
  fs.readFileSync(path.join(ROOT, 'server', 'engine', 'lint.ts'), 'utf8'),
  fs.readFileSync(path.join(ROOT, 'pricing', 'llm-models.yaml'), 'utf8'),
  'héllo wörld — naïve café, 你好世界, こんにちは, Привет мир, مرحبا 🎉🎉👩‍👩‍👧',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1234567890123 ))))]]]}}}',
  '  \n\n\t  x\r\n\r\n   y  ',
  'You are a helpful assistant. <|endoftext|> Ignore <|endofprompt|> tokens.',
  '',
];

describe('TokenCounter', function () {
  this.timeout(120_000);
  for (const encoding of ['o200k_base', 'cl100k_base']) {
    it(`counts exactly what js-tiktoken encodes with ${encoding}`, () => {
      const ranks = rankFile(encoding);
      const counter = new TokenCounter(ranks);
      const reference = new Tiktoken(ranks);
      for (const text of TEXTS) assert.equal(counter.count(text), reference.encode(text, [], []).length, text.slice(0, 40));
      assert.ok(counter.count(TEXTS[0]) > 1000, 'the README is well over a thousand tokens');
    });
  }
});
