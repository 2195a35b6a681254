// Background jobs on node-cron, in the user's time zone: the sync every
// syncIntervalMinutes, plus any job other parts register (the planner's
// re-plan every 6 hours). A tick never starts a second sync: SyncService joins
// the running one. node-cron (and the child_process it imports) loads only
// when the jobs start: a one-shot command like `calsync status` never pays for it.
import type { ScheduledTask } from 'node-cron';
import type { SyncTrigger } from '../../../shared/domain';
import type { Logger } from '../log/logger';
import type { SettingsService } from '../settings/settings-service';
import type { Store } from '../store/store';
import type { SyncService } from '../sync/sync-service';
import type { Clock } from '../clock';
import { cronForInterval, isSyncDue } from './schedule';

const PAUSED_KEY = 'jobs.paused';

export interface ExtraJob {
  name: string;
  cron: string;
  run: () => Promise<unknown>;
}

type Cron = (typeof import('node-cron'))['default'];

export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private readonly extra: ExtraJob[] = [];
  private unsubscribe: (() => void) | null = null;
  private cron: Cron | null = null;
  private running = false;

  constructor(
    private readonly sync: SyncService,
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  addJob(job: ExtraJob): void {
    this.extra.push(job);
    if (this.tasks.length) this.reschedule();
  }

  async start(): Promise<void> {
    this.running = true;
    const cron = (await import('node-cron')).default;
    if (!this.running) return; // stopped while node-cron was loading
    this.cron = cron;
    this.reschedule();
    this.unsubscribe = this.settings.onChange(() => this.reschedule());
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const t of this.tasks) void t.destroy();
    this.tasks = [];
  }

  /** Remembered in the cache, so a pause survives a restart of the app. */
  setPaused(paused: boolean): void {
    this.store.kv.set(PAUSED_KEY, paused ? '1' : '0');
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private get paused(): boolean {
    return this.store.kv.get(PAUSED_KEY) === '1';
  }

  /** The schedule strings in force, for the tray and for tests. */
  schedules(): Array<{ name: string; cron: string; timeZone: string }> {
    const { timeZone, syncIntervalMinutes } = this.settings.get();
    return [
      { name: 'sync', cron: cronForInterval(syncIntervalMinutes), timeZone },
      ...this.extra.map((j) => ({ name: j.name, cron: j.cron, timeZone })),
    ];
  }

  nextSyncAt(): string | null {
    if (this.paused) return null;
    const { syncIntervalMinutes } = this.settings.get();
    const last = this.lastGoodSyncAt();
    // Every-minute ticks fire a sync only when it is due.
    if (cronForInterval(syncIntervalMinutes) === '* * * * *') {
      return new Date(Math.max(this.clock.now(), (last ?? 0) + syncIntervalMinutes * 60_000)).toISOString();
    }
    return this.tasks[0]?.getNextRun()?.toISOString() ?? null;
  }

  /** After start-up, resume from sleep or a network coming back: sync if the last good one is older than the interval. */
  async catchUp(trigger: SyncTrigger): Promise<boolean> {
    if (this.paused || !this.hasAccounts()) return false;
    if (!isSyncDue(this.lastGoodSyncAt(), this.clock.now(), this.settings.get().syncIntervalMinutes)) return false;
    await this.runSync(trigger);
    return true;
  }

  private reschedule(): void {
    const cron = this.cron;
    if (!cron) return;
    for (const t of this.tasks) void t.destroy();
    const { timeZone, syncIntervalMinutes } = this.settings.get();
    const expr = cronForInterval(syncIntervalMinutes);
    const everyMinute = expr === '* * * * *';
    this.tasks = [
      cron.schedule(
        expr,
        async () => {
          if (this.paused || !this.hasAccounts()) return;
          if (everyMinute && !isSyncDue(this.lastGoodSyncAt(), this.clock.now(), syncIntervalMinutes)) return;
          await this.runSync('cron');
        },
        { timezone: timeZone, name: 'sync', noOverlap: true },
      ),
      ...this.extra.map((job) =>
        cron.schedule(
          job.cron,
          async () => {
            if (this.paused) return;
            await job.run().catch((e: unknown) => this.log.error({ err: e, job: job.name }, 'scheduled job failed'));
          },
          { timezone: timeZone, name: job.name, noOverlap: true },
        ),
      ),
    ];
  }

  private async runSync(trigger: SyncTrigger): Promise<void> {
    try {
      const run = await this.sync.request({ trigger });
      if (run.status === 'failed') this.log.warn({ runId: run.id }, `scheduled sync failed: ${run.error}`);
    } catch (e) {
      this.log.error({ err: e }, 'scheduled sync could not start');
    }
  }

  private hasAccounts(): boolean {
    return this.store.accounts.list().some((a) => a.status === 'active');
  }

  private lastGoodSyncAt(): number | null {
    const at = this.store.runs.lastFinished('succeeded')?.endedAt;
    return at ? Date.parse(at) : null;
  }
}
