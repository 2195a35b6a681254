import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../src/shared/domain';
import { afterSync, engineAfterSyncSteps, type AfterSyncStep } from '../../../src/main/core/after-sync';
import type { Logger } from '../../../src/main/core/log/logger';
import type { AccountRecord } from '../../../src/main/core/store/accounts-repo';

function captureLog() {
  const errors: Array<{ step: unknown; accountId?: unknown; runId?: unknown }> = [];
  const log = {
    error: (o: { step: unknown; accountId?: unknown; runId?: unknown }) =>
      errors.push({ step: o.step, accountId: o.accountId, runId: o.runId }),
  } as unknown as Logger;
  return { log, errors };
}

const account = (id: string) => ({ id, email: `${id}@example.test` }) as AccountRecord;
const run = (id: number) => ({ id }) as SyncRun;
const stats = { apiCalls: 0, retries: 0 };

describe('engineAfterSyncSteps', () => {
  it('per account: tasks write-back and import, then mirrors; after the run: re-plan, habit moves, then push', async () => {
    const calls: string[] = [];
    const { log, errors } = captureLog();
    const after = afterSync(
      engineAfterSyncSteps(
        {
          writeBack: { drainAccount: async (a) => (calls.push(`write-back:${a.id}`), []) },
          importer: {
            importAccount: async (a) => {
              calls.push(`tasks-import:${a.id}`);
              return null;
            },
          },
          mirrors: { afterAccount: async (a) => void calls.push(`mirrors:${a.id}`) },
          planner: { afterSync: (id) => void calls.push(`re-plan:${id}`) },
          habitMover: { afterSync: async () => void calls.push('habit-moves') },
          push: { afterSync: async () => void calls.push('push') },
        },
        log,
      ),
      log,
    );
    await after.afterAccount(account('a'), 7, stats, () => true);
    await after.afterAccount(account('b'), 7, stats, () => true);
    await after.afterRun(run(7));
    expect(calls).toEqual([
      'write-back:a',
      'tasks-import:a',
      'mirrors:a',
      'write-back:b',
      'tasks-import:b',
      'mirrors:b',
      're-plan:7',
      'habit-moves',
      'push',
    ]);
    expect(errors).toEqual([]);
  });

  it('a failing step is logged under its name and the next step still runs', async () => {
    const calls: string[] = [];
    const { log, errors } = captureLog();
    const after = afterSync(
      engineAfterSyncSteps(
        {
          writeBack: { drainAccount: async (a) => (calls.push(`write-back:${a.id}`), []) },
          importer: {
            importAccount: async () => {
              throw new Error('tasks API down');
            },
          },
          mirrors: { afterAccount: async (a) => void calls.push(`mirrors:${a.id}`) },
          // Throws before returning a promise: isolated the same way.
          planner: {
            afterSync: () => {
              throw new Error('planner bug');
            },
          },
          habitMover: { afterSync: async () => void calls.push('habit-moves') },
          push: { afterSync: async () => void calls.push('push') },
        },
        log,
      ),
      log,
    );
    await after.afterAccount(account('a'), 3, stats, () => true);
    await after.afterRun(run(3));
    expect(calls).toEqual(['write-back:a', 'mirrors:a', 'habit-moves', 'push']);
    expect(errors).toEqual([
      { step: 'tasks-import', accountId: 'a', runId: undefined },
      { step: 're-plan', accountId: undefined, runId: 3 },
    ]);
  });
});

describe('afterSync (any list)', () => {
  it('runs each phase in list order, every step once, and logs exactly the failing ones', async () => {
    const stepSpec = fc.record({ after: fc.constantFrom('account' as const, 'run' as const), fails: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(stepSpec, { maxLength: 8 }), async (specs) => {
        const ran: string[] = [];
        const steps: AfterSyncStep[] = specs.map((s, i) => {
          const name = `s${i}`;
          const body = async () => {
            ran.push(name);
            if (s.fails) throw new Error(name);
          };
          return s.after === 'account' ? { name, after: 'account', run: body } : { name, after: 'run', run: body };
        });
        const { log, errors } = captureLog();
        const after = afterSync(steps, log);
        await after.afterAccount(account('a'), 1, stats, () => true);
        await after.afterRun(run(1));
        // The oracle: account steps in list order, then run steps in list order.
        const names = (phase: string) => specs.flatMap((s, i) => (s.after === phase ? [`s${i}`] : []));
        expect(ran).toEqual([...names('account'), ...names('run')]);
        const failing = [...names('account'), ...names('run')].filter((n) => specs[Number(n.slice(1))]!.fails);
        expect(errors.map((e) => e.step)).toEqual(failing);
      }),
    );
  });
});
