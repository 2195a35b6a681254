// Accessibility of the window, on `calsync demo` (a full sample account, so
// every page has real content): axe-core on every page the navigation links
// to (new pages are covered without editing this spec), light and dark, with
// zero serious or critical violations; the Plan's proposals reachable in a few
// Tab presses; a 400 px window without sideways scrolling; reduced motion.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { useTempDirs } from './temp-dirs';

const here = path.dirname(fileURLToPath(import.meta.url));
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

async function openDemo(page: Page): Promise<void> {
  await page.addInitScript({ path: path.join(here, 'fixtures/a11y-probes.js') });
  await page.clock.setFixedTime(new Date(Date.parse(NOW) + 60_000));
  await page.goto(demo.url);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
}

/** The pages the navigation offers, as [name, href]. */
async function navPages(page: Page): Promise<Array<[string, string]>> {
  const links = page.getByRole('navigation', { name: 'Pages' }).getByRole('link');
  const pages: Array<[string, string]> = [];
  for (const link of await links.all())
    pages.push([(await link.innerText()).trim(), (await link.getAttribute('href'))!]);
  return pages;
}

async function settle(page: Page, name: string): Promise<void> {
  await expect(page.locator('main h1')).toHaveText(name);
  // A page has its data when no "Loading" notice is left.
  await expect(page.locator('main .notice.loading')).toHaveCount(0);
  if (name === 'Plan') await expect(page.locator('.week-event').first()).toBeVisible();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page has no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openDemo(page);
    const pages = await navPages(page);
    expect(pages.map(([n]) => n)).toEqual(expect.arrayContaining(['Status', 'Activity', 'Plan', 'Tasks', 'Settings']));
    const found: string[] = [];
    for (const [name] of pages) {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
      await settle(page, name);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        found.push(
          `${name} (${scheme}) ${v.id}: ${v.help}\n` +
            v.nodes
              .slice(0, 5)
              .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`)
              .join('\n'),
        );
    }
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('the Plan: "Skip to proposals" reaches the Accept/Reject list in a few Tab presses', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await settle(page, 'Plan');
  await page.locator('main h1').focus();
  let presses = 0;
  while (presses < 30) {
    await page.keyboard.press('Tab');
    presses++;
    if ((await page.evaluate('window.__a11y.activeText()')) === 'Skip to proposals') break;
  }
  // The toolbar and the zone bar come first: a handful of controls, never the week's events.
  expect(presses).toBeLessThanOrEqual(10);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveAccessibleName(/^(Accept|Move|Reject) /);
  await expect(page.getByRole('list', { name: 'Proposed blocks' }).locator(':focus')).toHaveCount(1);
  // Without the skip link the same list is behind every event of the week.
  const events = await page.locator('.week-event').count();
  expect(events).toBeGreaterThan(10);
});

test('400 px wide: no page scrolls sideways, and the Plan shows a day at a time', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 800 });
  await openDemo(page);
  const sideways = () => page.evaluate('window.__a11y.sideways()') as Promise<number>;
  for (const [name] of await navPages(page)) {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
    await settle(page, name);
    expect(await sideways(), `${name} scrolls sideways at 400 px`).toBeLessThanOrEqual(0);
  }
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await settle(page, 'Plan');
  await expect(page.getByTestId('week-view')).toHaveAttribute('data-view', 'day');
  // One day column, with the day named and a way to the next one.
  await expect(page.locator('.week-top .week-header')).toHaveCount(1);
  const before = await page.locator('.week-top .week-header').innerText();
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.locator('.week-top .week-header')).not.toHaveText(before);
});

test('200 % zoom (a 640 px wide window at twice the size) keeps the page from scrolling sideways', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openDemo(page);
  // 200 % zoom of a 1280 px window is a 640 CSS px viewport.
  for (const [name] of await navPages(page)) {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
    await settle(page, name);
    const over = (await page.evaluate('window.__a11y.sideways()')) as number;
    expect(over, `${name} scrolls sideways at 200 %`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test('reduced motion: nothing animates or transitions', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openDemo(page);
  const moving = await page.evaluate('window.__a11y.moving()');
  expect(moving).toBe(0);
});

test('focus is visible on every control of every page', async ({ page }) => {
  await openDemo(page);
  const missing: string[] = [];
  for (const [name] of await navPages(page)) {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
    await settle(page, name);
    // Tab through the first controls of the page: each shows an outline or a box shadow when focused.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const r = (await page.evaluate('window.__a11y.focusRing()')) as { visible: boolean; what: string } | null;
      if (r && !r.visible) missing.push(`${name}: ${r.what}`);
    }
  }
  expect(missing).toEqual([]);
});

test("dates and numbers in the browser's locale: German day names and a 24-hour clock in de-DE", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await openDemo(page);
  await page.getByRole('link', { name: 'Plan', exact: true }).click();
  await settle(page, 'Plan');
  // The demo's "now" is Wednesday 4 March 2026.
  await expect(page.locator('.week-top .week-header').nth(2)).toHaveText('Mi., 4.');
  await expect(page.locator('.week-title')).toContainText('März');
  await expect(page.locator('.week-gutter .week-label', { hasText: /^13:00$/ })).toHaveCount(1);
  await context.close();
});

// Last on purpose: it adds a second habit to the shared demo, so the pages above see the demo as it ships (with its Lunch).
test('habits: the Tasks page with habits, its open form with errors, and the Plan with habit blocks pass axe (light, dark) and fit 400 px', async ({
  page,
}) => {
  await openDemo(page);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await nav.getByRole('link', { name: 'Tasks', exact: true }).click();
  await settle(page, 'Tasks');
  const habits = page.getByTestId('habits');
  await habits.getByRole('button', { name: 'New habit' }).click();
  const form = page.getByRole('form', { name: 'New habit' });
  await form.getByLabel('Title').fill('Stretch');
  await form.getByLabel('Duration (minutes)').fill('15');
  await form.getByLabel('Window from').fill('15:00');
  await form.getByLabel('Window until').fill('16:00');
  await form.getByRole('button', { name: 'Add habit' }).click();
  await expect(habits.getByTestId('habit').filter({ hasText: 'Stretch' })).toHaveCount(1);
  // The form again, left with mistakes shown beside their fields.
  await habits.getByRole('button', { name: 'New habit' }).click();
  await form.getByLabel('Title').fill('Gym');
  await form.getByLabel('Duration (minutes)').fill('');
  await form.getByLabel('How often').selectOption('weekdays');
  for (const d of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await form.getByRole('checkbox', { name: d }).uncheck();
  await form.getByRole('button', { name: 'Add habit' }).click();
  await expect(form.locator('[aria-invalid=true]')).toHaveCount(2);

  const found: string[] = [];
  const check = async (name: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        found.push(`${name} (${scheme}) ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  };
  await check('Tasks with habits');
  await page.setViewportSize({ width: 400, height: 800 });
  expect(await page.evaluate('window.__a11y.sideways()'), 'Tasks with habits at 400 px').toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1360, height: 900 });

  await nav.getByRole('link', { name: 'Plan', exact: true }).click();
  await settle(page, 'Plan');
  await expect(page.locator('.week-event.item-habit').first()).toBeVisible();
  await expect(page.getByTestId('proposal').and(page.locator('[data-kind=habit]')).first()).toContainText('Habit');
  await check('Plan with habit blocks');
  expect(found, found.join('\n')).toEqual([]);
});
