// The renderer's Plan, Tasks and Settings flows through the desktop
// transport (window.calsync, as the Electron preload exposes it), with a
// contract-faithful in-page bridge (fixtures/fake-bridge.ts, typed against
// src/shared/api.ts and bundled here into one init script). The files come
// from the real loopback server so the CSP is the real one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../src/main/server/http-server';
import { findRendererDir } from '../../src/main/server/renderer-dir';
import { silentLogger } from '../../src/main/core/log/logger';

const here = path.dirname(fileURLToPath(import.meta.url));
let server: RunningServer;

// The fake bridge as one classic script: its imports are types only, so the bundle is the fake alone.
const fakeBridgeScript = buildSync({
  entryPoints: [path.join(here, 'fixtures/fake-bridge.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  write: false,
}).outputFiles[0]?.text;

test.beforeAll(async () => {
  // No engine behind this server: every call goes through the in-page bridge.
  const nothing = new Proxy({}, { get: () => async () => ({}) });
  server = await startServer({
    api: nothing as never,
    events: { subscribe: () => () => undefined },
    log: silentLogger,
    rendererDir: findRendererDir(),
  });
});
test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page, hash: string): Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript({ content: fakeBridgeScript });
  await page.goto(`http://127.0.0.1:${server.port}/${hash}`);
}

const sent = (page: Page) => page.evaluate('window.__bridgeCalls') as Promise<Array<{ op: string; input: unknown }>>;

test('Plan: busy and proposed blocks are distinct; accept, reject, move and accept all', async ({ page }) => {
  await open(page, '#/plan');
  const week = page.getByTestId('week-view');
  await expect(week.locator('.item-busy')).toContainText('Team standup');
  await expect(week.locator('.item-proposal.item-proposed').first()).toContainText(
    'Proposed: Write <b>quarterly</b> report',
  );
  await expect(week.locator('.item-conflict')).toContainText('Conflict');
  await expect(week.locator('b')).toHaveCount(0);

  // The plan's notes: what did not fit and why, and the at-risk flag.
  await expect(page.getByTestId('unscheduled')).toContainText('Tax return: Not enough free time before it is due');
  await expect(page.getByTestId('unscheduled')).toContainText('needs 10h before the due date');
  await expect(page.getByTestId('at-risk')).toContainText('Write <b>quarterly</b> report');
  await page.screenshot({ path: 'test-results/screens/plan-proposals.png', fullPage: true });

  const list = page.getByRole('list', { name: 'Proposed blocks' });
  await expect(page.getByRole('button', { name: 'Accept all (2)' })).toBeEnabled();
  await list.getByRole('button', { name: /^Accept Write/ }).click();
  await expect(list.getByTestId('proposal').filter({ hasText: 'Write' }).first()).toHaveAttribute(
    'data-status',
    'accepted',
  );
  await expect(week.locator('.item-accepted')).toHaveCount(1);
  await list.getByRole('button', { name: /^Reject Prepare workshop/ }).click();
  await expect(list.getByTestId('proposal').filter({ hasText: 'Prepare workshop' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Accept all (0)' })).toBeDisabled();
  await list.getByRole('button', { name: /^Move Write/ }).click();
  await expect(list.locator('[data-status=conflict]')).toHaveCount(0);
  await expect(week.locator('.item-accepted')).toHaveCount(2);

  const calls = await sent(page);
  expect(calls.filter((c) => ['acceptProposals', 'rejectProposal', 'acceptMove'].includes(c.op))).toEqual([
    { op: 'acceptProposals', input: { ids: ['p1'] } },
    { op: 'rejectProposal', input: { id: 'p2' } },
    { op: 'acceptMove', input: { id: 'p3' } },
  ]);
  await page.screenshot({ path: 'test-results/screens/plan-accepted.png', fullPage: true });
});

test('Plan: accept all asks first, naming how many blocks go to which calendar, then sends one call', async ({
  page,
}) => {
  await open(page, '#/plan');
  const acceptCalls = async () => (await sent(page)).filter((c) => c.op === 'acceptProposals');
  await page.getByRole('button', { name: 'Accept all (2)' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm accepting all blocks' });
  await expect(confirm).toContainText('Add 2 blocks to “Me” (me@example.test) in Google Calendar?');
  // Nothing is written to Google until the question is answered.
  expect(await acceptCalls()).toEqual([]);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(await acceptCalls()).toEqual([]);
  await expect(page.getByTestId('proposal').and(page.locator('[data-status=proposed]'))).toHaveCount(2);

  await page.getByRole('button', { name: 'Accept all (2)' }).click();
  await confirm.getByRole('button', { name: 'Add 2 blocks to Google' }).click();
  await expect(page.getByRole('button', { name: 'Accept all (0)' })).toBeDisabled();
  await expect(page.getByTestId('proposal').and(page.locator('[data-status=accepted]'))).toHaveCount(2);
  expect((await sent(page)).filter((c) => c.op === 'acceptProposals')).toEqual([
    { op: 'acceptProposals', input: { all: true } },
  ]);
});

test('Status: "just now" ages while the window stays open', async ({ page }) => {
  // The page's clock, so the test need not wait minutes; the bridge's calendar was synced at the page's "now".
  await page.clock.install();
  await open(page, '#/status');
  const cell = page.getByRole('row', { name: /Me/ }).getByTitle(/^\d{4}-/);
  await expect(cell).toHaveText('just now');
  await page.clock.runFor('05:00');
  await expect(cell).toHaveText('5 minutes ago');
  await page.clock.runFor('01:00:00');
  await expect(cell).toHaveText('1 hour ago');
});

test('Tasks: add (with the engine refusing a bad one), edit, complete and delete', async ({ page }) => {
  await open(page, '#/tasks');
  await expect(page.getByTestId('task')).toHaveCount(3);
  await expect(page.getByTestId('task').first()).toContainText('Write <b>quarterly</b> report');

  await page.getByLabel('Title').first().fill('   ');
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(page.getByRole('alert')).toContainText('a task needs a title');

  await page.getByLabel('Title').first().fill('Book flights');
  await page.getByLabel('Duration (minutes)').first().fill('45');
  await page.getByLabel('Priority').first().selectOption('2');
  await page.getByLabel('Due').first().fill('2026-12-01T17:30');
  await page.getByRole('button', { name: 'Add task' }).click();
  const added = page.getByTestId('task').filter({ hasText: 'Book flights' });
  await expect(added).toContainText('P2 · 45 min');
  const addCall = (await sent(page)).filter((c) => c.op === 'addTask').at(-1)!.input as {
    due: string;
    durationMinutes: number;
  };
  expect(addCall.durationMinutes).toBe(45);
  // The due date went out as a UTC instant of 17:30 in the settings' zone.
  expect(addCall.due).toMatch(/^2026-12-01T\d\d:\d\d:00\.000Z$|^2026-12-0[12]T\d\d:\d\d:00\.000Z$/);
  // The form is fresh again after adding.
  await expect(page.getByLabel('Title').first()).toHaveValue('');

  await added.getByRole('button', { name: 'Edit Book flights' }).click();
  await page.getByRole('form', { name: 'Edit Book flights' }).getByLabel('Title').fill('Book flights to Lisbon');
  await page.getByRole('button', { name: 'Save task' }).click();
  const edited = page.getByTestId('task').filter({ hasText: 'Book flights to Lisbon' });
  await expect(edited).toBeVisible();

  await edited.getByRole('checkbox').click();
  await expect(edited).toHaveCount(0);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByTestId('task').filter({ hasText: 'Book flights to Lisbon' })).toHaveClass(/done/);
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await page.getByRole('button', { name: 'Delete Book flights to Lisbon' }).click();
  await page.getByRole('button', { name: 'Delete “Book flights to Lisbon”' }).click();
  await expect(page.getByTestId('task').filter({ hasText: 'Lisbon' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/tasks-list.png', fullPage: true });
});

test('Tasks: habits are listed; a bad one is named beside its fields and not sent; add, edit, turn off, remove', async ({
  page,
}) => {
  await open(page, '#/tasks');
  const habits = page.getByTestId('habits');
  await expect(habits.getByTestId('habit')).toHaveCount(1);
  await expect(habits.getByTestId('habit').first()).toContainText('Lunch');
  await expect(habits.getByTestId('habit').first()).toContainText('60 min (30 when busy) · Daily · 11:30–13:30 · P3');

  await habits.getByRole('button', { name: 'New habit' }).click();
  const form = page.getByRole('form', { name: 'New habit' });
  await form.getByLabel('Title').fill('Gym');
  await form.getByLabel('Duration (minutes)').fill('120');
  await form.getByLabel('Window from').fill('18:00');
  await form.getByLabel('Window until').fill('19:00');
  await form.getByLabel('How often').selectOption('weekdays');
  for (const d of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await form.getByRole('checkbox', { name: d }).uncheck();
  await form.getByRole('button', { name: 'Add habit' }).click();
  // Checked in the window with the engine's schema: each mistake beside its field, tied to it, nothing sent.
  await expect(form.getByLabel('Duration (minutes)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Duration (minutes)')).toHaveAccessibleDescription(
    'The duration must fit inside the window.',
  );
  await expect(form.getByRole('group', { name: 'On these days' })).toContainText('Choose at least one weekday.');
  expect((await sent(page)).filter((c) => c.op === 'addHabit')).toEqual([]);

  await form.getByLabel('Duration (minutes)').fill('60');
  await form.getByRole('checkbox', { name: 'Mon' }).check();
  await form.getByRole('checkbox', { name: 'Thu' }).check();
  await form.getByLabel('Priority').selectOption('2');
  await form.getByLabel('May be skipped on a full day').check();
  await form.getByRole('button', { name: 'Add habit' }).click();
  const gym = habits.getByTestId('habit').filter({ hasText: 'Gym' });
  await expect(gym).toContainText('60 min · Mon, Thu · 18:00–19:00 · P2 · may be skipped');
  expect((await sent(page)).filter((c) => c.op === 'addHabit').map((c) => c.input)).toEqual([
    {
      title: 'Gym',
      durationMinutes: 60,
      minDurationMinutes: null,
      frequency: { kind: 'weekdays', days: ['mon', 'thu'] },
      window: { start: '18:00', end: '19:00' },
      priority: 2,
      droppable: true,
    },
  ]);

  await gym.getByRole('button', { name: 'Edit Gym' }).click();
  const edit = page.getByRole('form', { name: 'Edit Gym' });
  await edit.getByLabel('How often').selectOption('timesPerWeek');
  await edit.getByLabel('Times a week').fill('3');
  await edit.getByRole('button', { name: 'Save habit' }).click();
  await expect(gym).toContainText('60 min · 3× a week · 18:00–19:00');

  await gym.getByRole('button', { name: 'Turn off Gym' }).click();
  await expect(gym).toHaveAttribute('data-enabled', 'false');
  await expect(gym).toContainText('Off');
  expect((await sent(page)).filter((c) => c.op === 'updateHabit').at(-1)!.input).toEqual({
    id: expect.any(String),
    patch: { enabled: false },
  });

  await gym.getByRole('button', { name: 'Remove Gym' }).click();
  // Asked first: nothing is deleted until the second button.
  expect((await sent(page)).filter((c) => c.op === 'deleteHabit')).toEqual([]);
  await gym.getByRole('button', { name: 'Remove “Gym”' }).click();
  await expect(gym).toHaveCount(0);
  await expect(habits.getByTestId('habit')).toHaveCount(1);
});

test('Settings: working hours with several ranges, and launch at login where the host supports it', async ({
  page,
}) => {
  await open(page, '#/settings');
  await expect(page.getByLabel('Monday range 2 from')).toHaveValue('13:00');
  await page.getByRole('button', { name: 'Add a range on Saturday' }).click();
  await page.getByLabel('Saturday range 1 to').fill('12:00');
  await page.getByRole('button', { name: 'Remove Monday range 2' }).click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const update = (await sent(page)).find((c) => c.op === 'updateSettings')!.input as {
    workingHours: Record<string, string[][]>;
  };
  expect(update.workingHours.mon).toEqual([['09:00', '12:00']]);
  expect(update.workingHours.sat).toEqual([['09:00', '12:00']]);

  const launch = page.getByLabel('Start calsync when I log in');
  await expect(launch).not.toBeChecked();
  await launch.click();
  await expect(launch).toBeChecked();
  expect((await sent(page)).filter((c) => c.op === 'setLaunchAtLogin')).toEqual([
    { op: 'setLaunchAtLogin', input: { enabled: true } },
  ]);
  await page.screenshot({ path: 'test-results/screens/settings-desktop.png', fullPage: true });
});

test('Settings: "accept habit moves automatically" is off until ticked, and saved with the settings', async ({
  page,
}) => {
  await open(page, '#/settings');
  const auto = page.getByLabel(/Accept habit moves automatically/);
  await expect(auto).not.toBeChecked();
  await auto.check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const update = (await sent(page)).find((c) => c.op === 'updateSettings')!.input as { autoAcceptHabitMoves: boolean };
  expect(update.autoAcceptHabitMoves).toBe(true);
});

test('Activity: thousands of runs stay a few dozen rows in the DOM, and older pages load while scrolling', async ({
  page,
}) => {
  await open(page, '#/activity');
  const rows = page.getByTestId('run-row');
  await expect(rows.first()).toContainText('Succeeded');
  expect(await rows.count()).toBeLessThan(80);
  // The scroller takes focus; End scrolls to the end of what is loaded, and the next page is asked for with beforeId.
  await page.getByTestId('run-scroller').focus();
  const olderPages = async () =>
    (await sent(page)).filter((c) => c.op === 'listRuns' && (c.input as { beforeId?: number }).beforeId !== undefined)
      .length;
  await expect
    .poll(async () => {
      // Rows are measured as they appear, so the end moves: keep pressing End like a person would.
      await page.keyboard.press('End');
      return olderPages();
    })
    .toBeGreaterThan(0);
  expect(await rows.count()).toBeLessThan(80);
  await expect(page.getByText(/^1,000\+? runs$|^1,500\+? runs$|^1000\+? runs$|^1500\+? runs$/)).toBeVisible();

  await page.getByLabel('Status').selectOption('failed');
  await expect(rows.first()).toContainText('Failed');
  await rows
    .first()
    .getByRole('button', { name: /Details of run/ })
    .click();
  await expect(page.getByTestId('run-details')).toContainText(/events\.list failed for run \d+ \(HTTP 503\)/);
  const last = (await sent(page)).filter((c) => c.op === 'listRuns').at(-1)!;
  expect(last.input).toMatchObject({ status: 'failed', limit: 500 });
});
