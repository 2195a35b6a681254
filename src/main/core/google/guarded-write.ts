// Writes over an event calsync wrote before (a mirror, an accepted block),
// guarded by the etag calsync last saw, so an edit made at Google since (by
// the user, in any app) is never overwritten or deleted unseen. Google answers
// 412 when the event changed; the event is then read back and judged:
// - it already holds what was asked: an earlier try landed and its answer was
//   lost (the retry carried the old etag), so the write is done;
// - its content is what calsync saw (only e.g. reminders or colour changed):
//   one more try, guarded by the new etag;
// - otherwise someone changed it: the caller gets Google's version and leaves it be.
import type { CallContext } from './retry';
import type { EventWriter, GoogleEventBody } from './event-writer';
import { GoogleCallError } from './google-errors';

/** Google's 412 conditionNotMet: the event is no longer the version the write was guarded by. */
const changedSinceSeen = (e: unknown): boolean => e instanceof GoogleCallError && e.failure.status === 412;

export type PatchOutcome =
  | { kind: 'written'; event: GoogleEventBody }
  /** Changed (or deleted: `status: 'cancelled'`, or null when purged) at Google since calsync saw it. */
  | { kind: 'changed'; event: GoogleEventBody | null };

export type RemoveOutcome = { kind: 'deleted' | 'gone' } | { kind: 'changed'; event: GoogleEventBody };

export interface PatchJudge {
  /** Google's copy already holds what the patch asks for. */
  landed(ev: GoogleEventBody): boolean;
  /** Google's copy has the content calsync last saw (what it guards). */
  unchanged(ev: GoogleEventBody): boolean;
}

const live = (ev: GoogleEventBody | null): ev is GoogleEventBody => ev !== null && ev.status !== 'cancelled';

/** `etag` null: nothing seen to guard by (e.g. written before etags were kept), so the patch is unconditional. */
export async function guardedPatch(
  writer: EventWriter,
  calendarId: string,
  eventId: string,
  body: GoogleEventBody,
  ctx: CallContext,
  etag: string | null,
  judge: PatchJudge,
): Promise<PatchOutcome> {
  let ifMatch = etag;
  // Two tries: the second is guarded by the etag just read, so a third change in between is still caught.
  for (let attempt = 0; ; attempt++) {
    try {
      return { kind: 'written', event: await writer.patch(calendarId, eventId, body, ctx, { ifMatch }) };
    } catch (e) {
      if (!changedSinceSeen(e)) throw e;
    }
    const now = await writer.get(calendarId, eventId, ctx);
    if (!live(now)) return { kind: 'changed', event: now };
    if (judge.landed(now)) return { kind: 'written', event: now };
    if (attempt > 0 || !judge.unchanged(now) || !now.etag) return { kind: 'changed', event: now };
    ifMatch = now.etag;
  }
}

/** Deletes unless the event's content changed at Google since calsync saw it. */
export async function guardedRemove(
  writer: EventWriter,
  calendarId: string,
  eventId: string,
  ctx: CallContext,
  etag: string | null,
  unchanged: (ev: GoogleEventBody) => boolean,
): Promise<RemoveOutcome> {
  let ifMatch = etag;
  for (let attempt = 0; ; attempt++) {
    try {
      return { kind: await writer.remove(calendarId, eventId, ctx, { ifMatch }) };
    } catch (e) {
      if (!changedSinceSeen(e)) throw e;
    }
    const now = await writer.get(calendarId, eventId, ctx);
    // Deleted already (by an earlier try whose answer was lost, or by hand): what was asked is done.
    if (!live(now)) return { kind: 'gone' };
    if (attempt > 0 || !unchanged(now) || !now.etag) return { kind: 'changed', event: now };
    ifMatch = now.etag;
  }
}
