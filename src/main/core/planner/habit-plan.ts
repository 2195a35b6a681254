// planWithHabits(): tasks and habits in one pure plan. Habits that may not be
// dropped come first (they take their window before any task). Otherwise
// priority is one scale: a droppable habit of priority P is placed after the
// tasks more urgent than P have been planned (it avoids their proposals) and
// before tasks of priority P and lower (its blocks are busy time for them). Per priority level that holds
// habits, the more urgent tasks are planned once to see where they go; the
// final plan() then gets every habit block as busy time and the urgent
// tasks' proposals as `previous`, so they keep that room.
import type { HabitMiss } from '../../../shared/domain';
import { Claims, placeHabit, type HabitContext } from './habits';
import { moveHabits } from './habit-search';
import { tradeForHabits } from './habit-trade';
import { plan as planTasks } from './plan';
import type {
  BusyInterval,
  HabitPlanInput,
  HabitPlanOutput,
  PlanInput,
  PlanOutput,
  PlannedBlock,
  PlannerHabit,
} from './types';
import { DAY, MINUTE, buildZone } from '../../../shared/time/zone';
import { parseHhmm } from './working-time';

/**
 * `tradeHabits: false` skips the habit trade and move passes, `moveHabits: false` the moves,
 * `relayout: false` plan()'s re-layout pass (tests compare against them).
 */
export function planWithHabits(
  input: HabitPlanInput,
  options: { tradeHabits?: boolean; moveHabits?: boolean; relayout?: boolean } = {},
): HabitPlanOutput {
  const plan = (i: PlanInput): PlanOutput => planTasks(i, { relayout: options.relayout ?? true });
  // The staged plans only forecast where the tasks will go, for placing the habits around them;
  // they skip plan()'s re-layout pass. With it, the forecast of quality bench hard+habits #43 gained
  // a P3 task 15 min but moved the tasks the habits were placed around, and a P4 habit lost a day it
  // had (1 → 0.9895); the final plans keep the pass (docs/PERFORMANCE.md, quality, fourth round).
  const forecast = (i: PlanInput): PlanOutput => planTasks(i, { relayout: false });
  const { habits, ...base } = input;
  if (habits.length === 0) return { ...plan(base), habitMisses: [] };
  const habitIds = new Set(habits.map((h) => h.id));
  const ownEvents = new Set(input.accepted.map((a) => a.googleEventId).filter((id): id is string => !!id));
  const busy: BusyInterval[] = input.busy.filter((b) => !(b.eventId && ownEvents.has(b.eventId)));
  const planStart = input.now + Math.max(0, input.leadTimeMinutes) * MINUTE;
  const horizonEnd = input.now + Math.max(0, input.horizonDays) * DAY;
  const ctx: HabitContext = {
    zone: buildZone(input.timeZone, input.now, Math.max(horizonEnd, planStart)),
    planStart,
    horizonEnd,
    accepted: input.accepted,
    previous: input.previous,
    rejected: input.rejected,
  };
  // Tasks never see habit entries: their previous proposals and rejected slots are the habit's own business.
  const taskInput: PlanInput = {
    ...base,
    previous: input.previous.filter((p) => !habitIds.has(p.taskId)),
    rejected: input.rejected.filter((r) => !habitIds.has(r.taskId)),
  };
  const bufferMs = Math.max(0, input.bufferMinutes) * MINUTE;
  const hard = new Claims(bufferMs, [...busy, ...input.accepted]);
  const byPriority = (x: PlannerHabit, y: PlannerHabit): number =>
    x.priority - y.priority || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const placed: PlannedBlock[] = [];
  const misses: HabitMiss[] = [];
  const priorityOf = new Map(input.tasks.map((t) => [t.id, t.priority]));
  const fixed = habits.filter((h) => !h.droppable).sort(byPriority);
  const droppable = habits.filter((h) => h.droppable).sort(byPriority);
  const order = [...fixed, ...droppable];
  const place = (h: PlannerHabit, soft: PlannedBlock[], prefer: PlannedBlock[]): void => {
    // The windows of the habits still to come: where this one sits, they may want to be.
    const later = order.slice(order.indexOf(h) + 1);
    const avoid = later.map((x): [number, number] => [parseHhmm(x.window.start), parseHhmm(x.window.end)]);
    const out = placeHabit(ctx, h, hard, new Claims(bufferMs, soft), new Claims(bufferMs, prefer), avoid);
    placed.push(...out.blocks);
    misses.push(...out.misses);
  };
  // Habits that may not be dropped go first (they push tasks aside, so they
  // outrank every droppable habit too), each in room no task wants if its
  // window has some, else clear of more urgent tasks if it can be: one plan
  // of all tasks tells where those would go.
  if (fixed.length) {
    const all = input.tasks.length ? forecast(taskInput).proposals : [];
    for (const h of fixed)
      place(
        h,
        all.filter((p) => priorityOf.get(p.taskId)! < h.priority),
        all.filter((p) => priorityOf.get(p.taskId)! >= h.priority),
      );
  }
  let urgent: PlannedBlock[] = [];
  let equal: PlannedBlock[] = [];
  let level = 0;
  for (const h of droppable) {
    if (h.priority !== level) {
      level = h.priority;
      // Tasks of the habit's own priority too: where they would go is room the habit avoids when it can.
      const tasks = input.tasks.filter((t) => t.priority <= level);
      const habitBusy = placed.map((p) => ({ start: p.start, end: p.end }));
      const staged = tasks.length
        ? forecast({ ...taskInput, tasks, busy: [...input.busy, ...habitBusy] }).proposals
        : [];
      urgent = staged.filter((p) => priorityOf.get(p.taskId)! < level);
      equal = staged.filter((p) => priorityOf.get(p.taskId)! === level);
    }
    place(h, urgent, equal);
  }
  // Kept proposals win over new work in plan(); so an older proposal of a
  // less urgent task must not sit where the urgent tasks were just laid out.
  const urgentTasks = new Set(urgent.map((p) => p.taskId));
  const room = new Claims(bufferMs, urgent);
  const prior = [
    ...urgent,
    ...taskInput.previous.filter((p) => !urgentTasks.has(p.taskId) && room.clear(p.start, p.end)),
  ];
  const habitBusy = placed.map((p) => ({ start: p.start, end: p.end }));
  const finalBusy = [...input.busy, ...habitBusy];
  let out = plan({ ...taskInput, busy: finalBusy, previous: prior });
  // The staged layout is ours, not the user's: when keeping it leaves an urgent task short (its rest
  // under the min chunk, "stays where it was proposed"), that task is laid out afresh around the habits.
  const short = new Set(out.unscheduled.map((u) => u.taskId).filter((id) => urgentTasks.has(id)));
  if (short.size)
    out = plan({
      ...taskInput,
      busy: finalBusy,
      previous: [
        ...prior.filter((p) => !short.has(p.taskId)),
        ...taskInput.previous.filter((p) => short.has(p.taskId) && room.clear(p.start, p.end)),
      ],
    });
  // Room the tasks were given before the habits were known to want it: traded back when that pays.
  const trade = options.tradeHabits ?? true;
  const replanAround = (habitBlocks: PlannedBlock[], previous: PlannedBlock[]) => {
    const busyNow = [...input.busy, ...habitBlocks.map((p) => ({ start: p.start, end: p.end }))];
    const again = plan({ ...taskInput, busy: busyNow, previous });
    // As above: our own pins must not leave a task short ("stays where it was proposed" is
    // about the user's proposals); such a task is laid out afresh, with only its own previous.
    const pinned = new Set(previous.map((p) => p.taskId));
    const stuck = new Set(again.unscheduled.map((u) => u.taskId).filter((id) => pinned.has(id)));
    if (stuck.size === 0) return again;
    return plan({
      ...taskInput,
      busy: busyNow,
      previous: [
        ...previous.filter((p) => !stuck.has(p.taskId)),
        ...taskInput.previous.filter((p) => stuck.has(p.taskId)),
      ],
    });
  };
  const traded = tradeForHabits({
    ctx,
    habits: trade ? droppable : [],
    others: fixed,
    tasks: input.tasks,
    fixed: [...busy, ...input.accepted],
    placed,
    misses,
    out,
    bufferMs,
    replan: (habitBlocks, previous) => replanAround(habitBlocks, previous),
  });
  // Blocks in the only room of a task with a deadline: moved where the tasks, planned afresh, do better.
  const userPrevious = new Set(input.previous.map((p) => p.id));
  const moved = moveHabits({
    ctx,
    habits: trade && (options.moveHabits ?? true) ? habits : [],
    tasks: input.tasks,
    horizonDays: input.horizonDays,
    fixed: [...busy, ...input.accepted],
    placed: traded.placed,
    misses: traded.misses,
    out: traded.out,
    bufferMs,
    replan: (habitBlocks) =>
      replanAround(
        habitBlocks,
        traded.out.proposals.filter((p) => userPrevious.has(p.id)),
      ),
  });
  // A moved block can free a missed day's room for another habit: the trade once more.
  const final =
    moved.placed === traded.placed
      ? traded
      : tradeForHabits({
          ctx,
          habits: droppable,
          others: fixed,
          tasks: input.tasks,
          fixed: [...busy, ...input.accepted],
          placed: moved.placed,
          misses: moved.misses,
          out: moved.out,
          bufferMs,
          replan: replanAround,
        });
  out = final.out;
  const proposals = [...out.proposals, ...final.placed].sort(
    (a, b) => a.start - b.start || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0),
  );
  const habitMisses = [...final.misses].sort(
    (a, b) => (a.day ?? '').localeCompare(b.day ?? '') || (a.habitId < b.habitId ? -1 : a.habitId > b.habitId ? 1 : 0),
  );
  return { ...out, proposals, habitMisses };
}
