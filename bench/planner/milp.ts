// The exact optimum of a plan instance, as a time-indexed MILP for HiGHS,
// encoded independently of the planner (its own slot reading via Intl).
//
//   x[b] ∈ {0,1} for every block b = (task j, start slot s, length L) with
//          minLen_j ≤ L ≤ maxLen_j, L ≤ need_j, all L slots contiguous,
//          working, clear of busy ± buffer and inside j's window
//   zone(b) = the 15-minute cells from b's start to b's end + buffer
//   per cell c:       Σ_{b: c ∈ zone(b)} x[b] ≤ 1     (no overlap, buffers kept)
//   per task j, cell boundary c: with buffer 0, Σ over j's blocks that start
//                     at c or end at c ≤ 1 (two blocks of one task never touch)
//   per task j:       Σ L·x[b] ≤ need_j
//   maximise          Σ w_j·L·x[b]
//
// Blocks are enumerated explicitly, so chunk bounds hold by construction;
// buffers ≤ 15 min on a quarter-hour grid mean "next block starts a cell
// later", which the zone encodes exactly. Nothing is relaxed: the optimum is
// the true optimum of the planner's problem. Interval zones make the cell
// rows an interval matrix, which is why the LP bound is tight and HiGHS
// solves these in seconds.
import type { PlanInput } from '../../src/main/core/planner/types';
// The same independent Intl reading of the wall clock the planner's property tests check with.
import { wallAt } from '../../tests/main/core/planner/helpers/wall';

const Q = 15 * 60_000;
const WEIGHT = [0, 8, 4, 2, 1];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface MilpBlock {
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

function hm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h! * 60 + m!;
}

/** Working quarter hours in [from, to), clear of busy ± buffer. */
export function usableSlots(input: PlanInput, from: number, to: number): number[] {
  const buf = input.bufferMinutes * 60_000;
  const busy = input.busy.concat(input.accepted).map((b) => [b.start - buf, b.end + buf] as const);
  const out: number[] = [];
  for (let s = Math.ceil(from / Q) * Q; s + Q <= to; s += Q) {
    const w0 = wallAt(input.timeZone, s);
    const w1 = wallAt(input.timeZone, s + Q - 60_000);
    // The bench's zones keep whole quarter hours; a slot the clock jumps in is skipped.
    if (w0.offsetMinutes !== w1.offsetMinutes || w1.minute !== w0.minute + 14) continue;
    const ranges = input.workingHours[DAYS[w0.weekday]!] ?? [];
    if (!ranges.some(([a, b]) => hm(a) <= w0.minute && w0.minute + 15 <= hm(b))) continue;
    if (busy.some(([a, b]) => a < s + Q && b > s)) continue;
    out.push(s);
  }
  return out;
}

export function buildMilp(input: PlanInput): MilpModel {
  if (input.bufferMinutes > 15) throw new Error('the bench MILP encodes buffers up to 15 min');
  const planStart = input.now + input.leadTimeMinutes * 60_000;
  const horizonEnd = input.now + input.horizonDays * 86_400_000;
  const slots = usableSlots(input, planStart, horizonEnd);
  const usable = new Set(slots);
  const bufCells = input.bufferMinutes > 0 ? 1 : 0;
  const tasks = [...input.tasks].sort((a, b) => (a.id < b.id ? -1 : 1));
  const blocks: MilpBlock[] = [];
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
      for (let len = minLen; len <= run; len++) blocks.push({ task: j, start: s, len });
    }
  });
  const x = (b: number): string => `x${b}`;
  const cellRows = new Map<number, string[]>();
  const touchRows = new Map<string, string[]>();
  const volume: string[][] = tasks.map(() => []);
  const obj: string[] = [];
  blocks.forEach((b, i) => {
    const t = tasks[b.task]!;
    const c0 = b.start / Q;
    for (let c = c0; c < c0 + b.len + bufCells; c++) {
      const list = cellRows.get(c) ?? [];
      list.push(x(i));
      cellRows.set(c, list);
    }
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
    obj.push(`${WEIGHT[t.priority]! * b.len} ${x(i)}`);
  });
  const rows: string[] = [];
  const add = (expr: string[], rhs: number): void => {
    if (expr.length > 1 || (expr.length === 1 && rhs < 1)) rows.push(` r${rows.length}: ${expr.join(' + ')} <= ${rhs}`);
  };
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
  return { slots, taskIds: tasks.map((t) => t.id), blocks, lp, rows: rows.length };
}
