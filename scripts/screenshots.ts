// `npm run screenshots`: every page of the window, light, dark and narrow, from
// `calsync demo` with a fixed seed and "now" (so a re-run changes pixels only
// where the UI changed), in Chromium, into docs/screenshots/<page>-<variant>.png.
// Needs the build (`npm run build`, which the npm script runs first).
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '../tests/e2e/chromium';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_NOW = '2026-03-04T10:00:00Z';
export const DEMO_SEED = 1;
const PAGES = ['status', 'activity', 'plan', 'tasks', 'insights', 'settings'] as const;
const VARIANTS = [
  { name: 'light', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'dark', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  { name: 'narrow', colorScheme: 'light', viewport: { width: 400, height: 800 } },
] as const;

async function startDemo(): Promise<{ url: string; stop: () => Promise<void> }> {
  const args = [
    path.join(root, 'out/cli/calsync.mjs'),
    'demo',
    '--no-open',
    '--json',
    '--seed',
    String(DEMO_SEED),
    '--now',
    DEMO_NOW,
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CALSYNC_LOG_LEVEL: 'warn' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
    });
    void exited.then(() => reject(new Error('calsync demo exited before printing its URL')));
  });
  return { url, stop: () => (child.kill('SIGTERM'), exited) };
}

async function shoot(browser: Browser, url: string, outDir: string): Promise<void> {
  for (const v of VARIANTS) {
    const context = await browser.newContext({
      colorScheme: v.colorScheme,
      viewport: v.viewport,
      reducedMotion: 'reduce',
      locale: 'en-GB',
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(Date.parse(DEMO_NOW) + 60_000));
    await page.goto(url);
    await page.getByTestId('demo-badge').waitFor();
    for (const id of PAGES) {
      await page.goto(`${url.split('#')[0]}#/${id}`);
      await page.locator('main h1').waitFor();
      // Each page has loaded its data when no "Loading" notice is left.
      await page.locator('main .notice.loading').first().waitFor({ state: 'detached', timeout: 15_000 });
      if (id === 'plan') await page.locator('.week-event').first().waitFor();
      // The task list and the Habits section below it, rather than the empty New task form.
      if (id === 'tasks')
        await page.getByTestId('habits').evaluate((el) =>
          // The Node typecheck has no DOM library; the two members read in the page are named here.
          (
            el as unknown as { previousElementSibling: { scrollIntoView(o: object): void } | null }
          ).previousElementSibling?.scrollIntoView({ block: 'start' }),
        );
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(outDir, `${id}-${v.name}.png`) });
    }
    await context.close();
  }
}

const outDir = path.join(root, 'docs/screenshots');
mkdirSync(outDir, { recursive: true });
const demo = await startDemo();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  await shoot(browser, demo.url, outDir);
} finally {
  await browser.close();
  await demo.stop();
}
process.stdout.write(`screenshots written to ${path.relative(root, outDir)}/\n`);
