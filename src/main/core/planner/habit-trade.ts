// Habit trade: after the final plan, a droppable habit that missed a day
// because tasks were laid out in its window (before the habit was known to
// want it) takes that room back when the trade pays. Per priority level, each
// missing occurrence picks the start whose displaced task minutes weigh the
// least against its own; then one re-plan keeps every other proposal where it
// is and lays the displaced tasks out again around the new habit blocks. The
// batch stays only when the weighted total (tasks + habits) strictly rises
// and no task more urgent than the habits lost a minute (a droppable habit
// still yields to them); otherwise nothing changes.
import { minutesByTask, weightedMinutes } from './plan-minutes';
import type { HabitMiss } from '../../../shared/domain';
import { Claims, type HabitContext } from './habits';
import { formatDay, habitDays, isoDay, weekOf } from './habit-days';
import { proposalIdFor } from './ids';
import { WEIGHTS } from './prepare';
import type { Interval, PlanOutput, PlannedBlock, PlannerHabit, PlannerTask } from './types';
import { DAY, MINUTE, QUARTER, dayOf, wallMs } from '../../../shared/time/zone';

export interface HabitTradeInput {
  ctx: HabitContext;
  /** Droppable habits (the others took their windows first). */
  habits: PlannerHabit[];
  /** The habits that may not be dropped: their blocks may move inside their window, never go. */
  others: PlannerHabit[];
  tasks: PlannerTask[];
  /** Busy time and accepted blocks (never moved). */
  fixed: Interval[];
  placed: PlannedBlock[];
  misses: HabitMiss[];
  out: PlanOutput;
  bufferMs: number;
  /** The final task plan again, with these habit blocks busy and these proposals kept. */
  replan: (habitBlocks: PlannedBlock[], previous: PlannedBlock[]) => PlanOutput;
}

export interface HabitTradeResult {
  out: PlanOutput;
  placed: PlannedBlock[];
  misses: HabitMiss[];
}

export function tradeForHabits(input: HabitTradeInput): HabitTradeResult {
  if (input.habits.length === 0) return { out: input.out, placed: input.placed, misses: input.misses };
  const { ctx, tasks, bufferMs } = input;
  let { out, placed, misses } = input;
  const priority = new Map(tasks.map((t) => [t.id, t.priority]));
  const minutesOf = minutesByTask;
  const score = (m: Map<string, number>): number => weightedMinutes(m, priority);
  const localDay = (t: number): number => dayOf(wallMs(ctx.zone, t));
  const levels = [...new Set(input.habits.map((h) => h.priority))].sort((a, b) => a - b);
  const fixed = new Claims(bufferMs, input.fixed);
  const daysOf = new Map(
    input.habits
      .concat(input.others)
      .map((h) => [h.id, new Map(habitDays(ctx.zone, h, ctx.planStart, ctx.horizonEnd).days.map((d) => [d.day, d]))]),
  );
  const userPrevious = new Set(ctx.previous.map((p) => p.id));
  const rejectedOf = (id: string): Interval[] => ctx.rejected.filter((r) => r.taskId === id);
  const near = (a: Interval, s: number, e: number): boolean => a.start < e + bufferMs && a.end > s - bufferMs;
  // Blocks bucketed by UTC day of their start: what can come near [s, e) starts a day before to a day after.
  const bucket = (t: number): number => Math.floor(t / DAY);
  const index = (items: PlannedBlock[]): Map<number, PlannedBlock[]> => {
    const m = new Map<number, PlannedBlock[]>();
    for (const p of items) m.set(bucket(p.start), [...(m.get(bucket(p.start)) ?? []), p]);
    return m;
  };
  const around = (m: Map<number, PlannedBlock[]>, s: number, e: number): PlannedBlock[] => {
    const out: PlannedBlock[] = [];
    for (let d = bucket(s - bufferMs) - 1; d <= bucket(e + bufferMs); d++)
      for (const p of m.get(d) ?? []) if (near(p, s, e)) out.push(p);
    return out;
  };
  let taskIndex = index(out.proposals);
  const taskCost = (s: number, e: number): { cost: number; hit: PlannedBlock[] } => {
    const hit = around(taskIndex, s, e);
    return { cost: hit.reduce((c, p) => c + (WEIGHTS[priority.get(p.taskId)!]! * (p.end - p.start)) / MINUTE, 0), hit };
  };
  // Displaced tasks often fit elsewhere, so the count of what they held is
  // pessimistic: first every day's best start goes in (one re-plan judges the
  // batch), and only if that loses, the starts that pay even if nothing moves.
  for (const level of levels)
    for (const optimistic of [true, false]) {
      if (attempt(level, optimistic) !== 'retry') break;
    }
  return { out, placed, misses };

  function attempt(level: number, optimistic: boolean): 'kept' | 'retry' | 'none' {
    let blocks = placed.slice();
    let habitIndex = index(blocks);
    let doubtful = false;
    const adds: PlannedBlock[] = [];
    const displaced = new Set<string>();
    const clearOfHabits = (s: number, e: number, except: PlannedBlock[]): boolean =>
      around(habitIndex, s, e).every((b) => except.includes(b));
    /** Another start for a habit block in its own window that day, clear of everything but tasks: the cheapest. */
    const relocate = (
      b: PlannedBlock,
      s: number,
      e: number,
    ): { block: PlannedBlock; cost: number; hit: PlannedBlock[] } | null => {
      const day = daysOf.get(b.taskId)?.get(localDay(b.start));
      if (!day) return null;
      const len = (b.end - b.start) / QUARTER;
      const rejected = rejectedOf(b.taskId);
      let best: { block: PlannedBlock; cost: number; hit: PlannedBlock[] } | null = null;
      for (let i = 0; i + len <= day.slots.length; i++) {
        const a = day.slots[i]!;
        const z = a + len * QUARTER;
        if (day.slots[i + len - 1] !== z - QUARTER || near({ start: a, end: z }, s, e)) continue;
        if (!fixed.clear(a, z) || !clearOfHabits(a, z, [b]) || rejected.some((r) => r.start < z && r.end > a)) continue;
        const { cost, hit } = taskCost(a, z);
        if (!best || cost < best.cost)
          best = { block: { id: proposalIdFor(b.taskId, a, z), taskId: b.taskId, start: a, end: z }, cost, hit };
      }
      return best;
    };
    for (const h of input.habits.filter((x) => x.priority === level)) {
      const weight = WEIGHTS[h.priority]!;
      const full = Math.ceil(h.durationMinutes / 15);
      const min = Math.min(full, Math.ceil((h.minDurationMinutes ?? h.durationMinutes) / 15));
      const rejected = rejectedOf(h.id);
      const mine = [...ctx.accepted.filter((a) => a.taskId === h.id), ...blocks.filter((p) => p.taskId === h.id)];
      const taken = new Set(mine.map((b) => localDay(b.start)));
      const perWeek = new Map<number, number>();
      for (const d of taken) perWeek.set(weekOf(d), (perWeek.get(weekOf(d)) ?? 0) + 1);
      const f = h.frequency;
      for (const d of daysOf.get(h.id)!.values()) {
        if (taken.has(d.day)) continue;
        if (f.kind === 'timesPerWeek' && (perWeek.get(weekOf(d.day)) ?? 0) >= f.times) continue;
        type Move = {
          start: number;
          end: number;
          value: number;
          hit: PlannedBlock[];
          moved: [PlannedBlock, PlannedBlock] | null;
        };
        let best: Move | null = null;
        for (let len = full; len >= min; len--) {
          for (let i = 0; i + len <= d.slots.length; i++) {
            const s = d.slots[i]!;
            const e = s + len * QUARTER;
            if (d.slots[i + len - 1] !== e - QUARTER) continue; // a clock change inside
            if (!fixed.clear(s, e) || rejected.some((r) => r.start < e && r.end > s)) continue;
            const { cost, hit } = taskCost(s, e);
            const value = weight * len * 15 - cost;
            if (best && value <= best.value) continue;
            const blockers = around(habitIndex, s, e);
            if (blockers.length === 0) {
              best = { start: s, end: e, value, hit, moved: null };
              continue;
            }
            // One other habit's block in the way: it may move inside its own window that day.
            if (blockers.length !== 1) continue;
            const r = relocate(blockers[0]!, s, e);
            if (r && value - r.cost > (best?.value ?? -Infinity))
              best = {
                start: s,
                end: e,
                value: value - r.cost,
                hit: [...hit, ...r.hit],
                moved: [blockers[0]!, r.block],
              };
          }
        }
        if (!best || (!optimistic && best.value <= 0)) continue;
        if (best.value <= 0) doubtful = true;
        const block = { id: proposalIdFor(h.id, best.start, best.end), taskId: h.id, start: best.start, end: best.end };
        if (best.moved) blocks = blocks.map((b) => (b === best.moved![0] ? best.moved![1] : b));
        blocks.push(block);
        habitIndex = index(blocks);
        adds.push(block);
        taken.add(d.day);
        perWeek.set(weekOf(d.day), (perWeek.get(weekOf(d.day)) ?? 0) + 1);
        for (const p of best.hit) displaced.add(p.id);
      }
    }
    if (adds.length === 0) return 'none';
    const before = minutesOf(out);
    const gained = adds.reduce((s, b) => s + (WEIGHTS[level]! * (b.end - b.start)) / MINUTE, 0);
    const pays = (o: PlanOutput): boolean => {
      const after = minutesOf(o);
      const urgentKept = [...before].every(([id, m]) => priority.get(id)! >= level || (after.get(id) ?? 0) >= m);
      return urgentKept && score(after) + gained > score(before);
    };
    let next = input.replan(
      blocks,
      out.proposals.filter((p) => !displaced.has(p.id)),
    );
    // Our own proposals pinned where they are can hold the only room a displaced task had left
    // (an urgent task losing to a less urgent one's pinned block): once more with only the user's
    // own previous proposals kept, every other task laid out afresh around the new habit blocks.
    // A cost cap: not when the tasks lost over twice the habits' gain (their time is scarce
    // everywhere, as on an overloaded calendar, and unpinning does not bring it back).
    if (!pays(next) && score(before) - score(minutesOf(next)) <= 2 * gained)
      next = input.replan(
        blocks,
        out.proposals.filter((p) => !displaced.has(p.id) && userPrevious.has(p.id)),
      );
    if (!pays(next)) return doubtful ? 'retry' : 'none';
    out = next;
    taskIndex = index(out.proposals);
    placed = blocks;
    misses = updateMisses(misses, adds, input.habits, localDay);
    return 'kept';
  }
}

/** Drops the misses of the days now placed; a week's "not enough days" is recounted. */
function updateMisses(
  misses: HabitMiss[],
  adds: PlannedBlock[],
  habits: PlannerHabit[],
  localDay: (t: number) => number,
): HabitMiss[] {
  const addedDays = new Set(adds.map((b) => `${b.taskId}/${isoDay(localDay(b.start))}`));
  const touched = new Set(adds.map((b) => b.taskId));
  const out: HabitMiss[] = [];
  for (const m of misses) {
    if (m.day !== null && m.reason !== 'not-enough-days' && addedDays.has(`${m.habitId}/${m.day}`)) continue;
    if (m.reason !== 'not-enough-days' || !touched.has(m.habitId) || m.day === null) {
      out.push(m);
      continue;
    }
    const h = habits.find((x) => x.id === m.habitId)!;
    if (h.frequency.kind !== 'timesPerWeek') continue;
    const week = dayOf(Date.parse(`${m.day}T00:00:00Z`));
    const times = h.frequency.times;
    const already = Number(/: (\d+) of/.exec(m.detail)?.[1] ?? 0);
    const now = already + adds.filter((b) => b.taskId === h.id && weekOf(localDay(b.start)) === week).length;
    if (now >= times) continue;
    out.push({
      ...m,
      detail: `week of ${formatDay(week)}: ${now} of ${times} placed, window ${h.window.start}–${h.window.end} fully booked on the other days`,
    });
  }
  return out;
}
