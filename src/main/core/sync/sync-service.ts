// The in-process face of syncing: "Sync now" while a run is going joins that
// run instead of starting (or failing) a second one. A run (with its after-run
// steps) holds the cache's auto-checkpoints and checkpoints once it has
// answered (store/checkpoint-hold.ts says why).
import type { SyncRun } from '../../../shared/domain';
import { toErrorData } from '../../../shared/errors';
import type { EngineBus } from '../engine-bus';
import type { Logger } from '../log/logger';
import type { CheckpointHold } from '../store/checkpoint-hold';
import type { RunOptions, SyncRunner } from './sync-runner';

/** The cache's checkpoint hold, and where its failures are told. */
export interface RunCheckpoints {
  hold: CheckpointHold;
  log: Logger;
}

export class SyncService {
  private current: { promise: Promise<SyncRun>; trigger: string } | null = null;

  constructor(
    private readonly runner: SyncRunner,
    private readonly bus: EngineBus,
    /** Runs after each run, before its promise resolves (core/after-sync.ts: re-plan, then the Supabase push): "sync" means the change arrived everywhere. */
    private readonly afterRun?: (run: SyncRun) => Promise<void>,
    private readonly checkpoints?: RunCheckpoints,
  ) {}

  request(opts: RunOptions): Promise<SyncRun> {
    if (this.current) return this.current.promise;
    this.holdCheckpoints();
    const promise = this.runner
      .run(opts)
      .then(async (run) => {
        this.bus.emit({ type: 'run-finished', runId: run.id, status: run.status });
        await this.afterRun?.(run);
        return run;
      })
      .finally(() => {
        this.current = null;
        this.releaseCheckpoints();
        this.bus.emit({ type: 'status-changed' });
      });
    this.current = { promise, trigger: opts.trigger };
    return promise;
  }

  /** A hold that cannot be set (the cache failing) leaves the run as it was: auto-checkpoints on. */
  private holdCheckpoints(): void {
    if (!this.checkpoints) return;
    const { hold, log } = this.checkpoints;
    try {
      hold.begin();
    } catch (e) {
      log.warn({ err: toErrorData(e).message }, 'could not hold WAL checkpoints for the sync run');
    }
  }

  /**
   * Auto-checkpoints back on at once; the checkpoint of what the run wrote
   * waits for the next turn of the event loop, after the run's answer (a
   * command that closes the cache first has it done by the close).
   */
  private releaseCheckpoints(): void {
    if (!this.checkpoints) return;
    const { hold, log } = this.checkpoints;
    try {
      hold.resume();
    } catch (e) {
      log.warn({ err: toErrorData(e).message }, 'could not turn WAL auto-checkpoints back on after the sync run');
      return;
    }
    setImmediate(() => {
      try {
        const done = hold.checkpoint();
        if (done) log.debug(done, 'checkpointed the WAL after the sync run');
      } catch (e) {
        log.warn({ err: toErrorData(e).message }, 'could not checkpoint the WAL after the sync run');
      }
    });
  }

  get running(): { trigger: string } | null {
    return this.current ? { trigger: this.current.trigger } : null;
  }

  /** Resolves when the current run (if any) has reached its end. */
  async idle(): Promise<void> {
    await this.current?.promise.catch(() => undefined);
  }
}
