// The week view as a planner user works it, against a real `calsync serve`
// and the fake Google: drag a proposed block onto a meeting (refused, the
// engine's reason shown), drag it to a free time (accepted there — the Google
// event at exactly that time), undo (the event deleted, the block proposed
// again); the all-day lane folds past three rows, overlapping meetings sit
// side by side, the zone is named and a second one can be shown. The browser
// runs in another zone than the settings on purpose.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

const ZONE = 'America/New_York';
const HOUR = 3_600_000;
let world: World;
let serve: ServeProcess;
let day: string;

// The gutter's clock is written in the browser's locale: a 24-hour one here.
test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

/** The instant of `hh:mm` New York time on `date` (YYYY-MM-DD). */
function nyAt(date: string, hour: number, minute = 0): number {
  const probe = new Date(`${date}T12:00:00Z`);
  const nyHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(probe),
  );
  return probe.getTime() + (hour - nyHour) * HOUR + minute * 60_000;
}

/** The next Monday–Friday after today, in New York. */
function nextWorkingDay(): string {
  for (let i = 1; ; i++) {
    const d = new Date(Date.now() + i * 24 * HOUR);
    const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(d);
    const wd = new Date(`${ymd}T12:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) return ymd;
  }
}

const iso = (t: number) => new Date(t).toISOString();

test.beforeAll(async () => {
  world = await startWorld();
  const app = world.app();
  await app.api.updateSettings({ timeZone: ZONE, bufferMinutes: 10, leadTimeMinutes: 30, horizonDays: 14 });
  await world.login(app, { write: true });
  day = nextWorkingDay();
  const me = world.user.email;
  world.google.insertEvent(me, {
    summary: 'Design review',
    start: { dateTime: iso(nyAt(day, 11)) },
    end: { dateTime: iso(nyAt(day, 12)) },
  });
  // Two meetings over each other, and five all-day events the same day.
  world.google.insertEvent(me, {
    summary: 'Vendor call',
    start: { dateTime: iso(nyAt(day, 16)) },
    end: { dateTime: iso(nyAt(day, 17)) },
  });
  world.google.insertEvent(me, {
    summary: 'Hiring sync',
    start: { dateTime: iso(nyAt(day, 16, 30)) },
    end: { dateTime: iso(nyAt(day, 17, 30)) },
  });
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
  for (const n of [1, 2, 3, 4, 5])
    world.google.insertEvent(me, {
      summary: `Offsite ${n}`,
      start: { date: day },
      end: { date: next },
      transparency: 'transparent',
    });
  await app.sync.request({ trigger: 'cli' });
  // From the meeting's day on: on a working day's morning in New York the planner would put it today.
  await app.api.addTask({
    title: 'Budget',
    durationMinutes: 60,
    minChunkMinutes: 60,
    maxChunkMinutes: 60,
    earliest: iso(nyAt(day, 0)),
  });
  await app.api.plan({});
  await app.close();
  serve = await startServe(world.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
});

async function openWeekWith(page: Page, text: string): Promise<Locator> {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Plan' }).click();
  const week = page.getByTestId('week-view');
  const block = week.locator('.week-event', { hasText: text });
  for (let i = 0; i < 3; i++) {
    // A loaded machine draws the week's events and blocks a while after the page itself: a look at once found
    // none, and the loop went past the week that had the block. So each week gets a few seconds first.
    const drawn = await expect
      .poll(() => block.count(), { timeout: 4_000 })
      .toBeGreaterThan(0)
      .then(
        () => true,
        () => false,
      );
    if (drawn) break;
    await page.getByRole('button', { name: 'Next week →' }).click();
  }
  await expect(block.first()).toBeVisible();
  return block.first();
}

/** Drags a block by `quarters` quarter hours (a day column is 24 hours tall), grabbing it near its top as a person would. */
async function dragBy(page: Page, block: Locator, quarters: number): Promise<void> {
  const dayColumn = page.locator('.week-day').first();
  const quarter = (await dayColumn.boundingBox())!.height / (24 * 4);
  await block.scrollIntoViewIfNeeded();
  const box = (await block.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 10, { steps: 3 });
  await page.mouse.move(x, y + quarters * quarter, { steps: 10 });
  await page.mouse.up();
}

async function proposalOf(page: Page) {
  const r = await page.request.post(`${serve.origin}/api/listProposals`, {
    data: { status: 'all' },
    headers: { Authorization: `Bearer ${serve.token}` },
  });
  const body = (await r.json()) as { value: Array<{ id: string; start: string; end: string; status: string }> };
  return body.value.filter((p) => p.status !== 'rejected');
}

const budgetEvents = () =>
  world.google.liveEvents(world.user.email).filter((e) => e.extendedProperties?.private?.calsyncProposalId);

test('drag a proposal onto a meeting: refused with the reason; to a free time: accepted there; undo', async ({
  page,
}) => {
  const block = await openWeekWith(page, 'Proposed: Budget');
  const [before] = await proposalOf(page);
  expect(before).toBeDefined();
  const from = Date.parse(before!.start);
  // The planner's block is on the day of the meeting, before or after it.
  expect(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(from))).toBe(day);

  // Onto the meeting: 11:30–12:30.
  await dragBy(page, block, (nyAt(day, 11, 30) - from) / (15 * 60_000));
  const refused = page.getByTestId('drop-refused');
  await expect(refused).toContainText('can\u2019t place \u201cBudget\u201d there'.replace('\u2019', "'"));
  await expect(refused).toContainText('overlaps \u201cDesign review\u201d');
  expect(budgetEvents()).toHaveLength(0);
  await expect(page.getByTestId('proposal')).toHaveAttribute('data-status', 'proposed');

  // To 14:00–15:00: accepted exactly there.
  const target = nyAt(day, 14);
  await dragBy(
    page,
    page.getByTestId('week-view').locator('.week-event', { hasText: 'Budget' }).first(),
    (target - from) / (15 * 60_000),
  );
  await expect(page.getByTestId('proposal')).toHaveAttribute('data-status', 'accepted');
  await expect(page.getByTestId('drop-refused')).toHaveCount(0);
  await expect.poll(() => budgetEvents().length).toBe(1);
  const ev = budgetEvents()[0]!;
  expect(Date.parse(ev.start!.dateTime!)).toBe(target);
  expect(Date.parse(ev.end!.dateTime!)).toBe(target + HOUR);
  await expect(page.getByTestId('week-view').locator('.item-accepted')).toContainText('Budget');
  await page.screenshot({ path: 'test-results/screens/plan-drag-accepted.png', fullPage: true });

  // Undo: the Google event goes, the block is proposed again where the planner had it.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('proposal')).toHaveAttribute('data-status', 'proposed');
  await expect.poll(() => budgetEvents().length).toBe(0);
  expect(world.google.getEvent(world.user.email, ev.id!)?.status).toBe('cancelled');
  const [after] = await proposalOf(page);
  expect(after).toMatchObject({ start: before!.start, end: before!.end, status: 'proposed' });
  await expect(page.getByTestId('undo')).toHaveCount(0);
});

test('the week: zone named, a second zone on demand, all-day lane folded past three rows, overlaps side by side', async ({
  page,
}) => {
  await openWeekWith(page, 'Design review');
  await expect(page.getByTestId('week-zone')).toContainText(ZONE);
  await expect(page.getByTestId('gutter-zones')).toHaveText('New York');
  await page.getByTestId('second-zone').selectOption('Europe/Paris');
  await expect(page.getByTestId('gutter-zones')).toHaveText('New York · Paris');
  // 09:00 in New York is 15:00 in Paris in December.
  await expect(page.locator('.week-gutter .week-label', { hasText: /^09:00 · 15:00$/ })).toHaveCount(1);

  const week = page.getByTestId('week-view');
  await expect(week.locator('.week-allday .week-event', { hasText: 'Offsite' })).toHaveCount(3);
  await expect(week.getByText('+2 more')).toBeVisible();
  await week.getByText('+2 more').click();
  await expect(week.locator('.week-allday .week-event', { hasText: 'Offsite' })).toHaveCount(5);

  const a = (await week.locator('.week-event', { hasText: 'Vendor call' }).boundingBox())!;
  const b = (await week.locator('.week-event', { hasText: 'Hiring sync' }).boundingBox())!;
  // Side by side: their columns do not overlap, and each is wide enough to read.
  expect(a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1).toBe(true);
  expect(Math.min(a.width, b.width)).toBeGreaterThan(30);

  // The choice is kept for the next visit.
  await page.reload();
  await expect(page.getByTestId('gutter-zones')).toHaveText('New York · Paris');

  // The current time line shows on this week.
  await page.getByRole('button', { name: 'This week' }).click();
  await expect(week.locator('.week-now')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/plan-week-zones.png', fullPage: true });
});
