import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../../../src/main/core/planner';
import { checkPlan } from './helpers/checker';
import { planInput, shuffled } from './helpers/arbitraries';

const MIN = 60_000;

describe('plan() on random inputs', () => {
  it('never breaks a hard rule, and every reason and at-risk flag is true', () => {
    fc.assert(
      fc.property(planInput(), (input) => {
        const out = plan(input);
        expect(checkPlan(input, out)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and does not depend on input order', () => {
    fc.assert(
      fc.property(planInput(), fc.integer({ min: 1, max: 2 ** 30 }), (input, seed) => {
        const a = plan(input);
        expect(plan(input)).toEqual(a);
        expect(plan(shuffled(input, seed))).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('re-planning with its own proposals as previous keeps every proposal', () => {
    fc.assert(
      fc.property(planInput(), (input) => {
        const first = plan(input);
        const next = { ...input, previous: first.proposals };
        const again = plan(next);
        expect(again.proposals).toEqual(first.proposals);
        expect(again.atRisk).toEqual(first.atRisk);
        // The same tasks stay short; a reason's wording may now mention the
        // kept blocks (they are part of the input now), and must still be true.
        expect(again.unscheduled.map((u) => u.taskId)).toEqual(first.unscheduled.map((u) => u.taskId));
        expect(checkPlan(next, again)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('after one new meeting, only the proposals it touches move', () => {
    fc.assert(
      fc.property(
        planInput(),
        fc.integer({ min: 0, max: 4 * 24 * 60 }),
        fc.integer({ min: 5, max: 180 }),
        (input, offset, length) => {
          const first = plan(input);
          const start = input.now + offset * MIN;
          const meeting = { start, end: start + length * MIN, eventId: 'new-meeting' };
          const next = { ...input, busy: [...input.busy, meeting], previous: first.proposals };
          const second = plan(next);
          const buf = input.bufferMinutes * MIN;
          const kept = new Set(second.proposals.map((p) => `${p.id}|${p.taskId}|${p.start}|${p.end}`));
          for (const p of first.proposals) {
            const touched = p.start < meeting.end + buf && p.end > meeting.start - buf;
            if (!touched) expect(kept.has(`${p.id}|${p.taskId}|${p.start}|${p.end}`)).toBe(true);
            else expect(second.proposals.some((q) => q.id === p.id && q.start === p.start)).toBe(false);
          }
          expect(checkPlan(next, second)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
