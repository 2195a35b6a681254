// What the outbox holds for one workspace key after a change of the cache
// (pure; store/outbox-writer.ts applies it in the transaction of the change).
//
// One row per key (calendar, event) with the latest operation only (the
// compaction that bounds the queue); `rev` grows on every change so the pusher
// deletes a row after a send only if it was not changed meanwhile. `unsent`
// marks a key the workspace cannot know yet: it appeared in this cache and no
// push has picked it up since. Deleting such an event leaves no row at all.
//
// The cause of a delete is decided where it happens (events-repo.ts):
// "gone" — Google deleted the event (a cancellation, or a full listing that no
// longer has it); "withdrawn" — this device stopped syncing the calendar
// (disabled, left the account's list, account removed). The workspace holds a
// "gone" tombstone against equal versions; a "withdrawn" one is revived by an
// upsert of the same version and hides only rows this device pushed last.

export type DeleteCause = 'gone' | 'withdrawn';

/** The queued row of one key, as far as the rules are concerned. */
export interface QueuedRow {
  /** Which cached copy an upsert reads (a calendar cached by two accounts is pushed once). */
  accountId: string;
  op: 'upsert' | 'delete';
  /** Deletes: the version the tombstone is about. */
  version: string | null;
  withdrawn: boolean;
  rev: number;
  unsent: boolean;
}

export type CacheChange =
  /** A new cached copy of the event (`fresh`: the key was not in the cache before). */
  | { kind: 'inserted'; accountId: string }
  /** The cached event's content changed (or its calendar's colour did). */
  | { kind: 'updated'; accountId: string }
  /**
   * A cached copy was deleted. `otherCopy`: another account still caches the
   * same event (a shared calendar), which keeps it alive in the workspace.
   * `version`: the deleted copy's last `updated`.
   */
  | { kind: 'deleted'; accountId: string; version: string | null; cause: DeleteCause; otherCopy: string | null }
  /** A cancellation carried Google's own `updated`: a newer version for the tombstone. */
  | { kind: 'cancelled-at'; version: string }
  /**
   * The reconcile found a live workspace row (at `version`) the cache has no
   * copy of (push/reconcile.ts): it is to be deleted, at the workspace's version.
   */
  | { kind: 'absent'; accountId: string; version: string; cause: DeleteCause };

/** The next row for the key, or null for "nothing queued". `prev`: the row queued now, if any. */
export function nextRow(prev: QueuedRow | null, change: CacheChange): QueuedRow | null {
  const rev = (prev?.rev ?? 0) + 1;
  switch (change.kind) {
    case 'inserted':
    case 'updated':
      // A key already queued keeps its `unsent`; a new row is unsent only for a copy that is new to the cache.
      return {
        accountId: change.accountId,
        op: 'upsert',
        version: null,
        withdrawn: false,
        rev,
        unsent: prev ? prev.unsent : change.kind === 'inserted',
      };
    case 'deleted': {
      if (change.otherCopy !== null) {
        // The other copy may have been the one sent: from now on the key counts as sent.
        return { accountId: change.otherCopy, op: 'upsert', version: null, withdrawn: false, rev, unsent: false };
      }
      // Created and deleted before any push picked it up: the workspace never knew it.
      if (prev?.unsent) return null;
      return {
        accountId: change.accountId,
        op: 'delete',
        version: change.version,
        withdrawn: change.cause === 'withdrawn',
        rev,
        unsent: false,
      };
    }
    case 'cancelled-at':
      // Only ever raises the version of a queued delete, and makes it "gone": Google deleted it.
      if (prev?.op !== 'delete' || (prev.version !== null && !(isoMs(prev.version) < isoMs(change.version))))
        return prev;
      return { ...prev, version: change.version, withdrawn: false };
    case 'absent':
      if (!prev)
        return {
          accountId: change.accountId,
          op: 'delete',
          version: change.version,
          withdrawn: change.cause === 'withdrawn',
          rev,
          unsent: false,
        };
      // A queued delete only ever moves to a newer version; of the two kinds, "gone" wins.
      if (prev.op !== 'delete' || (prev.version !== null && !(isoMs(prev.version) < isoMs(change.version))))
        return prev;
      return { ...prev, version: change.version, withdrawn: prev.withdrawn && change.cause === 'withdrawn', rev };
  }
}

/** RFC 3339 instants compare by time, not as text (fractions and offsets vary); NaN compares false. */
function isoMs(v: string): number {
  return Date.parse(v);
}
