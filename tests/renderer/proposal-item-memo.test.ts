// The Plan week's blocks memo (pages/plan/plan-items.ts): always what
// proposalItems gives (the oracle), and the very same array when nothing a block
// shows changed, so the memoised week is not drawn again; a new one whenever
// anything it shows did.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Proposal, Task } from '../../src/shared/domain';
import { createProposalItemMemo, proposalItems } from '../../src/renderer/pages/plan/plan-items';

const proposal = fc.record({
  id: fc.constantFrom('p1', 'p2', 'p3'),
  taskId: fc.constantFrom('t1', 't2'),
  start: fc.constantFrom('2026-03-29T09:00:00Z', '2026-03-29T10:00:00Z'),
  end: fc.constantFrom('2026-03-29T09:30:00Z', '2026-03-29T11:00:00Z'),
  status: fc.constantFrom('proposed', 'accepted', 'rejected', 'conflict'),
  googleEventId: fc.constantFrom(null, 'g1'),
  calendarId: fc.constantFrom(null, 'c1'),
  moveTo: fc.constant(null),
}) as fc.Arbitrary<Proposal>;
const titles = fc.record({ t1: fc.constantFrom('Write', 'Read'), t2: fc.constantFrom('Task', '') });
const step = fc.record({
  proposals: fc.array(proposal, { maxLength: 3 }),
  titles,
  zone: fc.constantFrom('Europe/Berlin', 'America/St_Johns'),
});

const taskMap = (t: { t1: string; t2: string }) =>
  new Map(Object.entries(t).map(([id, title]) => [id, { id, title } as Task]));

describe('createProposalItemMemo', () => {
  it('gives what proposalItems gives, the same array while nothing shown changed, a new one when it did', () => {
    fc.assert(
      fc.property(
        // Repeats on purpose: a reload that brings the same blocks as new objects.
        fc
          .array(step, { minLength: 1, maxLength: 8 })
          .chain((steps) => fc.array(fc.constantFrom(...steps), { minLength: 2, maxLength: 12 })),
        (steps) => {
          const memo = createProposalItemMemo();
          let prev: { out: unknown; oracle: unknown; input: string } | null = null;
          for (const s of steps) {
            const copy = structuredClone(s.proposals);
            const out = memo(copy, taskMap(s.titles), s.zone);
            const oracle = proposalItems(copy, taskMap(s.titles), s.zone);
            expect(out).toEqual(oracle);
            const input = JSON.stringify([copy.filter((p) => p.status !== 'rejected'), s.titles, s.zone]);
            if (prev && prev.input === input) expect(out).toBe(prev.out);
            if (prev && JSON.stringify(prev.oracle) !== JSON.stringify(oracle)) expect(out).not.toBe(prev.out);
            prev = { out, oracle, input };
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
