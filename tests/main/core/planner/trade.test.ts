// The trade pass (planner/trade.ts) on its own. Inside plan() it only runs
// where the layout left a task short, which whole-plan tests rarely reach;
// here it starts from the greedy gap fill (plenty of short tasks next to
// blocks that could move). The oracles share no code with the planner: the
// rule checker (helpers/checker.ts) for every block, and the weighted on-time
// minutes (8/4/2/1 per minute by priority) counted here, which the pass must
// never lower. Blocks of tasks it did not trade stay exactly where they were.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillGaps } from '../../../../src/main/core/planner/fill';
import { keepPrevious } from '../../../../src/main/core/planner/keep';
import { Occupancy, type Block } from '../../../../src/main/core/planner/occupancy';
import { prepareTasks } from '../../../../src/main/core/planner/prepare';
import { selectionOrder } from '../../../../src/main/core/planner/select';
import { buildTimeline } from '../../../../src/main/core/planner/timeline';
import { tradeBlocks } from '../../../../src/main/core/planner/trade';
import type { PlanInput, PlannedBlock, PlannerTask } from '../../../../src/main/core/planner/types';
import { QUARTER } from '../../../../src/shared/time/zone';
import { planInput } from './helpers/arbitraries';
import { checkPlan } from './helpers/checker';

const MIN = 60_000;
const PLACEMENT_RULE =
  /^(duplicate proposal id|proposal for unknown|not on local quarter|chunk length|uses a quarter|overlap|buffer broken|two blocks of|\S+: placed)/;
const WEIGHT = [0, 8, 4, 2, 1];

function fillThenTrade(
  input: PlanInput,
  budget?: number,
): { kept: PlannedBlock[]; before: PlannedBlock[]; after: PlannedBlock[] } {
  const own = new Set(input.accepted.map((a) => a.googleEventId).filter(Boolean));
  const busy = input.busy.filter((b) => !(b.eventId && own.has(b.eventId)));
  const tl = buildTimeline(input, [...busy, ...input.accepted]);
  const tasks = prepareTasks(tl, input.tasks, input.accepted, input.rejected);
  const occ = new Occupancy(tl, tasks.length);
  const toPlanned = (b: Block, id: string): PlannedBlock => ({
    id,
    taskId: tasks[b.task]!.id,
    start: tl.start[b.at]!,
    end: tl.start[b.at + b.len - 1]! + QUARTER,
  });
  const kept = keepPrevious(tasks, input.previous, occ).map((k) => toPlanned(k.block, k.id));
  const order = selectionOrder(tasks);
  const filled = fillGaps(order, occ);
  const before = filled.map((b, i) => toPlanned(b, `b-${i}`));
  const after = tradeBlocks(order, occ, filled, budget).map((b, i) => toPlanned(b, `a-${i}`));
  return { kept, before, after };
}

function weighted(input: PlanInput, blocks: PlannedBlock[]): number {
  const priority = new Map(input.tasks.map((t) => [t.id, t.priority]));
  return blocks.reduce((s, b) => s + (WEIGHT[priority.get(b.taskId)!]! * (b.end - b.start)) / MIN, 0);
}

const key = (b: PlannedBlock): string => `${b.taskId}@${b.start}-${b.end}`;

describe('tradeBlocks', () => {
  it('never lowers the weighted on-time minutes, never breaks a rule, moves only the tasks it trades', () => {
    fc.assert(
      fc.property(planInput(), fc.constantFrom(undefined, 2_000), (input, budget) => {
        const { kept, before, after } = fillThenTrade(input, budget);
        const broken = checkPlan(
          { ...input, previous: [] },
          { proposals: [...kept, ...after], unscheduled: [], atRisk: [] },
        ).filter((m) => PLACEMENT_RULE.test(m));
        expect(broken).toEqual([]);
        expect(weighted(input, after)).toBeGreaterThanOrEqual(weighted(input, before));
        // A task that kept the same set of blocks is untouched; the others changed because a trade paid.
        const was = new Set(before.map(key));
        const moved = new Set(after.filter((b) => !was.has(key(b))).map((b) => b.taskId));
        const now = new Set(after.map(key));
        for (const b of before) if (!now.has(key(b))) moved.add(b.taskId);
        for (const b of before) if (!moved.has(b.taskId)) expect(now.has(key(b))).toBe(true);
        if (moved.size > 0) expect(weighted(input, after)).toBeGreaterThan(weighted(input, before));
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 200) },
    );
  });

  it('trades a single gap: a 30-min task gives it up to an equally urgent 45-min one that fits nowhere else', () => {
    const now = Date.parse('2026-06-15T08:00:00Z'); // Monday, UTC
    const task = (id: string, minutes: number, due: string): PlannerTask => ({
      id,
      title: id,
      durationMinutes: minutes,
      priority: 1,
      due: Date.parse(due),
      earliest: null,
      minChunkMinutes: minutes,
      maxChunkMinutes: minutes,
    });
    const input: PlanInput = {
      now,
      timeZone: 'UTC',
      workingHours: { mon: [['09:00', '09:45']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      bufferMinutes: 15,
      horizonDays: 1,
      leadTimeMinutes: 0,
      // The earlier deadline goes first and takes the one gap; 45 min of equal weight is worth more there.
      tasks: [task('a', 30, '2026-06-15T12:00:00Z'), task('b', 45, '2026-06-15T13:00:00Z')],
      busy: [],
      accepted: [],
      previous: [],
      rejected: [],
    };
    const { before, after } = fillThenTrade(input);
    expect(before.map((b) => b.taskId)).toEqual(['a']);
    expect(after.map((b) => `${b.taskId} ${new Date(b.start).toISOString().slice(11, 16)}`)).toEqual(['b 09:00']);
  });
});
