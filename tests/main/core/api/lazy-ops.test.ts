// lazyOps: an operation of a part loaded on first call answers as the part's
// own operation would (the same value, the same error), and the part loads once.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/shared/errors';
import { lazyOps, once } from '../../../../src/main/core/api/lazy-ops';
import type { ApiImpl } from '../../../../src/main/core/api/validated-api';

type Part = Pick<ApiImpl, 'listTasks' | 'deleteTask'>;

function part(): { loads: () => number; load: () => Promise<Part>; seen: unknown[] } {
  let loads = 0;
  const seen: unknown[] = [];
  const impl: Part = {
    listTasks: async (input) => {
      seen.push(input);
      return [];
    },
    deleteTask: async ({ id }) => {
      throw new AppError('not-found', `no task "${id}"`);
    },
  };
  return { loads: () => loads, load: once(async () => (loads++, impl)), seen };
}

describe('lazyOps', () => {
  it('loads nothing until an operation is called, then once for all of them', async () => {
    const p = part();
    const ops = lazyOps(['listTasks', 'deleteTask'], p.load);
    expect(Object.keys(ops).sort()).toEqual(['deleteTask', 'listTasks']);
    expect(p.loads()).toBe(0);
    await Promise.all([ops.listTasks({ status: 'open' }), ops.listTasks({ status: 'done' })]);
    await ops.deleteTask({ id: 't1' }).catch(() => undefined);
    expect(p.loads()).toBe(1);
  });

  it('passes the input through and returns the part’s answer', async () => {
    const p = part();
    const ops = lazyOps(['listTasks'], p.load);
    await expect(ops.listTasks({ status: 'done' })).resolves.toEqual([]);
    expect(p.seen).toEqual([{ status: 'done' }]);
  });

  it('rejects with the part’s own error', async () => {
    const ops = lazyOps(['deleteTask'], part().load);
    const e = await ops.deleteTask({ id: 'nope' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('not-found');
    expect((e as AppError).message).toBe('no task "nope"');
  });
});
