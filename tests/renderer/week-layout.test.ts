// The Plan week's layout (pages/plan/week-layout.ts) against oracles written another way: overlapping
// blocks never share horizontal space, a cluster has exactly as many columns as blocks at its busiest
// moment and each block takes the first one free; every item lands in the column(s) of the days it
// covers, read through toDateString and Intl instead of the module's own date numbers, so a DST day of
// whatever zone the test runs in (any TZ; CI uses America/St_Johns) is checked too. The drag's snapping
// (week-layout.ts, used by pages/plan/week-drag.ts) is held to its definition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MINUTES,
  MIN_BLOCK_MINUTES,
  dragged,
  snapped,
  hiddenPerDay,
  layoutDay,
  layoutWeek,
  stackBars,
  type Placed,
} from '../../src/renderer/pages/plan/week-layout';

const block = fc.record({
  startMin: fc.integer({ min: 0, max: DAY_MINUTES - 1 }),
  length: fc.integer({ min: 0, max: 240 }),
});
const blocks = fc
  .array(block, { maxLength: 14 })
  .map((bs) =>
    bs.map((b, i) => ({ item: `b${i}`, startMin: b.startMin, endMin: Math.min(DAY_MINUTES, b.startMin + b.length) })),
  );

const overlaps = (a: { startMin: number; endMin: number }, b: { startMin: number; endMin: number }) =>
  a.startMin < b.endMin && b.startMin < a.endMin;

/** Groups of blocks linked by overlaps (union-find over every pair). */
function clusters<T>(ps: Placed<T>[]): Placed<T>[][] {
  const parent = ps.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < ps.length; i++)
    for (let j = i + 1; j < ps.length; j++) if (overlaps(ps[i]!, ps[j]!)) parent[find(i)] = find(j);
  const groups = new Map<number, Placed<T>[]>();
  for (let i = 0; i < ps.length; i++) groups.set(find(i), [...(groups.get(find(i)) ?? []), ps[i]!]);
  return [...groups.values()];
}

describe('layoutDay', () => {
  it('draws each block at its minutes (at least 15 tall, within the day)', () => {
    fc.assert(
      fc.property(blocks, (bs) => {
        const out = layoutDay(bs);
        expect(out.map((p) => p.item).sort()).toEqual(bs.map((b) => b.item).sort());
        for (const p of out) {
          const b = bs.find((x) => x.item === p.item)!;
          const start = Math.min(b.startMin, DAY_MINUTES - MIN_BLOCK_MINUTES);
          expect(p.startMin).toBe(start);
          expect(p.endMin).toBe(Math.min(DAY_MINUTES, Math.max(b.endMin, start + MIN_BLOCK_MINUTES)));
        }
      }),
    );
  });

  it('puts overlapping blocks side by side, as many columns as the busiest moment, each in the first free one', () => {
    fc.assert(
      fc.property(blocks, (bs) => {
        const out = layoutDay(bs);
        for (const a of out)
          for (const b of out)
            if (a !== b && overlaps(a, b))
              expect(a.left + a.width <= b.left + 1e-9 || b.left + b.width <= a.left + 1e-9).toBe(true);
        for (const group of clusters(out)) {
          // Intervals: the most at once is reached at some block's start.
          const busiest = Math.max(
            ...group.map((p) => group.filter((q) => q.startMin <= p.startMin && p.startMin < q.endMin).length),
          );
          for (const p of group) {
            expect(p.width).toBeCloseTo(1 / busiest, 12);
            const col = Math.round(p.left * busiest);
            expect(p.left).toBeCloseTo(col / busiest, 12);
            // First fit: every column to its left is taken, at its start, by a block that came before it.
            for (let c = 0; c < col; c++)
              expect(
                group.some(
                  (q) =>
                    Math.round(q.left * busiest) === c &&
                    overlaps(p, q) &&
                    (q.startMin < p.startMin || (q.startMin === p.startMin && q.endMin >= p.endMin)),
                ),
              ).toBe(true);
          }
        }
      }),
    );
  });

  it('blocks that only touch share the full width', () => {
    const out = layoutDay([
      { item: 'a', startMin: 540, endMin: 600 },
      { item: 'b', startMin: 600, endMin: 660 },
    ]);
    expect(out.map((p) => [p.item, p.left, p.width])).toEqual([
      ['a', 0, 1],
      ['b', 0, 1],
    ]);
  });
});

const bar = fc.record({ day: fc.integer({ min: 0, max: 6 }), span: fc.integer({ min: 1, max: 7 }) });

describe('stackBars and hiddenPerDay', () => {
  it('stacks bars that share a day in different rows, each in the top row free for it', () => {
    fc.assert(
      fc.property(fc.array(bar, { maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (raw, shown) => {
        const bars = raw.map((b, i) => ({ item: i, day: b.day, span: Math.min(b.span, 7 - b.day) }));
        const { lane, rows } = stackBars(bars);
        expect(lane.map((b) => b.item).sort((a, b) => a - b)).toEqual(bars.map((b) => b.item));
        expect(rows).toBe(lane.length ? Math.max(...lane.map((b) => b.row)) + 1 : 0);
        const meet = (a: { day: number; span: number }, b: { day: number; span: number }) =>
          a.day < b.day + b.span && b.day < a.day + a.span;
        for (const a of lane) {
          for (const b of lane) if (a !== b && a.row === b.row) expect(meet(a, b)).toBe(false);
          for (let r = 0; r < a.row; r++) expect(lane.some((b) => b.row === r && meet(a, b))).toBe(true);
        }
        const hidden = hiddenPerDay(lane, 7, shown);
        for (let d = 0; d < 7; d++)
          expect(hidden[d]).toBe(lane.filter((b) => b.row >= shown && b.day <= d && d < b.day + b.span).length);
      }),
    );
  });
});

// Read a local Date's wall clock through Intl (the process's zone), not through getHours().
const hm = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const wallMinutes = (d: Date) => {
  const [h, m, s] = hm.format(d).split(':').map(Number) as [number, number, number];
  return h * 60 + m + s / 60;
};
const nextMidnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);

interface Item {
  id: string;
  start: Date;
  end: Date;
  allDay: boolean;
}

const weekArb = fc
  .record({
    // Weeks around spring and autumn changes of most zones, and any other.
    year: fc.constantFrom(2024, 2026),
    month: fc.constantFrom(0, 2, 3, 9, 10),
    date: fc.integer({ min: 1, max: 28 }),
    items: fc.array(
      fc.record({
        day: fc.integer({ min: -3, max: 9 }),
        startMin: fc.integer({ min: 0, max: DAY_MINUTES - 1 }),
        length: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 4 * DAY_MINUTES })),
        allDay: fc.boolean(),
        days: fc.integer({ min: 1, max: 4 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ year, month, date, items }) => {
    const days = Array.from({ length: 7 }, (_, i) => new Date(year, month, date + i));
    const list: Item[] = items.map((it, i) => {
      if (it.allDay)
        return {
          id: `i${i}`,
          start: new Date(year, month, date + it.day),
          end: new Date(year, month, date + it.day + it.days),
          allDay: true,
        };
      const start = new Date(year, month, date + it.day, 0, it.startMin);
      return { id: `i${i}`, start, end: new Date(start.getTime() + it.length * 60_000), allDay: false };
    });
    return { days, list };
  });

describe('layoutWeek', () => {
  it('puts a timed block of one day in that day’s column at its wall clock, and the rest across the days they cover', () => {
    fc.assert(
      fc.property(weekArb, ({ days, list }) => {
        const { columns, lane } = layoutWeek(list, days);
        for (const item of list) {
          const inColumns = columns.flatMap((c, i) => c.filter((p) => p.item === item).map((p) => ({ p, i })));
          const inLane = lane.filter((b) => b.item === item);
          expect(inColumns.length + inLane.length).toBeLessThanOrEqual(1);
          const oneDay = !item.allDay && item.end.getTime() <= nextMidnight(item.start).getTime();
          if (oneDay) {
            expect(inLane).toHaveLength(0);
            const col = days.findIndex((d) => d.toDateString() === item.start.toDateString());
            if (col < 0) expect(inColumns).toHaveLength(0);
            else {
              expect(inColumns.map((x) => x.i)).toEqual([col]);
              const start = Math.min(wallMinutes(item.start), DAY_MINUTES - MIN_BLOCK_MINUTES);
              expect(inColumns[0]!.p.startMin).toBeCloseTo(start, 9);
              const end =
                item.end.getTime() === nextMidnight(item.start).getTime() ? DAY_MINUTES : wallMinutes(item.end);
              expect(inColumns[0]!.p.endMin).toBeCloseTo(
                Math.min(DAY_MINUTES, Math.max(end, start + MIN_BLOCK_MINUTES)),
                9,
              );
            }
            continue;
          }
          expect(inColumns).toHaveLength(0);
          const covered = days
            .map((d, i) => ({ d, i }))
            .filter(({ d }) =>
              item.allDay
                ? d.getTime() >= item.start.getTime() && d.getTime() < item.end.getTime()
                : item.start.getTime() < nextMidnight(d).getTime() && item.end.getTime() > d.getTime(),
            )
            .map(({ i }) => i);
          if (covered.length === 0) expect(inLane).toHaveLength(0);
          else expect(inLane.map((b) => [b.day, b.span])).toEqual([[covered[0], covered.length]]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('dragging a block', () => {
  it('snaps the pointer’s travel to the nearest quarter hour', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2000, max: 2000, noNaN: true }),
        fc.double({ min: 0.2, max: 4, noNaN: true }),
        (dy, ppm) => {
          const m = snapped(dy, ppm);
          expect(Math.abs(m % 15)).toBe(0);
          expect(Math.abs(m - dy / ppm)).toBeLessThanOrEqual(7.5 + 1e-9);
        },
      ),
    );
  });

  it('a move keeps the length and stays in the day; a resize keeps the start and 15 minutes at least', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 95 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: -100, max: 100 }),
        (q, len, dq) => {
          const start = q * 15;
          const end = Math.min(DAY_MINUTES, start + len * 15);
          const [s, e] = dragged('move', start, end, dq * 15);
          expect(e - s).toBe(end - start);
          expect(s).toBe(Math.max(0, Math.min(DAY_MINUTES - (end - start), start + dq * 15)));
          const [rs, re] = dragged('resize', start, end, dq * 15);
          expect(rs).toBe(start);
          expect(re).toBe(Math.min(DAY_MINUTES, Math.max(start + 15, end + dq * 15)));
        },
      ),
    );
  });
});
