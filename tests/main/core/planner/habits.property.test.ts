import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWithHabits } from '../../../../src/main/core/planner';
import type { HabitPlanInput, Interval, PlannerHabit } from '../../../../src/main/core/planner/types';
import type { Priority } from '../../../../src/shared/domain';
import { WEEKDAYS } from '../../../../src/shared/domain';
import { planInput, ZONES } from './helpers/arbitraries';
import { checkHabits, overlapsWithin } from './helpers/habit-checker';
import { checkPlan } from './helpers/checker';
import { wallAt } from './helpers/wall';

const MIN = 60_000;
const Q = 15 * MIN;
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A habit with a window at 5-minute marks (between `lo` and `hi` minutes of the day) that holds its duration. */
function habit(id: string, lo = 0, hi = 24 * 60): fc.Arbitrary<PlannerHabit> {
  return fc
    .record({
      a: fc.integer({ min: lo / 5, max: hi / 5 - 3 }),
      len: fc.integer({ min: 3, max: 60 }),
      dur: fc.constantFrom(15, 20, 30, 45, 60, 90),
      min: fc.constantFrom(null, 15, 30),
      freq: fc.oneof(
        fc.constant({ kind: 'daily' as const }),
        fc.subarray([...WEEKDAYS], { minLength: 1 }).map((days) => ({ kind: 'weekdays' as const, days })),
        fc.integer({ min: 1, max: 7 }).map((times) => ({ kind: 'timesPerWeek' as const, times })),
      ),
      priority: fc.integer({ min: 1, max: 4 }),
      droppable: fc.boolean(),
    })
    .filter((r) => r.a * 5 + r.len * 5 <= hi && r.dur <= r.len * 5)
    .map((r) => ({
      id,
      durationMinutes: r.dur,
      minDurationMinutes: r.min !== null && r.min <= r.dur ? r.min : null,
      frequency: r.freq,
      window: { start: hhmm(r.a * 5), end: hhmm(r.a * 5 + r.len * 5) },
      priority: r.priority as Priority,
      droppable: r.droppable,
    }));
}

const withHabits = (maxHabits: number): fc.Arbitrary<HabitPlanInput> =>
  fc
    .tuple(
      planInput({ maxHorizonDays: 9 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: maxHabits }),
      fc.array(habit('x'), { minLength: maxHabits, maxLength: maxHabits }),
    )
    .map(([input, picks, hs]) => ({
      ...input,
      habits: hs.slice(0, picks.length).map((h, i) => ({ ...h, id: `habit${i}` })),
    }));

describe('planWithHabits() on random inputs', () => {
  it('no habit block outside its window, over busy time or another block; at most one a day, N a week', () => {
    fc.assert(
      fc.property(withHabits(3), (input) => {
        const out = planWithHabits(input);
        expect(checkHabits(input, out)).toEqual([]);
        // The tasks' own rules and reasons still hold, with habit blocks as busy time.
        const habitIds = new Set(input.habits.map((h) => h.id));
        const habitBlocks = out.proposals.filter((p) => habitIds.has(p.taskId));
        const taskInput = { ...input, busy: [...input.busy, ...habitBlocks.map(({ start, end }) => ({ start, end }))] };
        const taskOut = { ...out, proposals: out.proposals.filter((p) => !habitIds.has(p.taskId)) };
        expect(checkPlan(taskInput, taskOut)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic and stable when re-planned with its own proposals', () => {
    fc.assert(
      fc.property(withHabits(2), (input) => {
        const out = planWithHabits(input);
        expect(planWithHabits(input)).toEqual(out);
        const again = planWithHabits({ ...input, previous: out.proposals });
        const habitIds = new Set(input.habits.map((h) => h.id));
        expect(again.proposals.filter((p) => habitIds.has(p.taskId))).toEqual(
          out.proposals.filter((p) => habitIds.has(p.taskId)),
        );
      }),
      { numRuns: 80 },
    );
  });
});

// The oracle: one habit, no tasks. For each local day the test finds by
// itself (Intl wall clock, every UTC quarter hour) the longest block the day
// has room for; the plan must hold exactly that length on that day, or report
// the day when not even the minimum fits.
interface DayRoom {
  day: number;
  weekday: number;
  best: number; // quarters, 0 = no room for the minimum
}

function roomByDay(input: HabitPlanInput, h: PlannerHabit): DayRoom[] {
  const planStart = input.now + input.leadTimeMinutes * MIN;
  const horizonEnd = input.now + input.horizonDays * 86_400_000;
  const buffer = input.bufferMinutes * MIN;
  const a = Number(h.window.start.slice(0, 2)) * 60 + Number(h.window.start.slice(3));
  const z = Number(h.window.end.slice(0, 2)) * 60 + Number(h.window.end.slice(3));
  const quarters = new Map<number, number[]>();
  for (let t = Math.floor((input.now - 2 * 86_400_000) / Q) * Q; t < horizonEnd + 2 * 86_400_000; t += Q) {
    const w = wallAt(input.timeZone, t);
    const last = wallAt(input.timeZone, t + Q - MIN);
    if (last.day !== w.day || w.minute < a || last.minute + 1 > z) continue;
    if (h.frequency.kind === 'weekdays' && !h.frequency.days.includes(WEEKDAYS[w.weekday]!)) continue;
    quarters.set(w.day, [...(quarters.get(w.day) ?? []), t]);
  }
  const full = Math.ceil(h.durationMinutes / 15);
  const min = Math.ceil((h.minDurationMinutes ?? h.durationMinutes) / 15);
  const free = (b: Interval): boolean => b.start >= planStart && !input.busy.some((x) => overlapsWithin(b, x, buffer));
  const out: DayRoom[] = [];
  for (const [day, qs] of quarters) {
    if (qs[qs.length - 1]! + Q > horizonEnd || qs[qs.length - 1]! < planStart) continue;
    let best = 0;
    for (let len = full; len >= min && best === 0; len--)
      for (let i = 0; i + len <= qs.length; i++) {
        const start = qs[i]!;
        if (qs[i + len - 1] === start + (len - 1) * Q && free({ start, end: start + len * Q })) {
          best = len;
          break;
        }
      }
    out.push({ day, weekday: wallAt(input.timeZone, qs[0]!).weekday, best });
  }
  return out;
}

const oneHabit = (lo: number, hi: number): fc.Arbitrary<HabitPlanInput> =>
  fc
    .tuple(
      fc.constantFrom(...ZONES),
      fc.constantFrom(Date.UTC(2026, 2, 6), Date.UTC(2026, 9, 23), Date.UTC(2026, 11, 7)),
      fc.integer({ min: 0, max: 3 * 24 * 60 }),
      fc.integer({ min: 1, max: 16 }),
      fc.constantFrom(0, 5, 10, 30),
      fc.constantFrom(0, 37),
      habit('h', lo, hi),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 16 * 24 * 12 }), fc.integer({ min: 1, max: 48 })), { maxLength: 25 }),
    )
    .map(([timeZone, anchor, off, horizonDays, bufferMinutes, leadTimeMinutes, h, meetings]) => {
      const now = anchor + off * MIN;
      return {
        now,
        timeZone,
        workingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        bufferMinutes,
        horizonDays,
        leadTimeMinutes,
        tasks: [],
        busy: meetings.map(([s, l], i) => ({
          start: now + s * 5 * MIN,
          end: now + (s + l) * 5 * MIN,
          eventId: `m${i}`,
        })),
        accepted: [],
        previous: [],
        rejected: [],
        habits: [h],
      };
    });

describe('the oracle: placed with the longest length the day has room for, or reported', () => {
  it('daily and chosen weekdays', () => {
    fc.assert(
      fc.property(
        oneHabit(0, 24 * 60).filter((i) => i.habits[0]!.frequency.kind !== 'timesPerWeek'),
        (input) => {
          const h = input.habits[0]!;
          const out = planWithHabits(input);
          expect(checkHabits(input, out)).toEqual([]);
          const placed = new Map(out.proposals.map((p) => [wallAt(input.timeZone, p.start).day, p]));
          const missed = new Set(out.habitMisses.map((m) => Date.parse(`${m.day}T00:00:00Z`) / 86_400_000));
          for (const r of roomByDay(input, h)) {
            if (r.best > 0) expect((placed.get(r.day)?.end ?? 0) - (placed.get(r.day)?.start ?? 0)).toBe(r.best * Q);
            else expect(missed.has(r.day), `day ${r.day} neither placed nor reported`).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('N times a week: N distinct days in every week wholly inside the horizon when N days have room', () => {
    fc.assert(
      // Windows clear of midnight, so the days do not reach each other through the buffer.
      fc.property(
        oneHabit(60, 23 * 60).filter((i) => i.habits[0]!.frequency.kind === 'timesPerWeek'),
        (input) => {
          const h = input.habits[0]!;
          const times = h.frequency.kind === 'timesPerWeek' ? h.frequency.times : 0;
          const out = planWithHabits(input);
          expect(checkHabits(input, out)).toEqual([]);
          const rooms = roomByDay(input, h);
          const firstDay = wallAt(input.timeZone, input.now + input.leadTimeMinutes * MIN).day;
          const weeks = new Map<number, DayRoom[]>();
          for (const r of rooms) weeks.set(r.day - r.weekday, [...(weeks.get(r.day - r.weekday) ?? []), r]);
          for (const [monday, days] of weeks) {
            if (monday <= firstDay || days.length < 7) continue;
            const withRoom = days.filter((d) => d.best > 0).length;
            const got = out.proposals.filter((p) => {
              const d = wallAt(input.timeZone, p.start).day;
              return d >= monday && d < monday + 7;
            }).length;
            expect(got).toBe(Math.min(times, withRoom));
            const reported = out.habitMisses.some(
              (m) => m.reason === 'not-enough-days' && Date.parse(`${m.day}T00:00:00Z`) / 86_400_000 === monday,
            );
            expect(reported).toBe(withRoom < times);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
