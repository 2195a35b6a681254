// The contract's input schemas are built on first read (issue 16: building
// all of them cost every command ~45 ms of CPU at start), once, and every
// operation is still listed.
import { describe, expect, it } from 'vitest';
import { apiInputs, type ApiOp } from '../../src/shared/api';

describe('apiInputs', () => {
  it('builds a schema when it is first read, then keeps it', () => {
    const op: ApiOp = 'removeMirrorRule'; // read by no other code in this file's module graph at import
    expect(Object.getOwnPropertyDescriptor(apiInputs, op)?.get).toBeTypeOf('function');
    const first = apiInputs[op];
    expect(Object.getOwnPropertyDescriptor(apiInputs, op)?.value).toBe(first);
    expect(apiInputs[op]).toBe(first);
    expect(first.safeParse({ id: 'r1' })).toMatchObject({ success: true, data: { id: 'r1', keepEvents: false } });
  });

  it('lists every operation, each with its own schema', () => {
    const ops = Object.keys(apiInputs) as ApiOp[];
    expect(ops).toContain('status');
    expect(ops).toContain('listEvents');
    expect(ops.length).toBeGreaterThan(30);
    for (const op of ops) expect(typeof apiInputs[op].safeParse).toBe('function');
    expect(apiInputs.listEvents.safeParse({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }).success).toBe(
      false,
    );
  });
});
