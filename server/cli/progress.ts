import type { Cli } from './main';

/** A progress line on stderr for long runs on a terminal; silent otherwise (CI logs stay clean). */
export function progress(cli: Cli): ((done: number, total: number) => void) | undefined {
  if (!cli.isTTY || cli.env.CI) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (total < 200 || (now - last < 100 && done < total)) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    cli.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files${done === total ? '\n' : ''}`);
  };
}
