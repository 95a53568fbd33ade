import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedLines, exportTree, mergeBase } from '../../server/diff/git';
import { tempRepo } from '../support/git';

describe('git helpers of --base', () => {
  it('reads changed lines from git diff -U0, for paths with spaces and quotes, and untracked files whole', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const { dir, git } = tempRepo({ 'src/a b.ts': lines(10), 'src/q"uote.ts': lines(5), 'src/gone.ts': lines(3) });
    const base = git('rev-parse', 'HEAD').trim();
    fs.writeFileSync(path.join(dir, 'src/a b.ts'), lines(10).replace('line 2\n', 'changed 2\n').replace('line 7\n', 'line 7\nadded 7b\nadded 7c\n'));
    fs.writeFileSync(path.join(dir, 'src/q"uote.ts'), lines(5).replace('line 4\n', ''));
    fs.rmSync(path.join(dir, 'src/gone.ts'));
    fs.writeFileSync(path.join(dir, 'src/new.ts'), 'x\n');
    const changed = changedLines(dir, base);
    assert.deepEqual(Object.fromEntries(changed), {
      'src/a b.ts': [[2, 2], [8, 9]],
      'src/q"uote.ts': [[3, 3]],
      'src/new.ts': [[1, Number.MAX_SAFE_INTEGER]],
    });
  });

  it('exports a commit to a temporary folder without touching the repository', () => {
    const { dir, git } = tempRepo({ 'a.ts': 'one\n' });
    fs.writeFileSync(path.join(dir, 'a.ts'), 'two\n');
    const commit = mergeBase(dir, 'main');
    const tree = exportTree(dir, commit);
    try {
      assert.equal(fs.readFileSync(path.join(tree, 'a.ts'), 'utf8'), 'one\n');
      assert.equal(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8'), 'two\n');
      assert.equal(git('status', '--porcelain'), ' M a.ts\n');
    } finally {
      fs.rmSync(tree, { recursive: true, force: true });
    }
  });
});
