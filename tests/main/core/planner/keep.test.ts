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
import type { PlannedBlock } from '../../../../src/main/core/planner/types';
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
