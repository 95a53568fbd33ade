import * as assert from 'node:assert/strict';
import { progress } from '../../server/cli/progress';
import type { Cli } from '../../server/cli/main';

function cli(isTTY: boolean, env: NodeJS.ProcessEnv = {}): Cli & { err: string[] } {
  const err: string[] = [];
  return { cwd: '/', stdout: () => assert.fail('progress never writes to stdout'), stderr: (t) => err.push(t), isTTY, env, err };
}

describe('progress bar', () => {
  it('draws on stderr when it is a terminal, ending with a newline', () => {
    const tty = cli(true);
    const tick = progress(tty);
    assert.ok(tick);
    for (let i = 1; i <= 300; i++) tick(i, 300);
    assert.ok(tty.err.length >= 2);
    assert.equal(tty.err.at(-1), `\r[${'#'.repeat(30)}] 300/300 files\n`);
    assert.match(tty.err[0], /^\r\[#?\.+\] 1\/300 files$/);
  });

  it('is silent when not a terminal, in CI, and for short runs', () => {
    assert.equal(progress(cli(false)), undefined);
    assert.equal(progress(cli(true, { CI: 'true' })), undefined);
    const short = cli(true);
    const tick = progress(short);
    for (let i = 1; i <= 20; i++) tick?.(i, 20);
    assert.deepEqual(short.err, []);
  });
});
