// Runs the extension tests (test/e2e/vscode, @vscode/test-electron's format) inside a running
// code-server: headless chromium opens the workbench with the extension under development and
// the tests' entry in the `payload` query; the workbench calls window.codeAutomationExit(code)
// when run() settles. Meanwhile it does what the tests ask of a user: a screenshot, typing.
// Env: CS_HOST, E2E_CACHE, EXT_DEV, EXT_TESTS, WS, E2E_LOG, E2E_DRIVER_DIR, E2E_SCREENSHOT_OUT.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

interface Page {
  exposeFunction(name: string, fn: (code: number) => void): Promise<void>;
  on(event: 'console', fn: (message: { text(): string }) => void): void;
  on(event: 'pageerror', fn: (error: Error) => void): void;
  goto(url: string): Promise<unknown>;
  screenshot(options: { path: string }): Promise<unknown>;
  fill(selector: string, value: string, options: { timeout: number }): Promise<void>;
  press(selector: string, key: string, options: { timeout: number }): Promise<void>;
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
  waitForFunction(fn: string, arg: undefined, options: { timeout: number }): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
}
interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Chromium {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<Browser>;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<number> {
  const host = env('CS_HOST');
  // playwright-core lives in the e2e cache, outside the project's dependencies.
  const { chromium } = createRequire(path.join(env('E2E_CACHE'), 'cs', 'package.json'))('playwright-core') as { chromium: Chromium };
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${env('EXT_DEV')}`],
    ['extensionTestsPath', `vscode-remote://${host}${env('EXT_TESTS')}`],
  ]);
  const url = `http://${host}/?folder=${encodeURIComponent(env('WS'))}&payload=${encodeURIComponent(payload)}`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 860 });
    const exited = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
    if (process.env.E2E_VERBOSE) page.on('console', (m) => console.log(m.text()));
    await page.goto(url);
    const stopDriver = answerRequests(page);
    const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 300_000);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    stopDriver();
    const log = process.env.E2E_LOG;
    if (log && fs.existsSync(log)) process.stdout.write(fs.readFileSync(log, 'utf8'));
    if (code === 'timeout') console.log(`the editor did not finish the tests within ${timeoutMs} ms`);
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
}

/** What a test asks of the user at the keyboard (see test/e2e/vscode/helpers.ts `drive`). */
type DriverRequest = { action: 'screenshot' } | { action: 'type'; text: string };

/** Polls for `<name>.request` files from the tests, does what they ask, then writes `<name>.done`. */
function answerRequests(page: Page): () => void {
  const dir = process.env.E2E_DRIVER_DIR;
  if (!dir) return () => {};
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    const request = fs.readdirSync(dir).find((f) => f.endsWith('.request') && !fs.existsSync(path.join(dir, f.replace(/\.request$/, '.done'))));
    if (!request) return;
    busy = true;
    try {
      const asked = JSON.parse(fs.readFileSync(path.join(dir, request), 'utf8')) as DriverRequest;
      if (asked.action === 'screenshot') await screenshot(page);
      else {
        // The input box (showInputBox) opens asynchronously: target it, not whatever has the focus.
        const input = '.quick-input-widget .quick-input-box input';
        await page.fill(input, asked.text, { timeout: 30_000 });
        await page.press(input, 'Enter', { timeout: 30_000 });
      }
    } catch (error) {
      console.log(`driver: ${request} failed: ${(error as Error).message}`);
    } finally {
      fs.writeFileSync(path.join(dir, request.replace(/\.request$/, '.done')), '');
      busy = false;
    }
  }, 200);
  return () => clearInterval(timer);
}

async function screenshot(page: Page): Promise<void> {
  const out = process.env.E2E_SCREENSHOT_OUT;
  if (!out) return;
  await waitForCostlintDecorations(page);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
}

/** The editor renders diagnostics, lenses and hints asynchronously: wait until all three are on screen. */
async function waitForCostlintDecorations(page: Page): Promise<void> {
  const timeout = 30_000;
  await page.waitForSelector('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error', { timeout });
  await page.waitForSelector('.monaco-editor .codelens-decoration', { timeout });
  // Inlay hints are injected text inside the view lines.
  await page.waitForFunction(
    "[...document.querySelectorAll('.monaco-editor .view-lines')].some((e) => /\\/call/.test(e.textContent || ''))",
    undefined,
    { timeout },
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.log(`e2e runner failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
