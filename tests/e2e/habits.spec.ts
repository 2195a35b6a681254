// Habits in the window, against a real `calsync serve` and the fake Google:
// a daily lunch habit added on the Tasks page lands in the Plan week exactly
// where an oracle computed here from its window, the settings' zone, the
// buffer and the meetings says (each day's first free quarter hour of the
// window); a day whose window is booked is named with the reason; accepting
// one block writes a Google event at exactly that time; a meeting landing on
// it after a sync makes it a conflict whose move (the nearest free start in
// the window) moves the same Google event. The settings' zone has a
// half-hour offset and the browser runs in yet another zone, on purpose.
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

const ZONE = 'Asia/Kolkata';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const BUFFER = 10;
const LUNCH = { title: 'Lunch', duration: 60, from: '11:30', until: '13:30' };
let world: World;
let serve: ServeProcess;

// The grid's clock is written in the browser's locale: a 24-hour one here.
test.use({ timezoneId: 'America/St_Johns', locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

interface Interval {
  start: number;
  end: number;
}

const wallParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** The zone's wall clock at `t`, written as if it were UTC (for offsets). */
function wallAsUtc(t: number): number {
  const p = Object.fromEntries(wallParts.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!);
}
/** The instant of `minutes` past midnight on `ymd` in the settings' zone. */
function at(ymd: string, minutes: number): number {
  const guess = Date.parse(`${ymd}T00:00:00Z`) + minutes * MINUTE;
  const first = guess - (wallAsUtc(guess) - guess);
  return guess - (wallAsUtc(first) - first);
}
const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const ymdOf = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(t));
const addDays = (ymd: string, n: number) =>
  new Date(Date.parse(`${ymd}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const clock = (t: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(t),
  );
/** Keeps the buffer to every busy interval (the planner's rule, applied to both sides). */
const clear = (s: number, e: number, busy: Interval[]) =>
  busy.every((b) => b.end + BUFFER * MINUTE <= s || b.start - BUFFER * MINUTE >= e);

/** The window's quarter-hour starts on `ymd` where a full-length lunch fits. */
function starts(ymd: string, busy: Interval[]): number[] {
  const out: number[] = [];
  for (let m = hm(LUNCH.from); m + LUNCH.duration <= hm(LUNCH.until); m += 15) {
    const s = at(ymd, m);
    if (clear(s, s + LUNCH.duration * MINUTE, busy)) out.push(s);
  }
  return out;
}
/** The oracle: the planner takes each day's first start that fits (no minimum set: else the day is missed). */
function expectedOn(ymd: string, busy: Interval[]): Interval | null {
  const s = starts(ymd, busy)[0];
  return s === undefined ? null : { start: s, end: s + LUNCH.duration * MINUTE };
}

const today = ymdOf(Date.now());
// Tomorrow and the six days after it: wholly inside the 14-day horizon, and past today's lead time.
const days = [1, 2, 3, 4, 5, 6, 7].map((n) => addDays(today, n));
const [meetingDay, fullDay, acceptDay] = [days[1]!, days[2]!, days[3]!];
const meetings: Interval[] = [
  // Ends 12:15: with the buffer, lunch starts 12:30 that day.
  { start: at(meetingDay, hm('11:00')), end: at(meetingDay, hm('12:15')) },
  // The whole window booked: no lunch that day, and the Plan says why.
  { start: at(fullDay, hm('11:00')), end: at(fullDay, hm('14:00')) },
];

test.beforeAll(async () => {
  world = await startWorld();
  const app = world.app();
  await app.api.updateSettings({ timeZone: ZONE, bufferMinutes: BUFFER, leadTimeMinutes: 30, horizonDays: 14 });
  await world.login(app, { write: true });
  for (const [i, m] of meetings.entries())
    world.google.insertEvent(world.user.email, {
      summary: `Meeting ${i + 1}`,
      start: { dateTime: new Date(m.start).toISOString() },
      end: { dateTime: new Date(m.end).toISOString() },
    });
  await app.sync.request({ trigger: 'cli' });
  await app.close();
  serve = await startServe(world.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
});

async function call<T>(page: Page, op: string, data: unknown = {}): Promise<T> {
  const r = await page.request.post(`${serve.origin}/api/${op}`, {
    data,
    headers: { Authorization: `Bearer ${serve.token}` },
  });
  const body = (await r.json()) as { value: T };
  return body.value;
}

interface Block {
  id: string;
  habitId?: string;
  start: string;
  end: string;
  status: string;
  googleEventId: string | null;
  moveTo: { start: string; end: string } | null;
}

const calsyncEvents = () =>
  world.google.liveEvents(world.user.email).filter((e) => e.extendedProperties?.private?.calsyncProposalId);

test('a lunch habit added in the window is planned where the oracle says, accepted at Google, and moved off a new meeting', async ({
  page,
}) => {
  await page.goto(serve.url);
  await page.getByRole('link', { name: 'Tasks' }).click();
  const section = page.getByTestId('habits');
  await expect(section).toContainText('No habits yet');
  await section.getByRole('button', { name: 'New habit' }).click();
  const form = page.getByRole('form', { name: 'New habit' });
  await form.getByLabel('Title').fill(LUNCH.title);
  await form.getByLabel('Duration (minutes)').fill(String(LUNCH.duration));
  await form.getByLabel('Window from').fill(LUNCH.from);
  await form.getByLabel('Window until').fill(LUNCH.until);
  await form.getByRole('button', { name: 'Add habit' }).click();
  await expect(section.getByTestId('habit')).toContainText('60 min · Daily · 11:30–13:30 · P3 · never skipped');
  await page.screenshot({ path: 'test-results/screens/tasks-habits.png', fullPage: true });

  // The Plan plans when it opens.
  await page.getByRole('link', { name: 'Plan' }).click();
  const rows = page.getByTestId('proposal').and(page.locator('[data-kind=habit]'));
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('Habit');
  await expect(rows.first()).toContainText(LUNCH.title);
  await expect(page.getByTestId('habit-misses')).toContainText(`window ${LUNCH.from}–${LUNCH.until} fully booked`);

  // Every block: once a day, inside the window on its own day, clear of the meetings by the buffer.
  const blocks = (await call<Block[]>(page, 'listProposals', { status: 'all' })).filter((p) => p.habitId);
  const byDay = new Map(blocks.map((b) => [ymdOf(Date.parse(b.start)), b]));
  expect(byDay.size).toBe(blocks.length);
  for (const b of blocks) {
    const [s, e] = [Date.parse(b.start), Date.parse(b.end)];
    const ymd = ymdOf(s);
    expect(s).toBeGreaterThanOrEqual(at(ymd, hm(LUNCH.from)));
    expect(e).toBeLessThanOrEqual(at(ymd, hm(LUNCH.until)));
    expect(clear(s, e, meetings)).toBe(true);
  }
  // And on each of the next seven days exactly the oracle's block (none on the booked day).
  for (const ymd of days) {
    const want = expectedOn(ymd, meetings);
    const got = byDay.get(ymd);
    expect(got && { start: Date.parse(got.start), end: Date.parse(got.end) }, ymd).toEqual(want ?? undefined);
  }
  expect(expectedOn(meetingDay, meetings)!.start).toBe(at(meetingDay, hm('12:30')));
  expect(expectedOn(fullDay, meetings)).toBeNull();

  // The week shows them in their day's column at those times, marked as a habit's.
  const week = page.getByTestId('week-view');
  const monday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
  for (const offset of [0, 7]) {
    if (offset) await page.getByRole('button', { name: 'Next week →' }).click();
    for (const ymd of days) {
      const col = (Date.parse(`${ymd}T12:00:00Z`) - Date.parse(`${monday}T12:00:00Z`)) / DAY - offset;
      const want = expectedOn(ymd, meetings);
      if (col < 0 || col > 6 || !want) continue;
      const block = week
        .locator('.week-day')
        .nth(col)
        .locator('.week-event.item-habit', { hasText: `Habit · Proposed: ${LUNCH.title}` });
      await expect(block, ymd).toHaveCount(1);
      await expect(block.locator('.week-event-label')).toHaveText(`${clock(want.start)} – ${clock(want.end)}`);
    }
  }
  await page.screenshot({ path: 'test-results/screens/plan-habits.png', fullPage: true });

  // Accept the block of a free day: a Google event at exactly its time.
  const chosen = expectedOn(acceptDay, meetings)!;
  const row = rows.and(page.locator(`[data-start="${byDay.get(acceptDay)!.start}"]`));
  await row.getByRole('button', { name: /^Accept Lunch/ }).click();
  await expect(row).toHaveAttribute('data-status', 'accepted');
  await expect.poll(() => calsyncEvents().length).toBe(1);
  const [event] = calsyncEvents();
  expect(event!.summary).toBe(LUNCH.title);
  expect(Date.parse(event!.start!.dateTime!)).toBe(chosen.start);
  expect(Date.parse(event!.end!.dateTime!)).toBe(chosen.end);

  // A meeting lands on it; after the next sync it is a conflict whose move is the nearest free start that day.
  const late = { start: at(acceptDay, hm('11:15')), end: at(acceptDay, hm('12:00')) };
  world.google.insertEvent(world.user.email, {
    summary: 'Late meeting',
    start: { dateTime: new Date(late.start).toISOString() },
    end: { dateTime: new Date(late.end).toISOString() },
  });
  await call(page, 'syncNow', {});
  await page.getByRole('button', { name: 'Plan again' }).click();
  const conflict = page.getByTestId('proposal').and(page.locator('[data-status=conflict]'));
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('Habit');
  const free = starts(acceptDay, [...meetings, late]);
  const nearest = free.reduce((a, b) => (Math.abs(b - chosen.start) < Math.abs(a - chosen.start) ? b : a));
  expect(nearest).toBe(at(acceptDay, hm('12:15')));
  const [moving] = (await call<Block[]>(page, 'listProposals', { status: 'conflict' })).filter((p) => p.habitId);
  expect(moving!.moveTo && Date.parse(moving!.moveTo.start)).toBe(nearest);
  await conflict.getByRole('button', { name: /^Move Lunch/ }).click();
  await expect(conflict).toHaveCount(0);
  // The same Google event, now at the new time; no second one.
  await expect.poll(() => calsyncEvents().map((e) => Date.parse(e.start!.dateTime!))).toEqual([nearest]);
  const [moved] = calsyncEvents();
  expect(moved!.id).toBe(event!.id);
  expect(Date.parse(moved!.end!.dateTime!)).toBe(nearest + LUNCH.duration * MINUTE);
});
