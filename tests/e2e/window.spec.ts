// The window in Chromium against `calsync serve` and the fake Google: sign
// in through the consent page, sync with live progress, the sync log, a
// failing sync, and hostile event text. One server for the whole story.
import { expect, test, type Page } from '@playwright/test';
import { startWorld, type World } from '../helpers/world';
import { startServe, type ServeProcess } from '../helpers/serve-process';

const HOSTILE = '<img src=x onerror=alert(1)>';

let world: World;
let serve: ServeProcess;
const dialogs: string[] = [];
const cspViolations: string[] = [];

function watch(page: Page): void {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Small pages so a sync takes several requests, each slowed below: the progress bar has time to show.
  world = await startWorld({ tuning: { pageSize: 25 } });
  const { google, user } = world;
  for (let i = 0; i < 150; i++) {
    const start = Date.UTC(2026, 0, 5) + i * 3_600_000 * 5;
    google.insertEvent(user.email, {
      summary: `Meeting ${i}`,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + 1_800_000).toISOString() },
    });
  }
  // A hostile title in the current week, so the Plan's week view draws it.
  const now = Date.now();
  google.insertEvent(user.email, {
    summary: HOSTILE,
    description: HOSTILE,
    location: HOSTILE,
    start: { dateTime: new Date(now - 600_000).toISOString() },
    end: { dateTime: new Date(now + 3_000_000).toISOString() },
  });
  google.addCalendar(user.email, { summary: `Team ${HOSTILE}`, timeZone: 'America/St_Johns' });
  // The consent page with real forms instead of automatic consent.
  google.setConsentUser(null);
  serve = await startServe(world.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
});

test('the server refuses the API without the token and serves the window with a strict CSP', async ({ request }) => {
  const res = await request.post(`${serve.origin}/api/status`, { data: {} });
  expect(res.status()).toBe(401);
  const page = await request.get(`${serve.origin}/`);
  expect(page.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
});

test('sign in through the consent page, then sync now with a live progress bar', async ({ page, context }) => {
  watch(page);
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  // The token left the address bar.
  expect(page.url()).not.toContain('token=');

  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in with Google' }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await expect(popup.getByRole('heading', { name: 'Choose an account' })).toBeVisible();
  // Every events page waits a little, so the first sync is visibly in progress.
  world.google.faults.inject({ match: { path: '/events' }, action: { kind: 'delay', ms: 250 }, times: 1_000 });
  await popup.locator('#approve-button').click();
  await expect(page.getByText(`Signed in as ${world.user.email}`)).toBeVisible();
  await expect(page.getByTestId('account')).toContainText(world.user.email);
  await popup.close();

  // A sign-in from the window starts the first sync at once, with no click.
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  await expect(bar).toBeVisible();
  // The first sync: the window knew no calendars when it started, and never counts "of 0".
  await expect(page.getByTestId('sync-progress')).toContainText(
    /\d+ pages?, \d+ events? \(calendar [1-9]\d* of [1-9]\d*\)/,
  );
  await page.screenshot({ path: 'test-results/screens/status-syncing.png', fullPage: true });
  await expect(page.getByTestId('last-run')).toContainText('Succeeded', { timeout: 30_000 });
  await expect(bar).toBeHidden();
  // "Sync now" runs again, live, and succeeds.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('last-run')).toContainText('Succeeded', { timeout: 30_000 });
  await expect(bar).toBeHidden();
  world.google.faults.clear();
  // The calendar with the hostile name is listed as text.
  await expect(page.getByText(`Team ${HOSTILE}`)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/status.png', fullPage: true });
});

test('the run appears in Activity with its counts', async ({ page }) => {
  watch(page);
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  // Newest first: the "Sync now" run, then the first sync the sign-in started.
  const rows = page.getByTestId('run-row');
  await expect(rows.first()).toContainText('Succeeded');
  await expect(rows.first()).toContainText('manual');
  await expect(rows.nth(1)).toContainText('Succeeded');
  await expect(rows.nth(1)).toContainText('login');
  await expect(rows.nth(1)).toContainText('+151');
  await expect(page.getByRole('img', { name: /Last 2 runs/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/activity.png', fullPage: true });
});

test('a failing sync shows its error on Status and in Activity', async ({ page }) => {
  watch(page);
  // Google answers 500 to every events request of this run until the retries give up.
  world.google.faults.inject({ match: { path: '/events' }, action: { status: 500 }, times: 1_000 });
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('last-run')).toContainText('Failed', { timeout: 30_000 });
  await expect(page.getByTestId('last-run-error')).not.toBeEmpty();
  const message = (await page.getByTestId('last-run-error').textContent()) ?? '';
  world.google.faults.clear();

  await page.getByRole('link', { name: 'Activity' }).click();
  const failed = page.getByTestId('run-row').first();
  await expect(failed).toContainText('Failed');
  await failed.getByRole('button', { name: /Details of run/ }).click();
  await expect(page.getByTestId('run-details')).toContainText(message.slice(0, 40));
  await page.getByLabel('Status').selectOption('failed');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/activity-failed.png', fullPage: true });
});

test('a hostile title renders literally in the week and no script runs', async ({ page }) => {
  watch(page);
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Plan' }).click();
  const week = page.getByTestId('week-view');
  await expect(week.getByText(HOSTILE).first()).toBeVisible();
  await expect(week.locator('img')).toHaveCount(0);
  await week.getByText(HOSTILE).first().click();
  const details = page.getByTestId('selected-event');
  await expect(details.getByRole('heading', { name: HOSTILE })).toBeVisible();
  await expect(details.locator('img')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/plan.png', fullPage: true });
  expect(dialogs).toEqual([]);
});

test('Tasks and Settings show their state', async ({ page }) => {
  watch(page);
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByLabel('Title')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/tasks.png', fullPage: true });

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Time zone')).toBeVisible();
  await page.getByLabel('Buffer between blocks (min)').fill('15');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  // Launch at login is a desktop-shell feature: not offered in a browser.
  await expect(page.getByText('Start calsync when I log in')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/settings.png', fullPage: true });
});

test('Google Tasks: turned on in Settings, allowed on the consent page, imported by Sync now', async ({
  page,
  context,
}) => {
  watch(page);
  const myTasks = world.google.taskLists(world.user.email)[0]!.id as string;
  world.google.addTask(myTasks, { title: `Pay rent ${HOSTILE}`, due: '2030-01-15T00:00:00.000Z' });
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Import my Google Tasks on each sync').check();
  await page.getByLabel('Planned time of an imported task (min)').fill('45');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  // Signed in before the import was on: reading tasks is asked for now.
  const popupPromise = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Allow reading Google Tasks' }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await expect(popup.getByText('https://www.googleapis.com/auth/tasks.readonly')).toBeVisible();
  await popup.locator('#approve-button').click();
  await expect(page.getByText(`Allowed for ${world.user.email}`)).toBeVisible();
  await popup.close();

  await page.getByRole('link', { name: 'Status' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('last-run')).toContainText('Succeeded', { timeout: 30_000 });
  await page.getByRole('link', { name: 'Tasks' }).click();
  const task = page.getByTestId('task').filter({ hasText: 'Pay rent' });
  await expect(task).toContainText('from Google Tasks');
  await expect(task).toContainText('45 min');
  // Due on Jan 15 (Google keeps a day): shown as that day, not as the midnight after it.
  await expect(task).toContainText(/due .*15.* \(end of day\)/);
  await expect(task.getByText(`Pay rent ${HOSTILE}`)).toBeVisible();
  await expect(task.locator('img')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/tasks-google.png', fullPage: true });
  expect(dialogs).toEqual([]);
});

test('calendars switch off and on, background sync pauses, and the pages work from the keyboard', async ({ page }) => {
  watch(page);
  await page.goto(serve.url);
  const team = page.getByRole('checkbox', { name: `Team ${HOSTILE}` });
  await expect(team).toBeChecked();
  await team.click();
  await expect(team).not.toBeChecked();
  await expect(team).toHaveAttribute('aria-busy', 'false');
  await page.reload();
  await expect(team).not.toBeChecked();
  await expect(page.getByRole('row', { name: /Team/ })).toContainText('off');
  await team.click();
  await expect(team).toBeChecked();
  await expect(team).toHaveAttribute('aria-busy', 'false');
  await page.reload();
  await expect(team).toBeChecked();

  await page.getByRole('button', { name: 'Pause background sync' }).click();
  await expect(page.getByRole('button', { name: 'Resume background sync' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('paused', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Resume background sync' }).click();
  await expect(page.getByRole('button', { name: 'Pause background sync' })).toBeVisible();

  // Skip link, then the page links by keyboard; focus lands on the new page's heading.
  await page.reload();
  await expect(page.getByTestId('last-run')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Activity' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeFocused();
});

test('an account whose access was revoked shows it and signs in again', async ({ page, context }) => {
  watch(page);
  world.google.revokeUser(world.user.email);
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const account = page.getByTestId('account');
  await expect(account).toContainText('Needs sign-in', { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/screens/status-needs-login.png', fullPage: true });
  const popupPromise = context.waitForEvent('page');
  await account.getByRole('button', { name: 'Sign in again' }).click();
  const popup = await popupPromise;
  await popup.locator('#approve-button').click();
  await expect(account).toContainText('Signed in');
  await popup.close();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('last-run')).toContainText('Succeeded', { timeout: 30_000 });
});

test('the window reads well in a dark OS theme', async ({ page }) => {
  watch(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(serve.url);
  await expect(page.getByTestId('last-run')).toBeVisible();
  // A string: this file is type-checked without the DOM library.
  const bg = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
  expect(bg).toBe('rgb(20, 23, 28)');
  await page.screenshot({ path: 'test-results/screens/status-dark.png', fullPage: true });
  await page.getByRole('link', { name: 'Plan' }).click();
  await expect(page.getByTestId('week-view')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/plan-dark.png', fullPage: true });
});

test('no page broke the content security policy and no dialog fired', () => {
  expect(cspViolations).toEqual([]);
  expect(dialogs).toEqual([]);
});
