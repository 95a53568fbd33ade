// The extension tests' entry, in @vscode/test-electron's contract: the editor loads this module
// (extensionTestsPath) in its extension host and awaits run(). The same bundle runs under
// test-electron (`npm run test:vscode`) and code-server (`npm run test:e2e`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The extension host ignores assignments to console.log; mocha reporters print through
  // Base.consoleLog, which can be replaced, so the runner can read the results from a file.
  const logFile = process.env.E2E_LOG ?? path.join(__dirname, 'last-run.log');
  fs.writeFileSync(logFile, '');
  const print = Mocha.reporters.Base.consoleLog;
  const log = (...args: unknown[]) => {
    fs.appendFileSync(logFile, `${util.format(...args)}\n`);
    print(...args);
  };
  Mocha.reporters.Base.consoleLog = log;

  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // The suites are bundled with this file: define mocha's globals, then load the one asked for
  // (the editor's environment says whether the workspace is trusted or in Restricted Mode).
  const restricted = process.env.COSTLINT_E2E_SUITE === 'restricted';
  mocha.suite.emit('pre-require', globalThis, restricted ? 'restricted.test.ts' : 'extension.test.ts', mocha);
  if (restricted) require('./restricted.test');
  else require('./extension.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      log(`e2e: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} e2e tests failed`));
      else resolve();
    });
  });
}
