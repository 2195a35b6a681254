// The exact optimum of a plan instance, as a time-indexed MILP for HiGHS,
// encoded independently of the planner (its own slot reading via Intl).
//
//   x[b] ∈ {0,1} for every block b = (task j, start slot s, length L) with
//          minLen_j ≤ L ≤ maxLen_j, L ≤ need_j, all L slots contiguous,
//          working, clear of busy ± buffer and inside j's window
//   y[o] ∈ {0,1} for every habit occurrence o = (habit h, local day d, start
//          slot s, length L) with min_h ≤ L ≤ full_h, all L slots contiguous,
//          inside h's window on day d (not the working hours), clear of busy
//          ± buffer, on one of h's weekdays, d's whole window before the horizon
//   zone(b) = the 15-minute cells from b's start to b's end + ⌈buffer/15⌉
//   per cell c:       Σ_{b: c ∈ zone(b)} x[b] + y[b] ≤ 1  (no overlap, buffers kept)
//   per task j, cell boundary c: with buffer 0, Σ over j's blocks that start
//                     at c or end at c ≤ 1 (two blocks of one task never touch)
//   per task j:       Σ L·x[b] ≤ need_j
//   per habit h, day d:            Σ y ≤ 1      (once a day)
//   per habit h "N× a week", week: Σ y ≤ N      (local Monday-to-Sunday weeks)
//   maximise          Σ w_j·L·x[b] + Σ w_h·L·y[o]
//
// A habit's weight is its priority's (8/4/2/1 per minute, like a task's),
// and 16 when it may not be dropped: such a habit takes its window before
// any task, which is the planner's rule too. Blocks are enumerated
// explicitly, so chunk bounds hold by construction; on the quarter-hour grid
// a buffer of B minutes means "the next block starts ⌈B/15⌉ cells later",
// which the zone encodes exactly. Nothing is relaxed: the optimum is the true
// optimum of the planner's problem (with that weighting of habits).
import type { PlanInput, PlannerHabit } from '../../src/main/core/planner/types';
// The same independent Intl reading of the wall clock the planner's property tests check with.
import { wallAt } from '../../tests/main/core/planner/helpers/wall';

const Q = 15 * 60_000;
const DAY = 86_400_000;
export const WEIGHT = [0, 8, 4, 2, 1];
export const FIXED_HABIT_WEIGHT = 16;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface MilpBlock {
  /** Index into taskIds: tasks first, then habits. */
  task: number;
  start: number;
  len: number;
}

export interface MilpModel {
  slots: number[];
  taskIds: string[];
  blocks: MilpBlock[];
  lp: string;
  rows: number;
}

export type MilpInput = PlanInput & { habits?: PlannerHabit[] };

function hm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h! * 60 + m!;
}

export function habitWeight(h: PlannerHabit): number {
  return h.droppable ? WEIGHT[h.priority]! : FIXED_HABIT_WEIGHT;
}

/** A whole quarter hour of wall clock (the clock does not jump inside it): its wall reading, else null. */
function wholeQuarter(timeZone: string, s: number): ReturnType<typeof wallAt> | null {
  const w0 = wallAt(timeZone, s);
  const w1 = wallAt(timeZone, s + Q - 60_000);
  return w0.offsetMinutes === w1.offsetMinutes && w1.minute === w0.minute + 14 ? w0 : null;
}

function busyTest(input: PlanInput): (s: number) => boolean {
  const buf = input.bufferMinutes * 60_000;
  const busy = input.busy.concat(input.accepted).map((b) => [b.start - buf, b.end + buf] as const);
  return (s) => busy.some(([a, b]) => a < s + Q && b > s);
}

/** Working quarter hours in [from, to), clear of busy ± buffer. */
export function usableSlots(input: PlanInput, from: number, to: number): number[] {
  const isBusy = busyTest(input);
  const out: number[] = [];
  for (let s = Math.ceil(from / Q) * Q; s + Q <= to; s += Q) {
    const w0 = wholeQuarter(input.timeZone, s);
    if (!w0) continue;
    const ranges = input.workingHours[DAYS[w0.weekday]!] ?? [];
    if (!ranges.some(([a, b]) => hm(a) <= w0.minute && w0.minute + 15 <= hm(b))) continue;
    if (isBusy(s)) continue;
    out.push(s);
  }
  return out;
}

interface HabitDay {
  day: number;
  weekday: number;
  /** Window slots from the plan start on, clear of busy ± buffer. */
  slots: number[];
}

/** The local days a habit may occur on, read from Intl independently of habit-days.ts. */
export function habitDaysOf(input: PlanInput, h: PlannerHabit, planStart: number, horizonEnd: number): HabitDay[] {
  const isBusy = busyTest(input);
  const [ws, we] = [hm(h.window.start), hm(h.window.end)];
  const f = h.frequency;
  const byDay = new Map<number, { weekday: number; all: number[] }>();
  // From two days before the plan start (its local midnight lies in there) to a day past the horizon.
  for (let s = Math.ceil((planStart - 2 * DAY) / Q) * Q; s + Q <= horizonEnd + DAY; s += Q) {
    const w = wholeQuarter(input.timeZone, s);
    if (!w || w.minute < ws || w.minute + 15 > we) continue;
    if (f.kind === 'weekdays' && !f.days.includes(DAYS[w.weekday]!)) continue;
    const e = byDay.get(w.day) ?? { weekday: w.weekday, all: [] };
    e.all.push(s);
    byDay.set(w.day, e);
  }
  const firstDay = wallAt(input.timeZone, planStart).day;
  const out: HabitDay[] = [];
  for (const [day, { weekday, all }] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    if (day < firstDay) continue;
    if (all[all.length - 1]! + Q > horizonEnd) break; // the horizon cuts this window: it and later days wait
    const slots = all.filter((s) => s >= planStart && !isBusy(s));
    out.push({ day, weekday, slots });
  }
  return out;
}

export function buildMilp(input: MilpInput): MilpModel {
  const planStart = input.now + input.leadTimeMinutes * 60_000;
  const horizonEnd = input.now + input.horizonDays * DAY;
  const slots = usableSlots(input, planStart, horizonEnd);
  const usable = new Set(slots);
  const bufCells = Math.ceil(input.bufferMinutes / 15);
  const tasks = [...input.tasks].sort((a, b) => (a.id < b.id ? -1 : 1));
  const habits = [...(input.habits ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
  const blocks: MilpBlock[] = [];
  const weights: number[] = [];
  tasks.forEach((t, j) => {
    const from = Math.max(planStart, t.earliest ?? -Infinity);
    const to = Math.min(horizonEnd, t.due ?? Infinity);
    const mine = new Set(slots.filter((s) => s >= from && s + Q <= to));
    const need = Math.ceil(t.durationMinutes / 15);
    const minLen = Math.min(Math.ceil(t.minChunkMinutes / 15), need);
    const maxLen = Math.min(Math.floor(t.maxChunkMinutes / 15), need);
    for (const s of mine) {
      let run = 1;
      while (run < maxLen && mine.has(s + run * Q) && usable.has(s + run * Q)) run++;
      for (let len = minLen; len <= run; len++) {
        blocks.push({ task: j, start: s, len });
        weights.push(WEIGHT[t.priority]!);
      }
    }
  });
  const x = (b: number): string => `x${b}`;
  const rows: string[] = [];
  const add = (expr: string[], rhs: number): void => {
    if (expr.length > rhs) rows.push(` r${rows.length}: ${expr.join(' + ')} <= ${rhs}`);
  };
  habits.forEach((h, k) => {
    const idx = tasks.length + k;
    const full = Math.ceil(h.durationMinutes / 15);
    const min = Math.min(full, Math.ceil((h.minDurationMinutes ?? h.durationMinutes) / 15));
    const weeks = new Map<number, string[]>();
    for (const d of habitDaysOf(input, h, planStart, horizonEnd)) {
      const mine = new Set(d.slots);
      const today: string[] = [];
      for (const s of d.slots) {
        let run = 1;
        while (run < full && mine.has(s + run * Q)) run++;
        for (let len = min; len <= run; len++) {
          today.push(x(blocks.length));
          blocks.push({ task: idx, start: s, len });
          weights.push(habitWeight(h));
        }
      }
      add(today, 1);
      const week = d.day - d.weekday;
      weeks.set(week, [...(weeks.get(week) ?? []), ...today]);
    }
    const f = h.frequency;
    if (f.kind === 'timesPerWeek') for (const list of weeks.values()) add(list, f.times);
  });
  const cellRows = new Map<number, string[]>();
  const touchRows = new Map<string, string[]>();
  const volume: string[][] = tasks.map(() => []);
  const obj: string[] = [];
  blocks.forEach((b, i) => {
    const c0 = b.start / Q;
    for (let c = c0; c < c0 + b.len + bufCells; c++) {
      const list = cellRows.get(c) ?? [];
      list.push(x(i));
      cellRows.set(c, list);
    }
    if (b.task < tasks.length) {
      if (bufCells === 0) {
        // Boundary c: blocks of one task that start at c or end just before it
        // must not both be chosen (overlaps are already the cell rows' job).
        for (const c of [c0, c0 + b.len]) {
          const key = `${b.task}:${c}`;
          const list = touchRows.get(key) ?? [];
          list.push(x(i));
          touchRows.set(key, list);
        }
      }
      volume[b.task]!.push(`${b.len} ${x(i)}`);
    }
    obj.push(`${weights[i]! * b.len} ${x(i)}`);
  });
  for (const list of cellRows.values()) add(list, 1);
  for (const list of touchRows.values()) add(list, 1);
  volume.forEach((terms, j) => {
    const need = Math.ceil(tasks[j]!.durationMinutes / 15);
    const most = terms.reduce((s, term) => s + Number(term.split(' ')[0]), 0);
    if (most > need) rows.push(` r${rows.length}: ${terms.join(' + ')} <= ${need}`);
  });
  const lp =
    blocks.length === 0
      ? 'Maximize\n obj: 0 dummy\nSubject To\n r0: dummy <= 0\nEnd'
      : [
          'Maximize',
          ` obj: ${obj.join(' + ')}`,
          'Subject To',
          ...(rows.length ? rows : [' r0: x0 <= 1']),
          'Binary',
          ...blocks.map((_, i) => ` ${x(i)}`),
          'End',
        ].join('\n');
  return { slots, taskIds: [...tasks.map((t) => t.id), ...habits.map((h) => h.id)], blocks, lp, rows: rows.length };
}
