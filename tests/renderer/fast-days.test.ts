// The Plan week's fast day comparisons (pages/plan/fast-days.ts) answer every
// call exactly as react-big-calendar's own localizer does: the oracle is an
// untouched dateFnsLocalizer. Dates are drawn around DST changes of the process's
// zone too (CI runs under America/St_Johns; any TZ must pass).
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enUS } from 'date-fns/locale';
import fc from 'fast-check';
import { dateFnsLocalizer } from 'react-big-calendar';
import { describe, expect, it } from 'vitest';
import { dayKey, withFastDays } from '../../src/renderer/pages/plan/fast-days';

const make = () =>
  dateFnsLocalizer({
    format,
    parse,
    startOfWeek: (d: Date) => startOfWeek(d, { weekStartsOn: 1 }),
    getDay,
    locales: { 'en-US': enUS },
  });
const oracle = make();
const fast = withFastDays(make());

// Instants near local midnights and near the zone's DST changes, where day arithmetic goes wrong first.
const NEAR = [
  '2026-03-08T06:30:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T00:59:59Z',
  '2026-11-01T05:00:00Z',
  '2024-02-29T23:59:59Z',
  '1999-12-31T23:30:00Z',
  '1991-10-27T03:30:00Z', // St John's fell back at 00:01: Oct 27 comes in two stretches
].map(Date.parse);
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2040, 0, 1) }),
  fc.tuple(fc.constantFrom(...NEAR), fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 })).map(([a, b]) => a + b),
  // Local midnights and the minutes around them.
  fc
    .tuple(fc.integer({ min: 1990, max: 2035 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 28 }))
    .chain(([y, m, d]) => fc.integer({ min: -90, max: 90 }).map((min) => +new Date(y, m, d) + min * 60_000)),
);
const date = instant.map((t) => new Date(t));

const localDate = (t: number) => {
  const x = new Date(t);
  return `${x.getFullYear()}-${x.getMonth()}-${x.getDate()}`;
};
/**
 * The oracle for a day's start, sharing nothing with the code under test: the least instant (to the
 * second) with the same local date, by bisection over the 27 hours before. react-big-calendar's own
 * startOf sets the hours then the minutes, which an engine may resolve an hour late on a day whose
 * clocks jumped just after midnight, so it is not the oracle for this unit.
 */
function firstInstantOfLocalDate(d: Date): number {
  const day = localDate(+d);
  let hi = Math.floor(+d / 1000) * 1000; // on the same date
  let lo = hi - 27 * 3_600_000; // on an earlier local date
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (localDate(mid) === day) hi = mid;
    else lo = mid;
  }
  return hi;
}
const unit = fc.constantFrom<string | undefined>('day', undefined, 'minutes', 'hours', 'month', 'week');
type Cmp = (a: Date, b: Date, u?: string) => boolean;
const loc = (l: unknown) => l as Record<string, (...args: never[]) => unknown>;

describe('withFastDays: the week view’s day comparisons', () => {
  it('orders local calendar dates as their midnights do', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const byMidnight = Math.sign(+oracle.startOf(a, 'day') - +oracle.startOf(b, 'day'));
        expect(Math.sign(dayKey(a) - dayKey(b))).toBe(byMidnight);
      }),
      { numRuns: 3000 },
    );
  });

  it('lt, lte, gt, gte, eq, neq answer as the original for every unit', () => {
    fc.assert(
      fc.property(
        date,
        fc.oneof(
          date,
          date.map((d) => new Date(+d + 1)),
        ),
        unit,
        (a, b, u) => {
          for (const op of ['lt', 'lte', 'gt', 'gte', 'eq', 'neq'] as const) {
            expect((fast[op] as Cmp)(a, b, u), `${op}(${a.toISOString()}, ${b.toISOString()}, ${u})`).toBe(
              (oracle[op] as Cmp)(a, b, u),
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('startOf a day begins a stretch of the local date; other units are passed through', () => {
    fc.assert(
      fc.property(date, unit, (d, u) => {
        const got = +fast.startOf(d, u as never);
        if (u !== 'day') {
          expect(got).toBe(+oracle.startOf(d, u as never));
          return;
        }
        // A day can come in two stretches (St John's fell back at 00:01 until 2011: 00:00–00:01, then the
        // evening before again, then the day from 00:00): the answer begins a stretch of d's date, at or before d.
        expect(got).toBeLessThanOrEqual(+d);
        expect(localDate(got)).toBe(localDate(+d));
        expect(localDate(got - 1000)).not.toBe(localDate(+d));
      }),
      { numRuns: 2000 },
    );
  });

  it('startOf a day where the clocks jumped just after midnight is still that midnight', () => {
    // St John's went to summer time at 00:01 until 2011. Node 22's V8 answers the original's
    // setHours(0) then setMinutes(0) on 1994-04-03 01:01 NDT with 02:00 NDT, an hour after the day
    // had begun; the fast path returns the day's real start on any engine.
    const d = new Date('1994-04-03T03:31:00.000Z');
    expect(+fast.startOf(d, 'day' as never)).toBe(firstInstantOfLocalDate(d));
  });

  it('inRange, isSameDate and inEventRange answer as the original', () => {
    fc.assert(
      fc.property(
        date,
        fc.option(date, { nil: null }),
        fc.option(date, { nil: null }),
        fc.constantFrom<string | undefined>(undefined, 'day', 'minutes'),
        (d, min, max, u) => {
          expect(loc(fast).inRange!(d as never, min as never, max as never, u as never)).toBe(
            loc(oracle).inRange!(d as never, min as never, max as never, u as never),
          );
          if (min) expect(fast.isSameDate(d, min)).toBe(oracle.isSameDate(d, min));
        },
      ),
      { numRuns: 2000 },
    );
    const span = fc.tuple(date, fc.integer({ min: 0, max: 3 * 86_400_000 })).map(([s, len]) => ({
      start: s,
      end: new Date(+s + len),
    }));
    fc.assert(
      fc.property(span, span, (event, range) => {
        const q = { event, range } as never;
        expect(loc(fast).inEventRange!(q)).toBe(loc(oracle).inEventRange!(q));
      }),
      { numRuns: 3000 },
    );
  });

  it('an invalid date compares as the original compares it', () => {
    const bad = new Date(NaN);
    const d = new Date(2026, 5, 1);
    for (const op of ['lt', 'lte', 'gt', 'gte', 'eq', 'neq'] as const) {
      expect((fast[op] as Cmp)(bad, d, 'day')).toBe((oracle[op] as Cmp)(bad, d, 'day'));
      expect((fast[op] as Cmp)(d, bad, 'day')).toBe((oracle[op] as Cmp)(d, bad, 'day'));
    }
  });
});
