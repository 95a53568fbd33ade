import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/engine/source-file';

/** Line starts the plain way: after each `\n`, and after each `\r` not followed by `\n`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

describe('LineIndex', () => {
  it('gives every offset the line and column of the plain reading, with \\n, \\r\\n and lone \\r line ends', () => {
    const text = fc.array(fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '\t'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const index = new LineIndex(t);
        const starts = lineStarts(t);
        assert.equal(index.lineCount, starts.length);
        for (let offset = 0; offset <= t.length; offset++) {
          let line = 0;
          while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
          assert.deepEqual(index.positionAt(offset), { line, character: offset - starts[line] }, `offset ${offset} of ${JSON.stringify(t)}`);
        }
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
