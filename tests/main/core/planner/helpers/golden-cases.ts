// The planner's recorded decisions (tests/main/core/planner/golden.test.ts):
// ~30 seeded instances from the benchmarks' own generators — the quality
// family, the hard family (clock changes, odd offsets, long buffers) and the
// speed instance (300 tasks, 4 weeks, 20 habits) — each planned once from
// scratch and once more as a re-plan (previous proposals kept, some accepted,
// one rejected, new meetings over an accepted block and a proposal), plus the
// conflicts that re-plan finds. A speed-up must not change one of them.
import { createHash } from 'node:crypto';
import { habitsFor as speedHabits } from '../../../../../bench/planner/speed-habits';
import { qualityInstance, speedInstance } from '../../../../../bench/planner/generate';
import { habitsFor, hardInstance } from '../../../../../bench/planner/hard';
import { findConflicts, findHabitConflicts, plan, planWithHabits } from '../../../../../src/main/core/planner';
import type {
  AcceptedBlock,
  HabitPlanInput,
  PlanOutput,
  PlannerHabit,
} from '../../../../../src/main/core/planner/types';

const MIN = 60_000;

export interface GoldenCase {
  name: string;
  run: () => unknown;
}

/** JSON with object keys sorted, so the hash depends on values only. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * The second run the app makes: the first plan's proposals as `previous`, the
 * first three accepted (one with its own Google event in `busy`), the fifth
 * rejected, and two new meetings — over the first accepted block and over the
 * fourth proposal — so keep, reject, own-event and conflict paths all run.
 */
function replanInput(input: HabitPlanInput, first: PlanOutput): HabitPlanInput {
  const p = first.proposals;
  const accepted: AcceptedBlock[] = p.slice(0, 3).map((b, i) => ({
    proposalId: b.id,
    taskId: b.taskId,
    start: b.start,
    end: b.end,
    googleEventId: `g${i}`,
  }));
  const busy = [...input.busy];
  if (accepted[0]) {
    busy.push({ start: accepted[0].start, end: accepted[0].end, eventId: 'g0' });
    busy.push({ start: accepted[0].start + 15 * MIN, end: accepted[0].end + 30 * MIN, eventId: 'new-1' });
  }
  if (p[3]) busy.push({ start: p[3].start - 5 * MIN, end: p[3].start + 25 * MIN, eventId: 'new-2' });
  const rejected = p[4] ? [{ taskId: p[4].taskId, start: p[4].start, end: p[4].end }] : [];
  return {
    ...input,
    now: input.now + 10 * MIN,
    busy,
    accepted,
    previous: p.slice(3).filter((b) => !(p[4] && b.id === p[4].id)),
    rejected,
  };
}

function withReplan(input: HabitPlanInput, planner: (i: HabitPlanInput) => PlanOutput): unknown {
  const first = planner(input);
  const again = replanInput(input, first);
  const second = planner(again);
  const conflicts = findConflicts({ ...again, proposals: second.proposals });
  const habitConflicts = findHabitConflicts({ ...again, proposals: second.proposals });
  return { first, second, conflicts, habitConflicts };
}

const withHabits = (habits: PlannerHabit[]) => (input: ReturnType<typeof qualityInstance>) => ({
  ...input,
  habits,
});

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const seed of [1, 2, 3, 5, 8, 13, 21, 30, 36, 41]) {
    cases.push({
      name: `base+habits #${seed}`,
      run: () => withReplan(withHabits(habitsFor(seed))(qualityInstance(seed)), (i) => planWithHabits(i)),
    });
  }
  for (const seed of [1, 2, 3, 5, 13, 14, 19, 32, 33, 40]) {
    cases.push({
      name: `hard+habits #${seed}`,
      run: () => withReplan(withHabits(habitsFor(seed))(hardInstance(seed)), (i) => planWithHabits(i)),
    });
  }
  for (const seed of [4, 8, 41]) {
    cases.push({ name: `base plan() #${seed}`, run: () => withReplan({ ...qualityInstance(seed), habits: [] }, plan) });
  }
  for (const seed of [6, 14, 32]) {
    cases.push({ name: `hard plan() #${seed}`, run: () => withReplan({ ...hardInstance(seed), habits: [] }, plan) });
  }
  cases.push({ name: 'speed plan() #1', run: () => plan(speedInstance(1)) });
  cases.push({
    name: 'speed+20 habits #1',
    run: () => withReplan({ ...speedInstance(1), habits: speedHabits(20) }, (i) => planWithHabits(i)),
  });
  cases.push({
    name: 'speed+8 habits #2 no habit trade',
    run: () => planWithHabits({ ...speedInstance(2), habits: speedHabits(8) }, { tradeHabits: false }),
  });
  return cases;
}
