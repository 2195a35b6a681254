// A re-plan pins last plan's proposals where they are — but only those that
// still obey every rule. Last plan's own proposals are always valid, so the
// other planner properties never hand the planner a proposal it must refuse;
// here `previous` also holds stale ones (wrong length, off the grid, over the
// task's need, for a task that is gone, touching a sibling, repeated), and
// the rule checker (helpers/checker.ts, which shares no code with the
// planner) is the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../src/main/core/planner';
import type { PlanInput, PlannedBlock } from '../../../../src/main/core/planner/types';
import { planInput } from './helpers/arbitraries';
import { checkPlan } from './helpers/checker';

const MIN = 60_000;
/** The checker's messages about where blocks sit, as opposed to whether the reasons are true. */
const PLACEMENT_RULE =
  /^(duplicate proposal id|proposal for unknown|not on local quarter|chunk length|uses a quarter|overlap|buffer broken|two blocks of|\S+: placed)/;

/** Stale proposals: any task id (or one that no longer exists), any 5-minute start, any 5-minute length. */
const stale = (taskIds: string[], now: number, spanMin: number) =>
  fc
    .array(
      fc.record({
        task: fc.integer({ min: 0, max: taskIds.length }),
        startMin: fc.integer({ min: 0, max: Math.floor(spanMin / 5) }),
        lenMin: fc.integer({ min: 1, max: 60 }),
        repeat: fc.boolean(),
      }),
      { maxLength: 12 },
    )
    .map((rows) =>
      rows.flatMap((r, i): PlannedBlock[] => {
        const start = now + r.startMin * 5 * MIN;
        const p = { id: `old-${i}`, taskId: taskIds[r.task] ?? 'gone', start, end: start + r.lenMin * 5 * MIN };
        // The same id again, elsewhere: a proposal is kept once at most.
        return r.repeat ? [p, { ...p, start: p.start + 60 * MIN, end: p.end + 60 * MIN }] : [p];
      }),
    );

describe('keeping previous proposals', () => {
  it('never keeps one that breaks a rule; a kept one keeps its id, start and end', () => {
    fc.assert(
      fc.property(
        planInput().chain((input) =>
          fc.tuple(
            fc.constant(input),
            stale(
              input.tasks.map((t) => t.id),
              input.now,
              input.horizonDays * 24 * 60,
            ),
            fc.boolean(),
          ),
        ),
        ([input, old, withOwn]) => {
          // Half the time last plan's own (valid) proposals are mixed in, to compete with the stale ones.
          const previous = withOwn ? [...plan(input).proposals, ...old] : old;
          const next = { ...input, previous };
          const out = plan(next);
          expect(checkPlan(next, out)).toEqual([]);
          for (const p of out.proposals) if (p.id.startsWith('old-')) expect(previous).toContainEqual(p);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps a valid previous proposal even when the planner would choose another slot', () => {
    fc.assert(
      fc.property(planInput(), (input) => {
        const first = plan(input);
        // Move each proposal a quarter later where that is still valid: the moved copy must stay where it is.
        for (const p of first.proposals) {
          const moved = { ...p, id: 'moved', start: p.start + 15 * MIN, end: p.end + 15 * MIN };
          const others = first.proposals.filter((q) => q !== p);
          const next = { ...input, previous: [...others, moved] };
          // Valid means: a plan holding exactly these blocks breaks no placement rule (reasons aside).
          const broken = checkPlan({ ...input, previous: [] }, { ...first, proposals: [...others, moved] }).filter(
            (m) => PLACEMENT_RULE.test(m),
          );
          if (broken.length > 0) continue;
          const out = plan(next);
          expect(out.proposals).toContainEqual(moved);
          for (const q of others) expect(out.proposals).toContainEqual(q);
        }
      }),
      { numRuns: 60 },
    );
  });
});

// Stale proposals can contend for the same slots (the user's calendar moved
// under them). Which one stays is decided by the proposals alone — earliest
// start, then earliest end, then smallest id — never by the order they come in.
describe('keeping previous proposals that contend for the same slots', () => {
  const at = (hhmm: string): number => Date.parse(`2026-06-15T${hhmm}:00Z`); // a Monday
  const input = (previous: PlannedBlock[]): PlanInput => ({
    now: at('08:00'),
    timeZone: 'UTC',
    workingHours: { mon: [['09:00', '12:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    bufferMinutes: 0,
    horizonDays: 1,
    leadTimeMinutes: 0,
    tasks: ['a', 'b'].map((id) => ({
      id,
      title: id,
      durationMinutes: 60,
      priority: 2 as const,
      due: null,
      earliest: null,
      minChunkMinutes: 30,
      maxChunkMinutes: 60,
    })),
    busy: [],
    accepted: [],
    previous,
    rejected: [],
  });
  const block = (id: string, taskId: string, from: string, to: string): PlannedBlock => ({
    id,
    taskId,
    start: at(from),
    end: at(to),
  });
  /** The previous proposals plan() kept (by id), for `previous` in both orders. */
  const keptIds = (previous: PlannedBlock[]): string[][] =>
    [previous, [...previous].reverse()].map((prev) => {
      const ids = new Set(prev.map((p) => p.id));
      return plan(input(prev))
        .proposals.filter((p) => ids.has(p.id))
        .map((p) => p.id);
    });

  it('keeps the one that starts first', () => {
    const early = block('z-early', 'a', '09:00', '10:00');
    const late = block('a-late', 'b', '09:30', '10:30');
    expect(keptIds([early, late])).toEqual([['z-early'], ['z-early']]);
  });

  it('of two that start together, keeps the one that ends first', () => {
    const short = block('z-short', 'a', '10:00', '10:30');
    const long = block('a-long', 'b', '10:00', '11:00');
    expect(keptIds([short, long])).toEqual([['z-short'], ['z-short']]);
  });

  it('of two on the same slots, keeps the smaller id', () => {
    expect(keptIds([block('p2', 'b', '10:00', '11:00'), block('p1', 'a', '10:00', '11:00')])).toEqual([['p1'], ['p1']]);
    // The same task twice under two ids: the task has room for one hour only.
    expect(keptIds([block('q2', 'a', '10:00', '11:00'), block('q1', 'a', '10:00', '11:00')])).toEqual([['q1'], ['q1']]);
  });
});
