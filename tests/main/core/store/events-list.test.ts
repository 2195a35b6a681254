// EventsRepo.list (store/events-repo.ts) against an oracle written in plain
// TypeScript over the rows the test wrote: which events a query returns, in
// which order, and what each one reads back as.
//
// Timed events are instants: returned when they overlap [from, to). All-day
// events are dates whose instants depend on the viewer's zone, so the query
// must return every one that overlaps the window in some real zone (UTC−12
// to UTC+14), and none whose dates lie more than a day from the window.
// (The first version missed the next day's events in zones east of UTC+10.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../../../src/main/core/store/event-row';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';

const H = 3_600_000;
const DAY = 24 * H;
const BASE = Date.UTC(2026, 5, 1);
const dayIso = (d: number): string => new Date(BASE + d * DAY).toISOString().slice(0, 10);

function seeded(): Store {
  const store = Store.open(':memory:');
  for (const acc of ['a1', 'a2']) {
    store.accounts.upsert({ id: acc, email: `${acc}@example.test`, scopes: [], tokenIssuedAt: 0 }, 0);
    store.calendars.replaceForAccount(
      acc,
      ['c1', 'c2'].map((id) => ({
        id,
        summary: id,
        timeZone: 'UTC',
        accessRole: 'owner' as const,
        primary: id === 'c1',
        color: null,
      })),
    );
  }
  return store;
}

interface Placed {
  accountId: string;
  calendarId: string;
  row: EventRow;
}

const placed: fc.Arbitrary<Placed> = fc
  .record({
    accountId: fc.constantFrom('a1', 'a2'),
    calendarId: fc.constantFrom('c1', 'c2'),
    allDay: fc.boolean(),
    // Timed: quarter-hour starts over ten days; all-day: whole days.
    start: fc.integer({ min: 0, max: 10 * 96 }),
    len: fc.integer({ min: 0, max: 3 * 96 }),
    day0: fc.integer({ min: 0, max: 10 }),
    days: fc.integer({ min: 1, max: 3 }),
    endTimeUnspecified: fc.boolean(),
    calsync: fc.constantFrom('none', 'both', 'task only', 'proposal only'),
  })
  .map((r) => ({
    accountId: r.accountId,
    calendarId: r.calendarId,
    row: eventRow('x', {
      allDay: r.allDay,
      startMs: r.allDay ? null : BASE + r.start * 15 * 60_000,
      endMs: r.allDay ? null : BASE + (r.start + r.len) * 15 * 60_000,
      startDate: r.allDay ? dayIso(r.day0) : null,
      endDate: r.allDay ? dayIso(r.day0 + r.days) : null,
      endTimeUnspecified: r.endTimeUnspecified,
      calsyncTaskId: r.calsync === 'both' || r.calsync === 'task only' ? 'task-1' : null,
      calsyncProposalId: r.calsync === 'both' || r.calsync === 'proposal only' ? 'prop-1' : null,
    }),
  }));

/** The instants an all-day event covers for a viewer at UTC offset `off`. */
const allDaySpan = (r: EventRow, off: number): [number, number] => [
  Date.parse(`${r.startDate}T00:00:00Z`) - off,
  Date.parse(`${r.endDate}T00:00:00Z`) - off,
];

describe('EventsRepo.list', () => {
  it('returns what the query asks for, ordered by start, calendar and id, each read back as written', () => {
    const store = seeded();
    fc.assert(
      fc.property(
        fc.array(placed, { maxLength: 14 }),
        fc.record({
          accountId: fc.option(fc.constantFrom('a1', 'a2'), { nil: undefined }),
          calendarId: fc.option(fc.constantFrom('c1', 'c2'), { nil: undefined }),
          // Any minute over the ten days, so window edges fall on and off midnight.
          fromMs: fc.option(fc.integer({ min: -DAY / 60_000, max: 11 * 24 * 60 }), { nil: undefined }),
          span: fc.integer({ min: 0, max: 4 * 24 * 60 }),
          toMs: fc.boolean(),
          limit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        }),
        (events, q) => {
          store.db.exec('DELETE FROM events');
          const rows = events.map((e, i) => ({ ...e, row: { ...e.row, id: `e${String(i).padStart(2, '0')}` } }));
          for (const e of rows) store.events.upsert(e.accountId, e.calendarId, e.row, null);
          const fromMs = q.fromMs === undefined ? undefined : BASE + q.fromMs * 60_000;
          const toMs = q.toMs ? (fromMs ?? BASE) + q.span * 60_000 : undefined;
          const got = store.events.list({
            accountId: q.accountId,
            calendarId: q.calendarId,
            fromMs,
            toMs,
            limit: q.limit,
          });

          const from = fromMs ?? -Infinity;
          const to = toMs ?? Infinity;
          const inScope = rows.filter(
            (e) =>
              (q.accountId === undefined || e.accountId === q.accountId) &&
              (q.calendarId === undefined || e.calendarId === q.calendarId),
          );
          const overlaps = ([s, t]: [number, number]): boolean => s < t && t > from && s < to;
          // Timed: exactly the events that overlap the window (a zero-length one at its very start does not).
          const must = inScope.filter((e) =>
            e.row.allDay
              ? [-12 * H, 0, 14 * H].some((off) => {
                  const [s, t] = allDaySpan(e.row, off);
                  // The extreme offsets suffice: in between, the span only slides between them.
                  return overlaps([s, t]);
                })
              : e.row.endMs! > from && e.row.startMs! < to,
          );
          const mayNot = inScope.filter((e) => {
            if (!e.row.allDay) return !must.includes(e);
            const [s, t] = allDaySpan(e.row, 0);
            return s - DAY > to || t + DAY < from;
          });
          const ids = new Set(got.map((e) => `${e.accountId}/${e.calendarId}/${e.id}`));
          const key = (e: Placed): string => `${e.accountId}/${e.calendarId}/${e.row.id}`;
          // With a limit, what is left out is checked through the limit below.
          if (q.limit === undefined) for (const e of must) expect(ids.has(key(e)), `missing ${key(e)}`).toBe(true);
          for (const e of mayNot) expect(ids.has(key(e)), `should not return ${key(e)}`).toBe(false);
          if (q.limit !== undefined) {
            // The limit cuts the ordered result: the same query without it, truncated.
            const all = store.events.list({ accountId: q.accountId, calendarId: q.calendarId, fromMs, toMs });
            expect(got).toEqual(all.slice(0, q.limit));
          }

          // Order: by start instant (an all-day event at its UTC midnight), then calendar, then id.
          const startOf = (e: { start: string | null; startDate: string | null }): number =>
            e.start !== null ? Date.parse(e.start) : Date.parse(`${e.startDate}T00:00:00Z`);
          for (let i = 1; i < got.length; i++) {
            const a = got[i - 1]!;
            const b = got[i]!;
            const order =
              startOf(a) - startOf(b) ||
              (a.calendarId < b.calendarId ? -1 : a.calendarId > b.calendarId ? 1 : 0) ||
              (a.id < b.id ? -1 : 1);
            expect(order).toBeLessThan(0);
          }

          // Each event reads back as it was written.
          for (const e of got) {
            const w = rows.find(
              (r) => r.accountId === e.accountId && r.calendarId === e.calendarId && r.row.id === e.id,
            )!;
            expect(e.account).toBe(`${w.accountId}@example.test`);
            expect(e.allDay).toBe(w.row.allDay);
            expect(e.start).toBe(w.row.startMs === null ? null : new Date(w.row.startMs).toISOString());
            expect(e.end).toBe(w.row.endMs === null ? null : new Date(w.row.endMs).toISOString());
            expect([e.startDate, e.endDate]).toEqual([w.row.startDate, w.row.endDate]);
            expect(e.endTimeUnspecified).toBe(w.row.endTimeUnspecified);
            // A calsync block is one only with both its task and its proposal.
            expect(e.calsync).toEqual(
              w.row.calsyncTaskId && w.row.calsyncProposalId
                ? { taskId: w.row.calsyncTaskId, proposalId: w.row.calsyncProposalId }
                : null,
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("returns the next day's all-day event to a window that ends after 10:00 UTC: it has begun in UTC+14", () => {
    const store = seeded();
    store.events.upsert(
      'a1',
      'c1',
      eventRow('tomorrow', { allDay: true, startMs: null, endMs: null, startDate: dayIso(3), endDate: dayIso(4) }),
      null,
    );
    // Day 3 begins at day 2, 10:00 UTC in Kiribati (UTC+14); a window ending at 12:00 UTC on day 2 overlaps it.
    const got = store.events.list({ fromMs: BASE + 2 * DAY, toMs: BASE + 2 * DAY + 12 * H });
    expect(got.map((e) => e.id)).toEqual(['tomorrow']);
    // Ending before 10:00 UTC it does not overlap in any zone, but a day's slack is allowed either way.
    expect(store.events.list({ fromMs: BASE, toMs: BASE + DAY }).map((e) => e.id)).toEqual([]);
  });
});
