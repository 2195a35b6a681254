// Holds SQLite's automatic WAL checkpoints while a sync run writes, and
// checkpoints once after it. With auto-checkpoints on, whichever commit finds
// the WAL past 1,000 pages copies it into the database file before it
// returns, so now and then a run of a hundred changes paid for the writes of
// several runs (and, the first time, of a whole full sync) in the middle of
// its own pages. Held, the run's commits only append to the WAL; the copy
// happens once the run has answered (end()).
//
// The setting is the connection's, so every writer of this process is held
// with the run; other processes keep their own. A full listing resumes the
// auto-checkpoints at once (resume()): its thousands of pages must not grow
// the WAL to the size of the cache.
import type { Db } from './database';

export interface CheckpointOutcome {
  /** The checkpoint could not finish: another connection was reading or writing (it finishes at a later one). */
  busy: boolean;
  /** Frames in the WAL, and how many of them are now in the database file. */
  walFrames: number;
  checkpointed: number;
}

export class CheckpointHold {
  /** The connection's auto-checkpoint threshold (pages) while held; null when not held. */
  private saved: number | null = null;

  constructor(private readonly db: Db) {}

  get held(): boolean {
    return this.saved !== null;
  }

  /** Auto-checkpoints off until resume() or end(). A second begin() while held changes nothing. */
  begin(): void {
    if (this.saved !== null || !this.db.open) return;
    this.saved = Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
    this.db.pragma('wal_autocheckpoint = 0');
  }

  /** Auto-checkpoints back at the threshold they had, with no checkpoint now. */
  resume(): void {
    if (this.saved === null) return;
    const pages = this.saved;
    this.saved = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${pages}`);
  }

  /**
   * One passive checkpoint (it never waits for another connection's lock):
   * what the held run wrote goes into the database file. Null when there is
   * nothing to do here: the connection is closed (closing checkpointed), or a
   * hold began again (its own end() checkpoints).
   */
  checkpoint(): CheckpointOutcome | null {
    if (!this.db.open || this.saved !== null) return null;
    const rows = this.db.pragma('wal_checkpoint(PASSIVE)') as Array<{
      busy: number;
      log: number;
      checkpointed: number;
    }>;
    const r = rows[0];
    return r ? { busy: r.busy !== 0, walFrames: r.log, checkpointed: r.checkpointed } : null;
  }
}
