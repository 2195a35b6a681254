// react-big-calendar lays out every day column on every render of the week:
// its 'no-overlap' algorithm places each event through the slot metrics' date
// math and then compares every pair of the day's events, about half of a day
// column's render in a profile of a week with ~480 events. The week is drawn
// again right after it first appears (the library measures its time gutter and
// sets state) and on every drag step, with the same events in each column.
//
// This is the library's own 'no-overlap', remembered per column: when a column
// is laid out again with the same events (the same objects, in the same order)
// on the same grid (the same slots: first and last slot's instant, how many),
// the previous answer is given back. Anything else is laid out afresh, so the
// result is always the one the library would compute
// (tests/renderer/day-layout.test.ts holds it to that). The grid is named by
// its slots, not by the slot metrics object: react-big-calendar 1.20 builds a
// new one on every render (its update() compares a key made from the wrong
// fields, so it never matches).
import type { DayLayoutFunction } from 'react-big-calendar';
// @ts-expect-error -- the library ships no types for its layout modules (CommonJS, default export)
import noOverlapModule from 'react-big-calendar/lib/utils/layout-algorithms/no-overlap';

type Layout = ReturnType<DayLayoutFunction<object>>;
type Args = Parameters<DayLayoutFunction<object>>[0];

// Through the bundler's interop the CommonJS default can arrive wrapped once more (as the drag-and-drop addon does).
const noOverlap: (args: Args) => Layout =
  (noOverlapModule as { default?: (args: Args) => Layout }).default ?? noOverlapModule;

/** Columns remembered: a week's seven and the next week's, so stepping back and forth still finds them. */
const KEEP = 14;

interface Slots {
  groups: Date[][];
}

/** The column's grid: its first and last slot and how many groups of how many slots (which gives the step). */
function gridKey(slotMetrics: unknown): string {
  const { groups } = slotMetrics as Slots;
  const last = groups[groups.length - 1] ?? [];
  return `${+(groups[0]?.[0] ?? NaN)}/${+(last[last.length - 1] ?? NaN)}/${groups.length}x${groups[0]?.length ?? 0}`;
}

interface Entry<T extends object> {
  events: readonly T[];
  minimumStartDifference: number;
  layout: ReturnType<DayLayoutFunction<T>>;
}

const sameEvents = (a: readonly object[], b: readonly object[]) =>
  a.length === b.length && a.every((e, i) => e === b[i]);

/** A 'no-overlap' layout that answers a column laid out again with the same events from memory. */
export function createDayLayout<T extends object>(): DayLayoutFunction<T> {
  // In insertion order: the oldest goes first when more than KEEP columns have been laid out.
  const memo = new Map<string, Entry<T>>();
  return (args) => {
    // Each column also lays out its background events (the week has none) just before its events, on the same
    // grid: an empty list is answered at once and not remembered, so it does not push the column's entry out.
    if (args.events.length === 0) return noOverlap(args) as ReturnType<DayLayoutFunction<T>>;
    const key = gridKey(args.slotMetrics);
    const hit = memo.get(key);
    if (hit && hit.minimumStartDifference === args.minimumStartDifference && sameEvents(hit.events, args.events)) {
      return hit.layout;
    }
    const layout = noOverlap(args) as ReturnType<DayLayoutFunction<T>>;
    memo.delete(key);
    memo.set(key, { events: [...args.events], minimumStartDifference: args.minimumStartDifference, layout });
    if (memo.size > KEEP) memo.delete(memo.keys().next().value!);
    return layout;
  };
}
