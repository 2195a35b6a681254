// The Insights hours against a minute-by-minute oracle (./oracle.ts), in zones
// with DST (30-min shifts included) and weeks around their changes, all-day
// events, declined/transparent/cancelled copies, calendars that do not block
// time, calsync blocks and focus-time events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInsights, type InsightsCalendar } from '../../../../src/main/core/insights/insights';
import type { CachedEvent, WorkingHours } from '../../../../src/shared/domain';
import { insightsReportSchema } from '../../../../src/shared/insights';
import { oracle } from './oracle';

const MIN = 60_000;
const DAY = 86_400_000;
// Each zone with its 2026 clock changes (and a quiet day): "now" and the events land within days of one. No zone here
// moves its clocks at local midnight, so "the local date" of an instant has one answer either way.
const ZONE_ANCHORS: Array<[string, string[]]> = [
  ['UTC', ['2026-07-15']],
  ['Europe/Berlin', ['2026-03-29', '2026-10-25']],
  ['America/New_York', ['2026-03-08', '2026-11-01']],
  ['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']],
  ['Asia/Kathmandu', ['2026-01-07']],
  ['America/St_Johns', ['2026-03-08', '2026-11-01']],
];
const zoneArb = fc
  .constantFrom(...ZONE_ANCHORS)
  .chain(([zone, days]) =>
    fc.constantFrom(...days).map((d) => ({ timeZone: zone, anchor: Date.parse(`${d}T06:00:00Z`) })),
  );
const CALENDARS: InsightsCalendar[] = [
  { accountId: 'acc', id: 'mine', blocksTime: true, own: true },
  { accountId: 'acc', id: 'shared', blocksTime: true, own: false },
  { accountId: 'acc', id: 'holidays', blocksTime: false, own: false },
];

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 24 * 12 }), fc.integer({ min: 1, max: 12 * 12 }))
  .map(([a, len]): [string, string] => [hhmm(a * 5), hhmm(Math.min(24 * 60, a * 5 + len * 5))])
  .filter(([a, b]) => a < b);
const dayArb = fc.array(rangeArb, { maxLength: 2 });
const workingHoursArb: fc.Arbitrary<WorkingHours> = fc.record({
  mon: dayArb,
  tue: dayArb,
  wed: dayArb,
  thu: dayArb,
  fri: dayArb,
  sat: dayArb,
  sun: dayArb,
});

function base(id: string): CachedEvent {
  return {
    account: 'me@example.test',
    accountId: 'acc',
    calendarId: 'mine',
    id,
    iCalUID: null,
    status: 'confirmed',
    title: id,
    description: null,
    location: null,
    allDay: false,
    start: null,
    end: null,
    startDate: null,
    endDate: null,
    timeZone: null,
    endTimeUnspecified: false,
    recurringEventId: null,
    originalStartTime: null,
    transparency: 'opaque',
    eventType: 'default',
    selfResponse: null,
    updated: null,
    etag: null,
    calsync: null,
  };
}

const eventArb = (anchor: number) =>
  fc
    .record({
      allDay: fc.boolean(),
      startMin: fc.integer({ min: -4 * 24 * 60, max: 4 * 24 * 60 }),
      lengthMin: fc.integer({ min: 1, max: 8 * 60 }),
      days: fc.integer({ min: 1, max: 3 }),
      calendarId: fc.constantFrom('mine', 'shared', 'holidays'),
      status: fc.constantFrom('confirmed', 'confirmed', 'cancelled'),
      transparency: fc.constantFrom('opaque', 'opaque', 'transparent'),
      selfResponse: fc.constantFrom(null, 'accepted', 'declined', 'tentative'),
      eventType: fc.constantFrom('default', 'default', 'focusTime', 'birthday'),
      block: fc.boolean(),
      endTimeUnspecified: fc.constantFrom(false, false, false, true),
    })
    .map((r, i = 0): CachedEvent => {
      const e = base(`e${r.startMin}-${r.lengthMin}-${i}`);
      const start = anchor + r.startMin * MIN;
      const common = {
        calendarId: r.calendarId,
        status: r.status as CachedEvent['status'],
        transparency: r.transparency as CachedEvent['transparency'],
        selfResponse: r.selfResponse as CachedEvent['selfResponse'],
        eventType: r.eventType,
      };
      if (r.allDay) {
        const d = new Date(start).toISOString().slice(0, 10);
        const d2 = new Date(start + r.days * DAY).toISOString().slice(0, 10);
        return { ...e, ...common, allDay: true, startDate: d, endDate: d2 };
      }
      return {
        ...e,
        ...common,
        start: new Date(start).toISOString(),
        end: new Date(start + r.lengthMin * MIN).toISOString(),
        endTimeUnspecified: r.endTimeUnspecified,
        calsync: r.block ? { taskId: 't', proposalId: `p${r.startMin}` } : null,
      };
    });

const worldArb = fc
  .record({
    zone: zoneArb,
    shiftMin: fc.integer({ min: -9 * 24 * 60, max: 9 * 24 * 60 }),
    workingHours: workingHoursArb,
    allDayEventsBlock: fc.boolean(),
    weeksBack: fc.integer({ min: 1, max: 3 }),
    weeksAhead: fc.integer({ min: 0, max: 1 }),
  })
  .chain((w) => {
    const now = w.zone.anchor + w.shiftMin * MIN;
    return fc.array(eventArb(w.zone.anchor), { maxLength: 24 }).map((events) => ({
      ...w,
      timeZone: w.zone.timeZone,
      now,
      // Unique ids: one meeting per event (the own-copy rule is covered by the examples).
      events: events.map((e, i) => ({ ...e, id: `${e.id}-${i}` })),
    }));
  });

describe('computeInsights hours', () => {
  it('equal a minute-by-minute count of working time by kind, per week and per day', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const report = computeInsights({
          now: w.now,
          settings: { timeZone: w.timeZone, workingHours: w.workingHours, allDayEventsBlock: w.allDayEventsBlock },
          weeksBack: w.weeksBack,
          weeksAhead: w.weeksAhead,
          events: w.events,
          calendars: CALENDARS,
          runs: [],
          openTasks: [],
          lastPlan: null,
        });
        expect(insightsReportSchema.safeParse(report).success).toBe(true);
        const want = oracle({ ...w, calendars: CALENDARS });
        expect(
          report.weeks.map((x) => [
            x.weekStart,
            x.workingMinutes,
            x.meetingMinutes,
            x.plannedMinutes,
            x.focusMinutes,
            x.freeMinutes,
          ]),
        ).toEqual(want.weeks.map((x) => [x.weekStart, x.working, x.meeting, x.planned, x.focus, x.free]));
        expect(report.weeks.findIndex((x) => x.offset === 0)).toBe(w.weeksBack - 1);
        const busiest = [...want.days.entries()]
          .filter(([, d]) => d.meeting > 0)
          .map(([date, d]) => ({ date, meetingMinutes: d.meeting, workingMinutes: d.working }))
          .sort((a, b) => b.meetingMinutes - a.meetingMinutes || a.date.localeCompare(b.date))
          .slice(0, 5);
        expect(report.busiestDays).toEqual(busiest);
      }),
      { numRuns: 60 },
    );
  });
});
