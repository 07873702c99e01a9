import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLedger, type Ledger } from '../../../src/main/core';
import { startHttpDoor, type HttpDoor } from '../../../src/main/doors/http';

export const ARTIFACTS = resolve(__dirname, '..', 'artifacts');
const RENDERER = resolve(__dirname, '..', '..', '..', 'out', 'renderer');

export interface RunningApp {
  ledger: Ledger;
  door: HttpDoor;
  browser: Browser;
  page: Page;
  /** Browser console errors and failed API calls seen so far. */
  problems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The real core on a temp SQLite file, served by the HTTP door, driven by Debian's Chromium. */
export async function startApp(prepare?: (ledger: Ledger) => void): Promise<RunningApp> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('未找到 out/renderer：请先运行 npm run build');
  mkdirSync(ARTIFACTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'bangfu-e2e-'));
  const ledger = createLedger({ dbPath: join(dir, 'ledger.sqlite') });
  prepare?.(ledger);
  const door = await startHttpDoor({ ledger, staticDir: RENDERER });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // A refusal the test provokes on purpose comes back as HTTP 4xx, which Chromium logs as an error.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(door.url);
  // Wait for the shell, so a test's own hash navigation is not overtaken by the router's first one.
  await page.locator('[data-test="nav"]').waitFor();
  // …and for the first page (首页, whose charts are the largest chunk) to finish loading: a hash
  // navigation started while its chunk was still arriving was sometimes overtaken by it.
  await page.waitForLoadState('networkidle');
  return {
    ledger,
    door,
    browser,
    page,
    problems,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await door.close();
      ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until dialogs have finished fading and the toasts are gone, so a screenshot shows the page as it rests. */
export async function quiet(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('.el-message') && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    null,
    { timeout: 15_000 },
  );
}
