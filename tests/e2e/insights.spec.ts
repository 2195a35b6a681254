// The Insights page against known data: a real `calsync serve` and the fake
// Google, with meetings this week and next week whose minutes the test knows.
// The expected numbers come from an oracle here that works minute by minute
// from the events this spec made (shares no code with core/insights): each
// working minute is a meeting, a planned block, focus or free, by the rules
// the page states. The table, the chart's summary and its bars, the busiest
// days and the tasks at risk must say exactly that. The settings' zone
// (Asia/Kolkata, UTC+5:30) is usually neither the browser's nor the process's.
import { expect, test, type Page } from '@playwright/test';
import { intlOffsetMs } from '../helpers/intl-offset';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { startWorld, type World } from '../helpers/world';

// The Node typecheck has no DOM library; the few element members read inside
// the page are named here (Playwright types the elements as SVG or HTML stubs).
interface DomNode {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { height: number };
  closest(selector: string): unknown;
  tagName: string;
  textContent: string | null;
}

const ZONE = 'Asia/Kolkata';
const MIN = 60_000;
const DAY_MS = 86_400_000;
const WEEKS_BACK = 8; // the page's default: this week and 7 before
const WEEKS_AHEAD = 2;
const FOCUS_STRETCH = 120; // minutes, as the page says
const WORK = { from: 9 * 60, to: 17 * 60 }; // Monday–Friday
let world: World;
let serve: ServeProcess;

// The browser keeps the process's zone (TZ), so runs under other TZs move it too.
test.use({ locale: 'en-GB' });
test.describe.configure({ mode: 'serial' });

// ── civil dates and the zone, worked out here (not with the app's zone code) ──

const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday. */
const weekday = (date: string): number => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
const todayInZone = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

/** Minutes ZONE is ahead of UTC at instant t (ZONE's offsets are whole minutes). */
const offsetAt = (t: number): number => intlOffsetMs(ZONE, t) / MIN;

/** The instant whose wall clock in ZONE reads `date` at `minutes` past midnight. */
function at(date: string, minutes: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MIN;
  const guess = wall - offsetAt(wall) * MIN;
  return wall - offsetAt(guess) * MIN;
}

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

// ── the events this spec puts at Google ──

interface Made {
  summary: string;
  /** 0 = this week, 1 = next week (weeks start on Monday in ZONE). */
  week: number;
  day: number;
  from: string;
  to: string;
  declined?: boolean;
  transparent?: boolean;
  focusTime?: boolean;
  /** Carries calsync's markers (task and proposal ids), as an accepted task block does. */
  block?: boolean;
  /** On a calendar shared in read-only (it does not block the user's time). */
  shared?: boolean;
}

const MADE: Made[] = [
  { summary: 'Standup', week: 0, day: 0, from: '10:00', to: '11:00' },
  { summary: 'Design review', week: 0, day: 0, from: '10:30', to: '12:00' }, // overlaps: the union counts
  { summary: 'Early call', week: 0, day: 1, from: '08:00', to: '09:15' }, // 15 min in working hours
  { summary: 'Late review', week: 0, day: 1, from: '16:00', to: '18:00' }, // 60 min in working hours
  { summary: 'Offsite prep', week: 0, day: 2, from: '13:00', to: '14:30', declined: true },
  { summary: 'Lunch and learn', week: 0, day: 2, from: '09:00', to: '10:00', transparent: true },
  { summary: 'Budget', week: 0, day: 3, from: '09:00', to: '11:00', block: true },
  { summary: 'Vendor call', week: 0, day: 3, from: '10:00', to: '10:45' }, // a meeting wins over the block
  { summary: 'Deep work', week: 0, day: 4, from: '14:00', to: '16:00', focusTime: true },
  { summary: 'Team standup', week: 0, day: 4, from: '11:00', to: '12:00', shared: true },
  { summary: 'Weekend meetup', week: 0, day: 5, from: '10:00', to: '12:00' }, // Saturday: no working hours
  { summary: 'Planning', week: 1, day: 0, from: '09:00', to: '09:30' },
  { summary: 'Workshop', week: 1, day: 2, from: '11:00', to: '13:00' },
  { summary: 'Interviews', week: 1, day: 3, from: '13:00', to: '15:00' },
];

type Kind = 'meeting' | 'planned' | 'focus' | 'free';

/** What an event is to the week's hours, by the rules the page states. */
function role(m: Made): 'meeting' | 'planned' | 'focus-event' | null {
  if (m.declined || m.transparent || m.shared) return null;
  if (m.block) return 'planned';
  return m.focusTime ? 'focus-event' : 'meeting';
}

interface Expected {
  weeks: Map<string, Record<Kind | 'working', number>>;
  days: Map<string, { meeting: number; working: number }>;
}

/** The oracle: every working minute of the ten weeks, given one kind. */
function expected(monday: string, made: Array<Made & { start: number; end: number }>): Expected {
  const weeks: Expected['weeks'] = new Map();
  const days: Expected['days'] = new Map();
  const covers = (r: string, t: number) => made.some((m) => role(m) === r && m.start <= t && t < m.end);
  for (let w = -(WEEKS_BACK - 1); w <= WEEKS_AHEAD; w++) {
    const weekStart = addDays(monday, 7 * w);
    const sum = { working: 0, meeting: 0, planned: 0, focus: 0, free: 0 };
    for (let d = 0; d < 5; d++) {
      const date = addDays(weekStart, d);
      const day = { meeting: 0, working: 0 };
      let open = 0; // the current run of unclaimed minutes
      const closeRun = () => {
        sum[open >= FOCUS_STRETCH ? 'focus' : 'free'] += open;
        open = 0;
      };
      for (let t = at(date, WORK.from); t < at(date, WORK.to); t += MIN) {
        day.working++;
        if (covers('meeting', t)) day.meeting++;
        const kind = covers('meeting', t)
          ? 'meeting'
          : covers('planned', t)
            ? 'planned'
            : covers('focus-event', t)
              ? 'focus'
              : null;
        if (kind) {
          closeRun();
          sum[kind]++;
        } else open++;
      }
      closeRun();
      sum.working += day.working;
      if (day.meeting > 0) days.set(date, day);
    }
    weeks.set(weekStart, sum);
  }
  return { weeks, days };
}

/** Minutes as the page writes them: "7 h 30 min", "1 h". */
function hours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return minutes % 60 ? `${h} h ${minutes % 60} min` : `${h} h`;
}

let monday: string;
let oracle: Expected;
let made: Array<Made & { start: number; end: number }>;

test.beforeAll(async () => {
  world = await startWorld();
  const app = world.app();
  const day = [['09:00', '17:00'] as [string, string]];
  await app.api.updateSettings({
    timeZone: ZONE,
    workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  });
  await world.login(app);
  const me = world.user.email;
  const shared = world.google.addCalendar(me, { summary: 'Team (shared)', accessRole: 'reader', timeZone: ZONE });
  monday = addDays(todayInZone(), -weekday(todayInZone()));
  made = MADE.map((m) => {
    const date = addDays(monday, 7 * m.week + m.day);
    return { ...m, start: at(date, hhmm(m.from)), end: at(date, hhmm(m.to)) };
  });
  for (const m of made)
    world.google.insertEvent(m.shared ? shared : me, {
      summary: m.summary,
      start: { dateTime: new Date(m.start).toISOString() },
      end: { dateTime: new Date(m.end).toISOString() },
      ...(m.transparent ? { transparency: 'transparent' } : {}),
      ...(m.focusTime ? { eventType: 'focusTime' } : {}),
      ...(m.declined ? { attendees: [{ email: me, self: true, responseStatus: 'declined' }] } : {}),
      ...(m.block
        ? { extendedProperties: { private: { calsyncTaskId: 'task-budget', calsyncProposalId: 'proposal-budget' } } }
        : {}),
    });
  await app.sync.request({ trigger: 'cli' });
  // Past due and still open: a task at risk whatever the planner thinks of the week.
  await app.api.addTask({
    title: 'File expenses',
    durationMinutes: 30,
    due: new Date(Date.now() - DAY_MS).toISOString(),
  });
  await app.close();
  oracle = expected(monday, made);
  serve = await startServe(world.env);
});

test.afterAll(async () => {
  await serve?.stop();
  await world?.close();
});

async function openInsights(page: Page): Promise<void> {
  await page.goto(serve.url);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.locator('main h1')).toHaveText('Insights');
  await expect(page.getByTestId('insights-weeks')).toBeVisible();
}

test('the oracle itself: the events made give the meeting minutes worked out by hand', () => {
  // A check on the oracle before it judges the app: 10:00–12:00, 08:00–09:15 and 16:00–18:00 clipped, the call over the block.
  const m = (w: number) => oracle.weeks.get(addDays(monday, 7 * w))!;
  expect(m(0)).toMatchObject({ meeting: 120 + 75 + 45, planned: 75, working: 2400 });
  expect(m(1)).toMatchObject({ meeting: 30 + 120 + 120, planned: 0, working: 2400 });
  expect(m(-1)).toEqual({ working: 2400, meeting: 0, planned: 0, focus: 2400, free: 0 });
});

test('the week table shows exactly the hours of each week', async ({ page }) => {
  await openInsights(page);
  const table = page.getByTestId('insights-weeks');
  await expect(table.locator('caption')).toHaveText(`Working hours per week in ${ZONE}`);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(WEEKS_BACK + WEEKS_AHEAD);
  // Oldest first, Mondays in the settings' zone, this week marked as the current one.
  expect(await rows.evaluateAll((rs) => rs.map((r) => (r as unknown as DomNode).getAttribute('data-week')))).toEqual([
    ...oracle.weeks.keys(),
  ]);
  await expect(table.locator('tr[aria-current="date"]')).toHaveAttribute('data-week', monday);
  await expect(table.locator('tr[aria-current="date"] th')).toContainText('(this week)');
  for (const [weekStart, want] of oracle.weeks) {
    const row = table.locator(`tr[data-week="${weekStart}"]`);
    await expect(row.locator('[data-kind=meetingMinutes]'), `meetings, week of ${weekStart}`).toHaveText(
      hours(want.meeting),
    );
    await expect(row.locator('[data-kind=plannedMinutes]'), `planned, week of ${weekStart}`).toHaveText(
      hours(want.planned),
    );
    await expect(row.locator('[data-kind=focusMinutes]'), `focus, week of ${weekStart}`).toHaveText(hours(want.focus));
    await expect(row.locator('[data-kind=freeMinutes]'), `free, week of ${weekStart}`).toHaveText(hours(want.free));
    await expect(row.locator('[data-kind=workingMinutes]')).toHaveText(hours(want.working));
  }
  await page.screenshot({ path: 'test-results/screens/insights.png', fullPage: true });
});

test('the chart draws the same totals: its summary, and meeting bars only for the weeks with meetings', async ({
  page,
}) => {
  await openInsights(page);
  const total = (k: Kind) => [...oracle.weeks.values()].reduce((a, w) => a + w[k], 0);
  const summary =
    `${WEEKS_BACK + WEEKS_AHEAD} weeks: meetings ${hours(total('meeting'))}, planned blocks ${hours(total('planned'))}, ` +
    `focus ${hours(total('focus'))}, free ${hours(total('free'))}. The table below has each week.`;
  const chart = page.locator('figure.insights-chart');
  await expect(chart).toHaveAttribute('aria-label', summary);
  await expect(chart.locator('figcaption')).toHaveText(summary);
  // The picture itself: one stacked column per week, hidden from assistive technology (the table speaks for it).
  await expect(chart.locator('[aria-hidden="true"] .recharts-wrapper > svg.recharts-surface')).toBeVisible();
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['Meetings', 'Planned blocks', 'Focus', 'Free']);
  // Bars are heights: the meeting bars of this week and next week stand in the ratio of their minutes.
  const meetingBars = chart.locator('.recharts-bar').first().locator('path.recharts-rectangle');
  const weeksWithMeetings = [...oracle.weeks.values()].filter((w) => w.meeting > 0);
  await expect(meetingBars).toHaveCount(weeksWithMeetings.length);
  const heights = await meetingBars.evaluateAll((bars) =>
    bars.map((b) => (b as unknown as DomNode).getBoundingClientRect().height),
  );
  const [a, b] = weeksWithMeetings.map((w) => w.meeting);
  expect(heights[0]! / heights[1]!).toBeCloseTo(a! / b!, 1);
});

test('the busiest days are the days with the most meeting time, ties in date order, five at most', async ({ page }) => {
  await openInsights(page);
  const want = [...oracle.days.entries()]
    .sort(([da, a], [db, b]) => b.meeting - a.meeting || da.localeCompare(db))
    .slice(0, 5);
  expect(oracle.days.size).toBeGreaterThan(5); // so the cut is tested too
  const rows = page.getByTestId('insights-days').locator('tbody tr');
  await expect(rows).toHaveCount(want.length);
  // The day in the page's locale (en-GB: "Mon 7 Dec 2026"; ICU versions differ only in commas), then the minutes.
  const label = (date: string) => {
    const d = new Date(`${date}T00:00:00Z`);
    const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
    return new RegExp(`^${wd},? ${d.getUTCDate()} ${mon},? ${d.getUTCFullYear()}$`);
  };
  for (const [i, [date, d]] of want.entries()) {
    const row = rows.nth(i);
    await expect(row.locator('th')).toHaveText(label(date));
    await expect(row.locator('td')).toHaveText([hours(d.meeting), hours(d.working)]);
  }
});

test('tasks at risk and sync health read from the cache', async ({ page }) => {
  await openInsights(page);
  const risk = page.getByTestId('insights-risk').locator('tbody tr');
  await expect(risk).toHaveCount(1);
  await expect(risk.locator('th')).toHaveText('File expenses');
  await expect(risk.locator('td').nth(1)).toContainText('Past due');
  // Every sync so far succeeded (the one above, and any serve ran itself).
  await expect(page.getByTestId('insights-health')).toContainText(/(\d+) of \1 recent syncs \(100\s?%\)/);
  await expect(page.getByTestId('insights-health').locator('dd').nth(2)).toHaveText('none');
});

test('the page is reached from the navigation by keyboard, and no Tab stop hides inside the chart', async ({
  page,
}) => {
  await page.goto(serve.url);
  await expect(page.locator('main h1')).toHaveText('Status');
  const focused = page.locator(':focus');
  const focusedText = async () => ((await focused.count()) ? (await focused.first().innerText()).trim() : '');
  let presses = 0;
  while (presses < 20 && (await focusedText()) !== 'Insights') {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(await focusedText(), 'the Insights link takes focus from the keyboard').toBe('Insights');
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText('Insights');
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.getByTestId('insights-weeks')).toBeVisible();
  await expect(page.locator('nav a[aria-current="page"]')).toHaveText('Insights');
  // Tab through the whole page: every stop is visible and none sits in the aria-hidden picture.
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await focused.count()) === 0) break; // past the last stop: focus is back on the document
    await expect(focused).toBeVisible();
    const stop = await focused.evaluate((node) => {
      const el = node as unknown as DomNode;
      return (
        `${el.closest('[aria-hidden="true"]') ? 'HIDDEN ' : ''}${el.tagName.toLowerCase()}:` +
        (el.textContent ?? '').trim().slice(0, 30)
      );
    });
    if (stops.includes(stop)) break;
    stops.push(stop);
  }
  expect(stops.filter((s) => s.startsWith('HIDDEN ') || s.startsWith('svg'))).toEqual([]);
});
