// The cache behind one narrow API: repositories over one connection, and
// transactions that span them (a page of events + counts + token advance).
import { AccountsRepo } from './accounts-repo';
import { CalendarsRepo } from './calendars-repo';
import { CheckpointHold } from './checkpoint-hold';
import type { CacheSession } from './clean-shutdown';
import { openDatabase, type Db, type OpenOptions } from './database';
import type { SalvageReport } from './recovery';
import { EventsRepo } from './events-repo';
import { GoogleTaskWritesRepo } from './google-task-writes-repo';
import { GoogleTasksRepo } from './google-tasks-repo';
import { HabitsRepo } from './habits-repo';
import { KvRepo } from './kv-repo';
import { LocksRepo } from './locks-repo';
import { MirrorRepo } from './mirror-repo';
import { OutboxRepo } from './outbox-repo';
import { OutboxWriter } from './outbox-writer';
import { ProposalsRepo } from './proposals-repo';
import { RunsRepo } from './runs-repo';
import { TasksRepo } from './tasks-repo';

export class Store {
  readonly accounts: AccountsRepo;
  readonly calendars: CalendarsRepo;
  readonly events: EventsRepo;
  readonly runs: RunsRepo;
  readonly locks: LocksRepo;
  readonly kv: KvRepo;
  readonly outbox: OutboxRepo;
  readonly tasks: TasksRepo;
  readonly habits: HabitsRepo;
  readonly proposals: ProposalsRepo;
  readonly googleTasks: GoogleTasksRepo;
  /** Status changes of imported tasks still to be written to Google Tasks. */
  readonly googleTaskWrites: GoogleTaskWritesRepo;
  readonly mirrors: MirrorRepo;
  /** The connection's WAL auto-checkpoints, held during a sync run (checkpoint-hold.ts). */
  readonly checkpoints: CheckpointHold;

  constructor(readonly db: Db) {
    // Every change of an event writes its outbox row through this, in the same transaction.
    const outbox = new OutboxWriter(db);
    this.events = new EventsRepo(db, outbox);
    this.calendars = new CalendarsRepo(db, this.events, outbox);
    this.accounts = new AccountsRepo(db, this.calendars);
    this.runs = new RunsRepo(db);
    this.locks = new LocksRepo(db);
    this.kv = new KvRepo(db);
    this.outbox = new OutboxRepo(db);
    this.tasks = new TasksRepo(db);
    this.habits = new HabitsRepo(db);
    this.proposals = new ProposalsRepo(db);
    this.googleTasks = new GoogleTasksRepo(db);
    this.googleTaskWrites = new GoogleTaskWritesRepo(db);
    this.mirrors = new MirrorRepo(db);
    this.checkpoints = new CheckpointHold(db);
  }

  /** Set when this open found the file damaged and rebuilt it (see recovery.ts). */
  recovery: SalvageReport | null = null;
  /** Whether this open ran quick_check: a session before it ended uncleanly (clean-shutdown.ts). */
  checkedAtOpen = false;
  private session: CacheSession | null = null;
  private damageSeen = false;

  static open(file: string, opts: OpenOptions = {}): Store {
    const { db, recovery, session, checked } = openDatabase(file, opts);
    const store = new Store(db);
    store.session = session;
    store.checkedAtOpen = checked;
    if (recovery) store.finishRecovery(recovery, Date.now());
    return store;
  }

  /** This process met a damaged page: the next start checks (and rebuilds) the file. */
  noteDamage(): void {
    this.damageSeen = true;
  }

  /** quick_check now (a long-running process, now and then); false notes damage for the next start. */
  verify(): boolean {
    const ok = this.db.pragma('quick_check(1)', { simple: true }) === 'ok';
    if (!ok) this.damageSeen = true;
    return ok;
  }

  /** Re-queues salvaged Supabase deletions and leaves a note for `status` (kept a week). */
  private finishRecovery(report: SalvageReport, now: number): void {
    this.recovery = report;
    const stash = this.kv.get('recovery.outbox');
    if (stash) {
      const { target, deletes } = JSON.parse(stash) as {
        target: string;
        deletes: Array<{
          calendar_id: string;
          event_id: string;
          account_id: string;
          version: string | null;
          withdrawn?: number;
        }>;
      };
      this.outbox.arm(target, now);
      this.outbox.requeueDeletes(deletes);
      this.kv.delete('recovery.outbox');
    }
    this.kv.set('recovery.report', JSON.stringify({ at: now, ...report }));
  }

  /** BEGIN IMMEDIATE: take the write lock up front so two processes queue instead of deadlocking. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Closes the connection and, unless this process saw damage, ends its
   * session cleanly. `verify`: check the file first (long-running processes,
   * whose lifetime dwarfs the check; a short command skips it).
   */
  close(opts: { verify?: boolean } = {}): void {
    if (!this.db.open) return;
    let clean = !this.damageSeen;
    if (clean && opts.verify) {
      try {
        clean = this.verify();
      } catch {
        clean = false; // unreadable: leave the marker, the next start checks and rebuilds
      }
    }
    this.db.close();
    if (clean) this.session?.end();
    else this.session?.endDamaged();
  }
}
