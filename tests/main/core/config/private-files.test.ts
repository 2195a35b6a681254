import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planModes, type FoundEntry } from '../../../../src/main/core/config/private-files';

const entryArb = fc.record({
  path: fc.string({ minLength: 1, maxLength: 8 }),
  kind: fc.constantFrom<'dir' | 'file'>('dir', 'file'),
  mode: fc.integer({ min: 0, max: 0o777 }),
});

describe('planModes', () => {
  it('changes exactly the entries others can use, to private modes, never widening the owner', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), (found: FoundEntry[]) => {
        const plan = planModes(found);
        const loose = found.filter((e) => e.mode % 0o100 !== 0); // any group/other bit, by arithmetic
        expect(plan.map((c) => c.path)).toEqual(loose.map((e) => e.path));
        for (const [i, c] of plan.entries()) {
          const e = loose[i]!;
          expect(c.from).toBe(e.mode);
          expect(c.to % 0o100).toBe(0); // nothing for group or others
          const ownerBits = Math.floor(e.mode / 0o100);
          const allowed = e.kind === 'dir' ? 7 : 6; // rwx for a dir, rw for a file
          expect(Math.floor(c.to / 0o100)).toBe(ownerBits & allowed);
        }
      }),
    );
  });
});
