import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taskInputSchema, taskPatchSchema } from '../../src/shared/schemas';

describe('taskPatchSchema', () => {
  it('keeps exactly the keys a patch names: no defaults are filled in', () => {
    const keys = [
      'title',
      'notes',
      'durationMinutes',
      'priority',
      'due',
      'earliest',
      'minChunkMinutes',
      'maxChunkMinutes',
      'status',
    ] as const;
    const full = {
      title: 'Taxes',
      notes: 'n',
      durationMinutes: 90,
      priority: 1,
      due: '2026-12-24T17:00:00.000Z',
      earliest: null,
      minChunkMinutes: 45,
      maxChunkMinutes: 90,
      status: 'done',
    };
    fc.assert(
      fc.property(fc.subarray([...keys]), (names) => {
        const patch = Object.fromEntries(names.map((k) => [k, full[k]]));
        expect(taskPatchSchema.parse(patch)).toEqual(patch);
      }),
    );
  });

  it('a new task still gets the documented defaults', () => {
    expect(taskInputSchema.parse({ title: 'x', durationMinutes: 30 })).toEqual({
      title: 'x',
      durationMinutes: 30,
      notes: null,
      priority: 3,
      due: null,
      earliest: null,
      minChunkMinutes: 30,
      maxChunkMinutes: 120,
    });
  });
});
