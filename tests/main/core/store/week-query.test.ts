// The events of a window (the Plan page's week): the same rows, in the same
// order, as the definition "ends after `from` and starts before `to`" (all-day
// events by date, a day of slack either side: the day after `to`'s UTC date has
// begun in UTC+14 once `to` is past 10:00 UTC, so it counts), and read through the indexes of
// schema step 13, not by scanning the table.
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import type { EventRow } from '../../../../src/main/core/store/event-row';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function seeded(): Store {
  const store = Store.open(path.join(tmp(), 'c.db'));
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'Work', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
    { id: 'two', summary: 'Home', timeZone: 'UTC', accessRole: 'owner', primary: false, color: null },
  ]);
  return store;
}

/** Timed (instants, at most 40 days long) or all-day (dates), within ~60 days of T0. */
const arbEvent = fc.oneof(
  fc
    .record({ start: fc.integer({ min: -30 * DAY, max: 30 * DAY }), len: fc.integer({ min: 0, max: 40 * DAY }) })
    .map(({ start, len }): Partial<EventRow> => ({ startMs: T0 + start, endMs: T0 + start + len })),
  fc
    .record({ day: fc.integer({ min: -30, max: 30 }), days: fc.integer({ min: 1, max: 20 }) })
    .map(({ day, days }): Partial<EventRow> => ({
      allDay: true,
      startMs: null,
      endMs: null,
      startDate: isoDate(T0 + day * DAY),
      endDate: isoDate(T0 + (day + days) * DAY),
    })),
);

/** The window's definition, as the query said before step 13 (and still says without both bounds). */
function overlaps(e: Partial<EventRow>, from: number, to: number): boolean {
  if (e.allDay) return e.endDate! > isoDate(from - DAY) && e.startDate! <= isoDate(to + DAY);
  return e.endMs! > from && e.startMs! < to;
}

const sortKey = (e: Partial<EventRow>) => e.startMs ?? Date.parse(`${e.startDate}T00:00:00Z`);

describe('the events of a window', () => {
  it('are exactly the overlapping events, ordered by start, calendar and id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbEvent, fc.constantFrom('cal', 'two')), { maxLength: 40 }),
        fc.integer({ min: -40 * DAY, max: 40 * DAY }),
        fc.integer({ min: 1, max: 10 * DAY }),
        fc.option(fc.integer({ min: 1, max: 10 })),
        (events, fromOffset, width, limit) => {
          const s = seeded();
          try {
            const rows = events.map(([e, cal], i) => ({ ...e, id: `e${String(i).padStart(2, '0')}`, cal }));
            for (const r of rows) s.events.insert('acc', r.cal, eventRow(r.id, r), null);
            const from = T0 + fromOffset;
            const to = from + width;
            const expected = rows
              .filter((r) => overlaps(r, from, to))
              .sort((a, b) => sortKey(a) - sortKey(b) || a.cal.localeCompare(b.cal) || a.id.localeCompare(b.id))
              .map((r) => `${r.cal}/${r.id}`)
              .slice(0, limit ?? undefined);
            const got = s.events
              .list({ fromMs: from, toMs: to, limit: limit ?? undefined })
              .map((e) => `${e.calendarId}/${e.id}`);
            expect(got).toEqual(expected);
            // One calendar: the same, filtered.
            const one = s.events.list({ calendarId: 'two', fromMs: from, toMs: to }).map((e) => e.id);
            expect(one).toEqual(
              rows
                .filter((r) => r.cal === 'two' && overlaps(r, from, to))
                .sort((a, b) => sortKey(a) - sortKey(b) || a.id.localeCompare(b.id))
                .map((r) => r.id),
            );
          } finally {
            s.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads through the end-then-start indexes, never scanning the events table', () => {
    const s = seeded();
    for (let i = 0; i < 500; i++) {
      s.events.insert(
        'acc',
        'cal',
        eventRow(`t${i}`, { startMs: T0 + i * 3_600_000, endMs: T0 + i * 3_600_000 + 1 }),
        null,
      );
      const d = isoDate(T0 + i * DAY);
      s.events.insert(
        'acc',
        'two',
        eventRow(`d${i}`, { allDay: true, startMs: null, endMs: null, startDate: d, endDate: d }),
        null,
      );
    }
    const plans: string[] = [];
    const db = s.db;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      if (/^\s*SELECT \* FROM \(SELECT e\.\*/.test(sql))
        plans.push(
          ...(
            prepare(`EXPLAIN QUERY PLAN ${sql}`).all({
              fromMs: 0,
              toMs: 1,
              fromDate: 'a',
              toDate: 'b',
              limit: 1,
            }) as Array<{
              detail: string;
            }>
          ).map((r) => r.detail),
        );
      return prepare(sql);
    }) as typeof db.prepare;
    expect(s.events.list({ fromMs: T0 + 7 * DAY, toMs: T0 + 14 * DAY, limit: 20_000 })).toHaveLength(7 * 24 + 9);
    db.prepare = prepare;
    s.close();
    expect(plans).toContainEqual(expect.stringMatching(/^SEARCH e USING INDEX events_end \(end_ms>\?\)/));
    expect(plans).toContainEqual(expect.stringMatching(/^SEARCH e USING INDEX events_end_date \(end_date>\?\)/));
    expect(plans.filter((p) => /^SCAN e\b/.test(p))).toEqual([]);
  });
});
