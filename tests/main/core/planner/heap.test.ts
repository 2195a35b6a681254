// The planner's EDF layout pops tasks from this heap; a heap that pops in the
// wrong order once passed every planner test (issue 15), so it is checked
// here against the simplest oracle: a sorted copy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexHeap } from '../../../../src/main/core/planner/heap';

type Op = { push: number } | 'pop';

describe('IndexHeap', () => {
  it('pops in comparator order under any interleaving of pushes and pops, like a sorted list', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((n) => ({ push: n })),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 41, maxLength: 41 }),
        fc.array(op, { maxLength: 200 }),
        (keys, ops) => {
          // Ties broken by index, as the planner's comparators do, so the order is total.
          const less = (a: number, b: number): boolean => keys[a]! < keys[b]! || (keys[a] === keys[b] && a < b);
          const heap = new IndexHeap(less);
          const oracle: number[] = [];
          for (const o of ops) {
            if (o === 'pop') {
              oracle.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
              expect(heap.pop()).toBe(oracle.shift());
            } else {
              heap.push(o.push);
              oracle.push(o.push);
            }
            expect(heap.size).toBe(oracle.length);
            expect([...heap.items()].sort()).toEqual([...oracle].sort());
            if (oracle.length > 0) expect(oracle.every((x) => !less(x, heap.peek()!))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pops nothing from an empty heap', () => {
    const heap = new IndexHeap((a, b) => a < b);
    expect(heap.pop()).toBeUndefined();
    expect(heap.peek()).toBeUndefined();
  });
});
