// What follows a sync, in one ordered list. Some steps belong to an account
// and run right after its calendars, under its sync lease (the Google Tasks
// import, then the busy mirrors of that account); the others run once the
// whole run is in, before "Sync now" answers (re-plan, then the Supabase
// push, so a block moved by the re-plan reaches the workspace in the same
// sync). Each step is isolated: its failure is logged with its name and the
// next step still runs — one broken import never keeps the push from running.
import type { SyncRun } from '../../shared/domain';
import type { CallStats } from './google/retry';
import type { Logger } from './log/logger';
import type { MirrorService } from './mirror/mirror-service';
import type { PushService } from './push/push-service';
import type { AccountRecord } from './store/accounts-repo';
import type { AfterAccount } from './sync/sync-runner';
import type { TaskImporter } from './tasks-import/task-importer';
import type { TaskWriteBack } from './tasks-import/write-back';

export interface AccountStepContext {
  account: AccountRecord;
  runId: number;
  stats: CallStats;
  /** False once the account's sync lease is lost: a step stops writing then. */
  stillOwner: () => boolean;
}

export type AfterSyncStep =
  | { name: string; after: 'account'; run: (ctx: AccountStepContext) => Promise<unknown> }
  | { name: string; after: 'run'; run: (run: SyncRun) => Promise<unknown> };

export interface AfterSync {
  /** For SyncRunner: the account steps, in list order. Never throws. */
  afterAccount: AfterAccount;
  /** For SyncService: the run steps, in list order. Never throws. */
  afterRun: (run: SyncRun) => Promise<void>;
}

export function afterSync(steps: readonly AfterSyncStep[], log: Logger): AfterSync {
  const attempt = async (name: string, fn: () => Promise<unknown>, where: Record<string, unknown>) => {
    try {
      await fn();
    } catch (e) {
      log.error({ err: e, step: name, ...where }, `after-sync step "${name}" failed`);
    }
  };
  return {
    afterAccount: async (account, runId, stats, stillOwner) => {
      for (const step of steps)
        if (step.after === 'account')
          await attempt(step.name, () => step.run({ account, runId, stats, stillOwner }), { accountId: account.id });
    },
    afterRun: async (run) => {
      for (const step of steps)
        if (step.after === 'run') await attempt(step.name, () => step.run(run), { runId: run.id });
    },
  };
}

export interface EngineStepParts {
  writeBack: Pick<TaskWriteBack, 'drainAccount'>;
  importer: Pick<TaskImporter, 'importAccount'>;
  mirrors: Pick<MirrorService, 'afterAccount'>;
  /** PlanService's re-plan; app.ts's loads the planner first when one is due, so it may return a promise. */
  planner: { afterSync: (runId: number) => unknown };
  /** Opt-in: habit blocks' conflict moves written to Google, so the moved events go with this run's push. */
  habitMover: { afterSync: () => Promise<unknown> };
  push: Pick<PushService, 'afterSync'>;
}

/** The engine's list (app.ts). The 6-hourly re-plan without a sync is the scheduler's `plan` job. */
export function engineAfterSyncSteps(p: EngineStepParts, log: Logger): AfterSyncStep[] {
  return [
    // Opt-in in settings (the importer checks); its outcome is the run's `taskImports` entry.
    {
      name: 'tasks-import',
      after: 'account',
      // Status changes made here go to Google first, so the import reads Google with them (and settles them);
      // a failed write-back is logged and the import still runs, with no warnings of its own.
      run: async (c) => {
        const warnings = await p.writeBack
          .drainAccount(c.account, c.stats, c.stillOwner)
          .catch(
            (e: unknown) => (log.error({ err: e, accountId: c.account.id }, 'Google Tasks write-back failed'), []),
          );
        return p.importer.importAccount(c.account, c.runId, c.stats, c.stillOwner, warnings);
      },
    },
    // Mirror rules whose source calendars are in this account, with the sync's retry policy.
    { name: 'mirrors', after: 'account', run: (c) => p.mirrors.afterAccount(c.account, c.stats, c.stillOwner) },
    // Only when the run changed events or imported tasks, and there is something to plan.
    { name: 're-plan', after: 'run', run: async (run) => p.planner.afterSync(run.id) },
    // Not connected: nothing to do. Its outcome is in the outbox status; it never fails the sync.
    { name: 'habit-moves', after: 'run', run: () => p.habitMover.afterSync() },
    { name: 'push', after: 'run', run: () => p.push.afterSync() },
  ];
}
