// Which calendars to re-send after another device withdrew rows of them (pure).
//
// A device that stops syncing a calendar sends "withdrawn" deletes, which hide
// the rows it pushed last — also rows another device still has and had
// already pushed (an equal re-send changes nothing, so the row stayed the
// first device's). The workspace counts such withdrawals per calendar
// (`calendar_sync_states.withdrawals`, migration 20261204000200); a device
// remembers the mark it last saw of each calendar, and when the mark moved
// re-sends every event it has of a calendar it still syncs: an upsert at the
// same version revives a withdrawn tombstone and is a no-op on a live row, so
// a re-send is never wrong, only redundant.
//
// The new `seen` is the workspace's marks as read, for every calendar, synced
// or not: a calendar this device does not sync needs nothing now, and when it
// is enabled again its full listing queues every event anyway.

/** A calendar's withdrawal mark as the workspace holds it: any change means "withdrawn since". */
export type WithdrawalMarks = Readonly<Record<string, string>>;

export interface ResendInput {
  /** The workspace's marks, by calendar id (calendars never withdrawn from are absent). */
  marks: WithdrawalMarks;
  /** The marks this device saw at its last decision, by calendar id. */
  seen: WithdrawalMarks;
  /** Calendars this device syncs (an enabled copy in the cache). */
  synced: ReadonlySet<string>;
}

export interface ResendPlan {
  /** Calendars whose cached events are to be queued again, in id order. */
  resend: string[];
  /** What to remember as seen, written with the queued rows in one transaction. */
  seen: Record<string, string>;
}

export function planResend({ marks, seen, synced }: ResendInput): ResendPlan {
  const resend = Object.keys(marks)
    .filter((id) => synced.has(id) && !(Object.hasOwn(seen, id) && seen[id] === marks[id]))
    .sort();
  return { resend, seen: { ...marks } };
}
