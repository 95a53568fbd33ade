// `npm run test:vscode`: the same extension tests under @vscode/test-electron, which downloads
// VS Code 1.100.3 (so it needs internet). Here, `npm run test:e2e` runs them in code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  const tests = path.join(root, '.e2e/out/index.js');
  execFileSync(
    path.join(root, 'node_modules/.bin/esbuild'),
    ['test/e2e/vscode/index.ts', '--bundle', '--platform=node', '--format=cjs', '--target=node20', '--external:vscode', '--log-level=error', `--outfile=${tests}`],
    { cwd: root, stdio: 'inherit' },
  );
  // A fresh copy of the example app: the tests apply quick fixes to it.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-vscode-'));
  const workspace = path.join(tmp, 'support-app');
  fs.cpSync(path.join(root, 'examples/support-app'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: tests,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(tmp, 'user')}`],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
