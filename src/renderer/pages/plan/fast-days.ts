// react-big-calendar's date math (date-arithmetic) answers "same day?" and
// "before that day?" by building each side's local midnight, four to six new
// Dates per side. A week with ~480 events asks it tens of thousands of times
// per render: every day column filters every event of the week by day
// (inRange), and the week sorts events into the all-day lane and the grid
// (inEventRange, isSameDate); in a profile of the Plan page's first render
// that was the largest single cost in the calendar's own code.
//
// For the 'day' unit, comparing local calendar dates (year, month, day) orders
// dates exactly as comparing their local midnights does: a midnight lies
// within its own calendar day (at 01:00 where the zone skips midnight, as both
// date-arithmetic and the Date constructor put it), so one day's midnight is
// always later than the day before's. These wrappers answer the 'day' unit so,
// without allocating, and hand every other unit to the localizer's own
// functions. tests/renderer/fast-days.test.ts holds them to the originals.
import type { DateLocalizer } from 'react-big-calendar';

type Unit = string | undefined;
type Compare = (a: Date, b: Date, unit?: Unit) => boolean;

// date-arithmetic reads anything through new Date(x) first: so does this (an
// invalid date gives NaN, which compares false both ways, as there).
const asDate = (d: unknown): Date => (d instanceof Date ? d : new Date(d as string | number));

/** The local calendar date as one number, in the same order as the dates (month 0–11 and day 1–31 fit under 512). */
export function dayKey(d: unknown): number {
  const x = asDate(d);
  return x.getFullYear() * 512 + x.getMonth() * 32 + x.getDate();
}

/** The same localizer, with its day-unit comparisons answered from the calendar date. */
export function withFastDays<L extends DateLocalizer>(localizer: L): L {
  const l = localizer as unknown as Record<string, unknown>;
  const orig = {
    lt: l.lt as Compare,
    lte: l.lte as Compare,
    gt: l.gt as Compare,
    gte: l.gte as Compare,
    eq: l.eq as Compare,
    neq: l.neq as Compare,
    startOf: l.startOf as (d: Date, unit?: Unit, firstOfWeek?: number) => Date,
    inRange: l.inRange as (day: Date, min: Date | null, max: Date | null, unit?: Unit) => boolean,
  };
  const byDay =
    (fallback: Compare, op: (a: number, b: number) => boolean): Compare =>
    (a, b, unit) =>
      unit === 'day' ? op(dayKey(a), dayKey(b)) : fallback(a, b, unit);
  const lt = byDay(orig.lt, (a, b) => a < b);
  const lte = byDay(orig.lte, (a, b) => a <= b);
  const gt = byDay(orig.gt, (a, b) => a > b);
  const gte = byDay(orig.gte, (a, b) => a >= b);
  const eq = byDay(orig.eq, (a, b) => a === b);
  const neq = byDay(orig.neq, (a, b) => a !== b);
  Object.assign(l, {
    lt,
    lte,
    gt,
    gte,
    eq,
    neq,
    startOf: (d: Date, unit?: Unit, firstOfWeek?: number) => {
      if (unit !== 'day') return orig.startOf(d, unit, firstOfWeek);
      const x = asDate(d);
      return new Date(x.getFullYear(), x.getMonth(), x.getDate());
    },
    // date-arithmetic's inRange: the unit defaults to 'day'; a missing bound does not limit.
    inRange: (day: Date, min: Date | null, max: Date | null, unit?: Unit) => {
      if (unit && unit !== 'day') return orig.inRange(day, min, max, unit);
      return (!min || gte(day, min, 'day')) && (!max || lte(day, max, 'day'));
    },
    isSameDate: (a: Date, b: Date) => eq(a, b, 'day'),
    // react-big-calendar's inEventRange: the event's start day is not after the range's end, and its end is
    // after the range's start (or at it, for an event of zero minutes).
    inEventRange: ({
      event: { start, end },
      range: { start: rangeStart, end: rangeEnd },
    }: {
      event: { start: Date; end: Date };
      range: { start: Date; end: Date };
    }) => {
      const startsBeforeEnd = dayKey(start) <= dayKey(rangeEnd);
      if (!startsBeforeEnd) return false;
      const sameMin = orig.neq(orig.startOf(start, 'day'), end, 'minutes');
      return sameMin ? orig.gt(end, rangeStart, 'minutes') : orig.gte(end, rangeStart, 'minutes');
    },
  });
  return localizer;
}
