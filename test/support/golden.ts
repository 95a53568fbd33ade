import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const GOLDEN_DIR = path.join(__dirname, '..', 'golden');

/**
 * Compares what the user sees with a golden file read in review. `UPDATE_GOLDEN=1 npm test`
 * rewrites the files; never edit them by hand.
 */
export function matchGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    if (!fs.existsSync(file) && process.env.CI) assert.fail(`golden file ${name} is missing (run UPDATE_GOLDEN=1 npm test)`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from test/golden/${name} (UPDATE_GOLDEN=1 npm test regenerates it)`);
}
