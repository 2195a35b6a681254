// The remembered day layout (pages/plan/day-layout.ts) answers every call as
// react-big-calendar's own 'no-overlap' does: the oracle is the library's
// algorithm run afresh on the same column, through a sequence of redraws in
// which events come, go, change and columns move to other days.
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enUS } from 'date-fns/locale';
import fc from 'fast-check';
import { dateFnsLocalizer } from 'react-big-calendar';
// @ts-expect-error -- the library ships no types for its layout modules
import noOverlapModule from 'react-big-calendar/lib/utils/layout-algorithms/no-overlap';
// @ts-expect-error -- nor for its slot metrics
import * as timeSlots from 'react-big-calendar/lib/utils/TimeSlots';
import { describe, expect, it } from 'vitest';
import { createDayLayout } from '../../src/renderer/pages/plan/day-layout';

type Item = { id: number; start: Date; end: Date };
type Args = { events: Item[]; minimumStartDifference: number; slotMetrics: unknown; accessors: unknown };
const noOverlap = ((noOverlapModule as { default?: unknown }).default ?? noOverlapModule) as (
  a: Args,
) => { event: Item; style: object }[];
const getSlotMetrics = (timeSlots as { getSlotMetrics: (a: object) => unknown }).getSlotMetrics;

const localizer = dateFnsLocalizer({
  format,
  parse,
  startOfWeek: (d: Date) => startOfWeek(d, { weekStartsOn: 1 }),
  getDay,
  locales: { 'en-US': enUS },
});
const accessors = { start: (e: Item) => e.start, end: (e: Item) => e.end };
// A column as DayColumn builds it: a fresh slot metrics object on every render, for the day's bounds.
const column = (day: number) =>
  getSlotMetrics({
    min: new Date(2026, 2, day, 0, 0, 0),
    max: new Date(2026, 2, day, 23, 59, 59),
    step: 15,
    timeslots: 4,
    localizer,
  });
const args = (day: number, events: Item[]): Args => ({
  events,
  minimumStartDifference: 30,
  slotMetrics: column(day),
  accessors,
});

// Days around the European and North American DST changes of March 2026 too.
const item = (id: number, day: number) =>
  fc
    .record({ startQ: fc.integer({ min: 0, max: 95 }), lenQ: fc.integer({ min: 1, max: 16 }) })
    .map(({ startQ, lenQ }) => ({
      id,
      start: new Date(2026, 2, day, 0, startQ * 15),
      end: new Date(2026, 2, day, 0, startQ * 15 + lenQ * 15),
    }));
const step = fc.record({
  day: fc.constantFrom(7, 8, 9, 28, 29, 30),
  // What happens to the column's events before this redraw: kept as they are, one replaced, or all new.
  change: fc.constantFrom('same', 'replace-one', 'new', 'reorder', 'empty'),
  fresh: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
});

describe('createDayLayout', () => {
  it("answers every redraw as the library's no-overlap does, and from memory when nothing changed", () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 16 })), {
          minLength: 40,
          maxLength: 40,
        }),
        (steps, shapes) => {
          const layout = createDayLayout<Item>();
          const byDay = new Map<number, Item[]>();
          let id = 0;
          const make = (day: number, n: number) => {
            const [startQ, lenQ] = shapes[n % shapes.length]!;
            return {
              id: id++,
              start: new Date(2026, 2, day, 0, startQ * 15),
              end: new Date(2026, 2, day, 0, startQ * 15 + lenQ * 15),
            };
          };
          for (const s of steps) {
            const before = byDay.get(s.day);
            let events: Item[];
            if (!before || s.change === 'new') events = s.fresh.map((n) => make(s.day, n));
            else if (s.change === 'same') events = [...before];
            else if (s.change === 'replace-one')
              events = before.map((e, i) => (i === 0 ? make(s.day, s.fresh[0]!) : e));
            else if (s.change === 'reorder') events = [...before].reverse();
            else events = [];
            byDay.set(s.day, events);
            const a = args(s.day, events);
            const got = layout(a);
            expect(got).toEqual(noOverlap(args(s.day, events)));
            // Drawn again at once with the same events: the very same answer, not a new one (an empty column is
            // laid out afresh every time, which costs nothing).
            if (events.length) expect(layout(args(s.day, [...events]))).toBe(got);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps a column across the empty background-event layout drawn just before it', () => {
    const layout = createDayLayout<Item>();
    const events = fc.sample(fc.tuple(...[0, 1, 2, 3].map((i) => item(i, 9))), 1)[0]!;
    const first = layout(args(9, events));
    expect(layout(args(9, []))).toEqual([]);
    expect(layout(args(9, [...events]))).toBe(first);
  });
});
