// The in-process face of syncing: "Sync now" while a run is going joins that
// run instead of starting (or failing) a second one.
import type { SyncRun } from '../../../shared/domain';
import type { EngineBus } from '../engine-bus';
import type { RunOptions, SyncRunner } from './sync-runner';

export class SyncService {
  private current: { promise: Promise<SyncRun>; trigger: string } | null = null;

  constructor(
    private readonly runner: SyncRunner,
    private readonly bus: EngineBus,
    /** Runs after each run, before its promise resolves (core/after-sync.ts: re-plan, then the Supabase push): "sync" means the change arrived everywhere. */
    private readonly afterRun?: (run: SyncRun) => Promise<void>,
  ) {}

  request(opts: RunOptions): Promise<SyncRun> {
    if (this.current) return this.current.promise;
    const promise = this.runner
      .run(opts)
      .then(async (run) => {
        this.bus.emit({ type: 'run-finished', runId: run.id, status: run.status });
        await this.afterRun?.(run);
        return run;
      })
      .finally(() => {
        this.current = null;
        this.bus.emit({ type: 'status-changed' });
      });
    this.current = { promise, trigger: opts.trigger };
    return promise;
  }

  get running(): { trigger: string } | null {
    return this.current ? { trigger: this.current.trigger } : null;
  }

  /** Resolves when the current run (if any) has reached its end. */
  async idle(): Promise<void> {
    await this.current?.promise.catch(() => undefined);
  }
}
