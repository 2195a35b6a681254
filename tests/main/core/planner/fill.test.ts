// The gap-filling pass (planner/fill.ts) on its own. Inside plan() it runs
// after a layout that already leaves little room, so whole-plan tests hardly
// reach it; here it starts from an occupancy holding only the previous
// proposals that keepPrevious pins (often none), so it has a whole week to
// fill. The oracle is the rule checker (helpers/checker.ts, which shares no
// code with the planner): every block it adds obeys the placement rules, and
// afterwards no task still short of a chunk has room for one more — the
// maximality that makes a re-plan stable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillGaps } from '../../../../src/main/core/planner/fill';
import { keepPrevious } from '../../../../src/main/core/planner/keep';
import { Occupancy, type Block } from '../../../../src/main/core/planner/occupancy';
import { prepareTasks } from '../../../../src/main/core/planner/prepare';
import { selectionOrder } from '../../../../src/main/core/planner/select';
import { buildTimeline } from '../../../../src/main/core/planner/timeline';
import type { PlanInput, PlannedBlock, PlannerTask } from '../../../../src/main/core/planner/types';
import { QUARTER } from '../../../../src/shared/time/zone';
import type { WorkingHours } from '../../../../src/shared/domain';
import { planInput } from './helpers/arbitraries';
import { checkPlan, factsFor } from './helpers/checker';

const MIN = 60_000;
const Q = 15 * MIN;
/** The checker's messages about where blocks sit (its other messages are about unscheduled/at-risk reasons). */
const PLACEMENT_RULE =
  /^(duplicate proposal id|proposal for unknown|not on local quarter|chunk length|uses a quarter|overlap|buffer broken|two blocks of|\S+: placed)/;

/** What plan() does before its passes: the timeline, the prepared tasks, the previous proposals pinned. */
function fillFrom(input: PlanInput): { kept: PlannedBlock[]; added: PlannedBlock[] } {
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
  const added = fillGaps(selectionOrder(tasks), occ).map((b, i) => toPlanned(b, `fill-${i}`));
  return { kept, added };
}

/**
 * Tasks that could still take one more block of their minimum length, by the
 * checker's own view of free quarters: a run of `minLen` back-to-back
 * quarters clear of every block ± buffer, and not touching the task's own.
 */
function roomLeft(input: PlanInput, blocks: PlannedBlock[]): string[] {
  const buf = input.bufferMinutes * MIN;
  const out: string[] = [];
  for (const [id, f] of factsFor(input)) {
    if (f.invalid) continue;
    const placed = blocks.filter((b) => b.taskId === id).reduce((n, b) => n + (b.end - b.start) / Q, 0);
    const minLen = Math.max(1, f.minLen);
    if (f.need - placed < minLen) continue;
    const clear = (q: number): boolean =>
      blocks.every((b) => {
        const gap = b.taskId === id ? Math.max(buf, 1) : buf;
        return q >= b.end + gap || q + Q <= b.start - gap;
      });
    let run = 0;
    let prev = -Infinity;
    for (const q of f.free) {
      run = clear(q) ? (q === prev + Q ? run + 1 : 1) : 0;
      prev = q;
      if (run >= minLen) {
        out.push(`${id} could still take ${minLen * 15} min ending ${new Date(q + Q).toISOString()}`);
        break;
      }
    }
  }
  return out;
}

describe('fillGaps', () => {
  it('adds only blocks that obey the rules, and leaves no task short of a chunk with room for one', () => {
    fc.assert(
      fc.property(planInput(), (input) => {
        const { kept, added } = fillFrom(input);
        const proposals = [...kept, ...added];
        const broken = checkPlan({ ...input, previous: [] }, { proposals, unscheduled: [], atRisk: [] }).filter((m) =>
          PLACEMENT_RULE.test(m),
        );
        expect(broken).toEqual([]);
        expect(roomLeft(input, proposals)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  // Monday 15 June 2026 in UTC; working hours are the gaps the examples need.
  const now = Date.parse('2026-06-15T08:00:00Z');
  const hours = (ranges: Array<[string, string]>): WorkingHours => ({
    mon: ranges,
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  });
  const input = (ranges: Array<[string, string]>, task: Partial<PlannerTask>): PlanInput => ({
    now,
    timeZone: 'UTC',
    workingHours: hours(ranges),
    bufferMinutes: 0,
    horizonDays: 1,
    leadTimeMinutes: 0,
    tasks: [
      {
        id: 't',
        title: 't',
        durationMinutes: 75,
        priority: 2,
        due: null,
        earliest: null,
        minChunkMinutes: 30,
        maxChunkMinutes: 60,
        ...task,
      },
    ],
    busy: [],
    accepted: [],
    previous: [],
    rejected: [],
  });
  const spans = (blocks: PlannedBlock[]): string[] =>
    blocks.map(
      (b) => `${new Date(b.start).toISOString().slice(11, 16)}-${new Date(b.end).toISOString().slice(11, 16)}`,
    );

  it('keeps a placeable remainder: 75 min in 30–60 min chunks over two 1-hour gaps is 45 + 30, not 60 + nothing', () => {
    const { added } = fillFrom(
      input(
        [
          ['09:00', '10:00'],
          ['11:00', '12:00'],
        ],
        {},
      ),
    );
    expect(spans(added)).toEqual(['09:00-09:45', '11:00-11:30']);
  });

  it('takes what fits when no length leaves a placeable remainder, never more than the gap', () => {
    // 60 min in chunks of exactly 45: whatever it places leaves 15 min that no chunk can take.
    const { added } = fillFrom(
      input([['09:00', '09:45']], { durationMinutes: 60, minChunkMinutes: 45, maxChunkMinutes: 45 }),
    );
    expect(spans(added)).toEqual(['09:00-09:45']);
  });

  it('fills a gap of exactly the minimum chunk, and a remainder of exactly the minimum chunk', () => {
    // 60 min in 30–60 min chunks over two 30-minute gaps: two blocks of 30.
    const { added } = fillFrom(
      input(
        [
          ['09:00', '09:30'],
          ['10:00', '10:30'],
        ],
        { durationMinutes: 60 },
      ),
    );
    expect(spans(added)).toEqual(['09:00-09:30', '10:00-10:30']);
  });
});
