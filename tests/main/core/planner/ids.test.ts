import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deterministicEventId, proposalIdFor } from '../../../../src/main/core/planner';
import { base32hex } from '../../../../src/main/core/planner/ids';

describe('ids', () => {
  it('ids are pinned: a change of hash or encoding would re-create every accepted block at Google', () => {
    // Computed before SHA-256 moved to @noble/hashes; an id that changes makes the next
    // accept insert a second event instead of finding the first.
    const pid = proposalIdFor('task-1', 1767600000000, 1767603600000);
    expect(pid).toBe('pt1spq24vr9uu0jjd3g7s');
    expect(deterministicEventId(pid)).toBe('g2qml7ucsdfn75l7qis57rk7hkt60i5l1iqfqku0gsdbldpjhl00');
  });

  it('base32hex follows RFC 4648 §10 (lowercase, no padding)', () => {
    const enc = (s: string): string => base32hex(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual([
      '',
      'co',
      'cpng',
      'cpnmu',
      'cpnmuog',
      'cpnmuoj1',
      'cpnmuoj1e8',
    ]);
  });

  it('Google event ids: base32hex alphabet, 52 chars (256 bits), stable, distinct', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (pid) => {
        const id = deterministicEventId(pid);
        expect(id).toMatch(/^[a-v0-9]{52}$/);
        expect(deterministicEventId(pid)).toBe(id);
        seen.add(`${pid}\u0000${id}`);
      }),
      { numRuns: 300 },
    );
    expect(deterministicEventId('p1')).not.toBe(deterministicEventId('p2'));
    const ids = new Set([...seen].map((x) => x.split('\u0000')[1]));
    const pids = new Set([...seen].map((x) => x.split('\u0000')[0]));
    expect(ids.size).toBe(pids.size);
  });

  it('proposal ids follow task and slot', () => {
    const a = proposalIdFor('task-1', 1_000, 2_000);
    expect(a).toMatch(/^p[a-v0-9]{20}$/);
    expect(proposalIdFor('task-1', 1_000, 2_000)).toBe(a);
    expect(proposalIdFor('task-1', 1_000, 3_000)).not.toBe(a);
    expect(proposalIdFor('task-2', 1_000, 2_000)).not.toBe(a);
  });
});
