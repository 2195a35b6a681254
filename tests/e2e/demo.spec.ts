// `calsync demo` in Chromium: the window says "Demo", the Status page lists the
// three sample calendars, and the Plan's week shows the sample meetings (the
// stand-up of the seeded series, moved on Wednesday) and the proposed blocks.
import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { useTempDirs } from './temp-dirs';

const NOW = '2026-03-04T10:00:00Z';
let demo: ServeProcess;
const dirs = useTempDirs();

test.beforeAll(async () => {
  const env = { PATH: process.env.PATH, HOME: dirs.make(), CALSYNC_HOME: dirs.make(), CALSYNC_LOG_LEVEL: 'warn' };
  demo = await startServe(env, ['--no-open', '--seed', '1', '--now', NOW], { command: 'demo', startupMs: 60_000 });
});
test.afterAll(async () => {
  await demo?.stop();
  dirs.removeAll();
});

test('the demo window is labelled Demo and shows the sample account', async ({ page }) => {
  await page.clock.setFixedTime(new Date(Date.parse(NOW) + 60_000));
  await page.goto(demo.url);
  await expect(page.getByTestId('demo-badge')).toHaveText(/Demo/);
  for (const name of ['Ada Lovelace', 'Product team', 'Tokyo office'])
    await expect(page.getByRole('cell', { name: new RegExp(name) }).first()).toBeVisible();

  await page.getByRole('link', { name: 'Plan' }).click();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.locator('.week-event', { hasText: 'Daily stand-up (moved)' })).toHaveCount(1);
  await expect(page.locator('.week-event', { hasText: 'Daily stand-up' })).toHaveCount(5);
  await expect(page.getByRole('button', { name: /Accept all \(\d+\)/ })).toBeVisible();
});
