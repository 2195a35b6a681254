// Habit moves: after the habit trade, a placed habit block may sit in the
// only room a short task had, or be squeezed, while the habit could have gone
// elsewhere: another start (or a longer block) in its window that day, or
// for "N times a week" another day of that week. The habits chose their room
// without the tasks in view, and no cheap count tells whether a task would
// fit around a block, so each move is judged by a fresh plan of the tasks
// around it (our own proposals unpinned, the user's kept); of a block's
// moves the best is kept. A move stays when the weighted total strictly
// rises, the habit keeps at least its minutes, and every task that loses
// time loses it to a task at least as urgent that gains, or to the droppable
// habit itself when it gains minutes and is at least as urgent (`fair`).
// Then a missed day of a daily habit may squeeze another droppable habit at
// least as urgent (down to its minimum) when both together weigh more.
//
// Each try costs one plan(), so the pass has a fixed work budget counted in
// task-days per re-plan (tasks × horizon days): small calendars get dozens
// of tries, a 300-task backlog over four weeks none (its plan() alone is
// most of the time budget of planWithHabits()).
import { minutesByTask, weightedMinutes } from './plan-minutes';
import type { HabitMiss } from '../../../shared/domain';
import { Claims, type HabitContext } from './habits';
import { habitDays, isoDay, weekOf, type HabitDay } from './habit-days';
import { proposalIdFor } from './ids';
import { WEIGHTS } from './prepare';
import type { Interval, PlanOutput, PlannedBlock, PlannerHabit, PlannerTask } from './types';
import { MINUTE, QUARTER, dayOf, wallMs } from '../../../shared/time/zone';

/** Task-days of re-planning the pass may spend (one re-plan of T tasks over D days costs T·D). */
export const MOVE_BUDGET = 6000;

export interface HabitMoveInput {
  ctx: HabitContext;
  habits: PlannerHabit[];
  tasks: PlannerTask[];
  horizonDays: number;
  /** Busy time and accepted blocks (never moved). */
  fixed: Interval[];
  placed: PlannedBlock[];
  misses: HabitMiss[];
  out: PlanOutput;
  bufferMs: number;
  /** The tasks planned afresh around these habit blocks (only the user's own previous proposals kept). */
  replan: (habitBlocks: PlannedBlock[]) => PlanOutput;
}

export interface HabitMoveResult {
  out: PlanOutput;
  placed: PlannedBlock[];
  misses: HabitMiss[];
  /** Re-plans spent. */
  tries: number;
}

export function moveHabits(input: HabitMoveInput): HabitMoveResult {
  const { ctx, tasks, bufferMs } = input;
  let { out, placed, misses } = input;
  const cost = Math.max(1, tasks.length) * Math.max(1, Math.ceil(input.horizonDays));
  let left = Math.floor(MOVE_BUDGET / cost);
  let tries = 0;
  if (left === 0 || input.habits.length === 0 || tasks.length === 0 || placed.length === 0)
    return { out, placed, misses, tries };
  const priority = new Map(tasks.map((t) => [t.id, t.priority]));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const habitOf = new Map(input.habits.map((h) => [h.id, h]));
  const minutesOf = minutesByTask;
  const score = (m: Map<string, number>): number => weightedMinutes(m, priority);
  const localDay = (t: number): number => dayOf(wallMs(ctx.zone, t));
  /**
   * A task may lose time only to a task at least as urgent that gains time (the weighted total rises,
   * so on equal priority the gainer gains more minutes), or to a droppable habit at least as urgent
   * that gains minutes (the trade's rule): priority is one scale, a move never hands a task's time to
   * a task or habit that ranks below it.
   */
  const fair = (before: Map<string, number>, after: Map<string, number>, h: PlannerHabit, gains: boolean): boolean => {
    let top = h.droppable && gains ? h.priority : 5; // the most urgent gainer so far (5: none)
    for (const [id, m] of after) if (m > (before.get(id) ?? 0)) top = Math.min(top, priority.get(id)!);
    return [...before].every(([id, m]) => (after.get(id) ?? 0) >= m || priority.get(id)! >= top);
  };
  const fixed = new Claims(bufferMs, input.fixed);
  const daysOf = new Map(
    input.habits.map((h) => [
      h.id,
      new Map(habitDays(ctx.zone, h, ctx.planStart, ctx.horizonEnd).days.map((d) => [d.day, d])),
    ]),
  );
  const near = (a: Interval, s: number, e: number): boolean => a.start < e + bufferMs && a.end > s - bufferMs;

  /** Short tasks whose window holds the block (it can be in their way), and the block's own cut if squeezed. */
  const pressure = (b: PlannedBlock): number => {
    const h = habitOf.get(b.taskId);
    let sum = h && b.end - b.start < Math.ceil(h.durationMinutes / 15) * QUARTER ? WEIGHTS[h.priority]! : 0;
    for (const u of out.unscheduled) {
      const t = byId.get(u.taskId);
      if (!t) continue;
      const from = Math.max(ctx.planStart, t.earliest ?? -Infinity);
      if (b.start < (t.due ?? Infinity) + bufferMs && b.end > from - bufferMs) sum += WEIGHTS[t.priority]!;
    }
    return sum;
  };

  /** The starts a block may take instead: same day other starts, other days of its week for "N× a week". */
  const candidates = (b: PlannedBlock, h: PlannerHabit): PlannedBlock[] => {
    const len = (b.end - b.start) / QUARTER;
    const full = Math.ceil(h.durationMinutes / 15);
    const day = localDay(b.start);
    const days = daysOf.get(h.id)!;
    const mine = [...ctx.accepted.filter((a) => a.taskId === h.id), ...placed.filter((p) => p.taskId === h.id)];
    const taken = new Set(mine.map((x) => localDay(x.start)));
    const rejected = ctx.rejected.filter((r) => r.taskId === h.id);
    const others = placed.filter((p) => p !== b);
    const ok = (s: number, e: number): boolean =>
      fixed.clear(s, e) && !others.some((p) => near(p, s, e)) && !rejected.some((r) => r.start < e && r.end > s);
    const out: PlannedBlock[] = [];
    const fitsOn = (d: HabitDay, lengths: number[], all: boolean): void => {
      for (const l of lengths) {
        let found = false;
        for (let i = 0; i + l <= d.slots.length; i++) {
          const s = d.slots[i]!;
          const e = s + l * QUARTER;
          if (d.slots[i + l - 1] !== e - QUARTER || (s === b.start && e === b.end) || !ok(s, e)) continue;
          out.push({ id: proposalIdFor(h.id, s, e), taskId: h.id, start: s, end: e });
          found = true;
          if (!all) break;
        }
        if (found && !all) return;
      }
    };
    const longer = Array.from({ length: full - len + 1 }, (_, i) => full - i);
    const own = days.get(day);
    if (own) fitsOn(own, longer, true);
    if (h.frequency.kind === 'timesPerWeek')
      for (const d of days.values())
        if (d.day !== day && !taken.has(d.day) && weekOf(d.day) === weekOf(day)) fitsOn(d, longer, false);
    return out;
  };

  const queue = placed
    .map((b) => ({ b, p: pressure(b) }))
    .filter((x) => x.p > 0)
    .sort((x, y) => y.p - x.p || x.b.start - y.b.start || (x.b.taskId < y.b.taskId ? -1 : 1))
    .map((x) => x.b);
  for (const b of queue) {
    if (left <= 0) break;
    if (!placed.includes(b) || pressure(b) === 0) continue;
    const h = habitOf.get(b.taskId);
    if (!h) continue;
    const before = minutesOf(out);
    let best = score(before);
    let chosen: { next: PlanOutput; blocks: PlannedBlock[] } | null = null;
    // Every start is tried and the best kept: the first that pays is often a small step that blocks a larger one.
    for (const c of candidates(b, h)) {
      if (left <= 0) break;
      left--;
      tries++;
      const blocks = placed.map((p) => (p === b ? c : p));
      const next = input.replan(blocks);
      const after = minutesOf(next);
      const gain = (WEIGHTS[h.priority]! * (c.end - c.start - (b.end - b.start))) / MINUTE;
      if (fair(before, after, h, gain > 0) && score(after) + gain > best) {
        best = score(after) + gain;
        chosen = { next, blocks };
      }
    }
    if (chosen) {
      out = chosen.next;
      placed = chosen.blocks;
    }
  }

  // A missed day of a daily / chosen-weekday habit whose window another droppable habit, at least as
  // urgent, fills that day: the other one squeezed (down to its minimum), or moved to another day of
  // its week if it is "N× a week", when both together weigh more.
  const dayMisses = misses.filter(
    (m) =>
      m.day !== null && (m.reason === 'window-full' || m.reason === 'crowded-out') && habitOf.get(m.habitId)?.droppable,
  );
  for (const m of dayMisses) {
    const h = habitOf.get(m.habitId)!;
    if (left <= 0) break;
    if (h.frequency.kind === 'timesPerWeek') continue;
    const d = [...daysOf.get(h.id)!.values()].find((x) => isoDay(x.day) === m.day);
    if (!d) continue;
    const full = Math.ceil(h.durationMinutes / 15);
    const min = Math.min(full, Math.ceil((h.minDurationMinutes ?? h.durationMinutes) / 15));
    const rejected = ctx.rejected.filter((r) => r.taskId === h.id);
    const squeezable = placed.filter((b) => {
      const g = habitOf.get(b.taskId);
      return (
        !!g &&
        g.droppable &&
        g.priority <= h.priority &&
        localDay(b.start) === d.day &&
        near(b, d.slots[0]!, d.slots[d.slots.length - 1]! + QUARTER)
      );
    });
    let done = false;
    for (const b of squeezable) {
      if (done || left <= 0) break;
      const g = habitOf.get(b.taskId)!;
      const gMin = Math.min(
        Math.ceil(g.durationMinutes / 15),
        Math.ceil((g.minDurationMinutes ?? g.durationMinutes) / 15),
      );
      const others = placed.filter((p) => p !== b);
      const gRejected = ctx.rejected.filter((r) => r.taskId === g.id);
      const free = (s: number, e: number): boolean =>
        fixed.clear(s, e) && !others.some((p) => near(p, s, e)) && !gRejected.some((r) => r.start < e && r.end > s);
      // Where the other habit goes instead: shorter that day, or (N× a week) another day of its week.
      const alternatives: Interval[] = [];
      const starts = (day: HabitDay, from: number, all: boolean): void => {
        for (let gl = from; gl >= gMin; gl--)
          for (let i = 0; i + gl <= day.slots.length; i++) {
            const gs = day.slots[i]!;
            const ge = gs + gl * QUARTER;
            if (day.slots[i + gl - 1] !== ge - QUARTER || !free(gs, ge)) continue;
            alternatives.push({ start: gs, end: ge });
            if (!all) break;
          }
      };
      const own = daysOf.get(g.id)?.get(d.day);
      if (own) starts(own, (b.end - b.start) / QUARTER - 1, true);
      if (g.frequency.kind === 'timesPerWeek') {
        const gTaken = new Set(
          [...ctx.accepted.filter((a) => a.taskId === g.id), ...others.filter((p) => p.taskId === g.id)].map((x) =>
            localDay(x.start),
          ),
        );
        const gFull = Math.ceil(g.durationMinutes / 15);
        for (const x of daysOf.get(g.id)!.values())
          if (x.day !== d.day && !gTaken.has(x.day) && weekOf(x.day) === weekOf(d.day)) starts(x, gFull, false);
      }
      for (const { start: gs, end: ge } of alternatives) {
        if (done || left <= 0) break;
        const cut = { id: proposalIdFor(g.id, gs, ge), taskId: g.id, start: gs, end: ge };
        const add = fitBesides(d, full, min, [...others, cut], rejected);
        if (!add) continue;
        const gain =
          (WEIGHTS[h.priority]! * (add.end - add.start) - WEIGHTS[g.priority]! * (b.end - b.start - (ge - gs))) /
          MINUTE;
        if (gain <= 0) continue;
        left--;
        tries++;
        const blocks = [...others, cut, { ...add, id: proposalIdFor(h.id, add.start, add.end), taskId: h.id }];
        const before = minutesOf(out);
        const next = input.replan(blocks);
        const after = minutesOf(next);
        if (fair(before, after, h, true) && score(after) + gain > score(before)) {
          out = next;
          placed = blocks;
          misses = misses.filter((x) => x !== m);
          done = true;
        }
      }
    }
  }
  return { out, placed, misses, tries };

  /** The longest start for a habit on day d clear of busy time and these habit blocks (tasks are re-planned). */
  function fitBesides(
    d: HabitDay,
    full: number,
    min: number,
    blocks: PlannedBlock[],
    rejected: Interval[],
  ): Interval | null {
    for (let l = full; l >= min; l--)
      for (let i = 0; i + l <= d.slots.length; i++) {
        const s = d.slots[i]!;
        const e = s + l * QUARTER;
        if (d.slots[i + l - 1] !== e - QUARTER || !fixed.clear(s, e)) continue;
        if (blocks.some((p) => near(p, s, e)) || rejected.some((r) => r.start < e && r.end > s)) continue;
        return { start: s, end: e };
      }
    return null;
  }
}
