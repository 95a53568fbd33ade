// npm run validate:sarif [file.sarif...]: Microsoft's SARIF multitool with the SARIF and GitHub
// ingestion rules. Without files, validates `costlint check examples/ --format sarif`.
// The multitool exits 0 even on an invalid file, so its report is read and error-level results fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { multitoolBinary, multitoolValidate } from '../test/support/sarif';

const root = path.join(__dirname, '..');
const binary = multitoolBinary();
if (!binary) {
  console.error(`validate:sarif: @microsoft/sarif-multitool has no binary for ${process.platform} here (npm ci installs it on linux, darwin and win32).`);
  process.exit(2);
}
let files = process.argv.slice(2);
if (!files.length) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-sarif-')), 'examples.sarif');
  spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'check', 'examples/', '--format', `sarif:${file}`], { cwd: root, stdio: 'inherit' });
  files = [file];
}
let failed = 0;
for (const file of files) {
  const results = multitoolValidate(binary, path.resolve(file));
  for (const r of results) console.log(`${file}: ${r.level} ${r.ruleId}: ${r.message}`);
  const errors = results.filter((r) => r.level === 'error').length;
  console.log(`${file}: ${errors} error${errors === 1 ? '' : 's'}, ${results.length - errors} other result${results.length - errors === 1 ? '' : 's'}`);
  if (errors) failed++;
}
process.exit(failed ? 1 : 0);
