// Carries out one rule's plan against Google, paced, inside the sync's lease
// and time budget. Every write is recorded ahead in `mirror_events` and
// confirmed after Google answers, with the event entering the target's cache
// at once (as the next sync would bring it). Inserts use the deterministic id:
// a 409 means an earlier try landed (lost answer, crash, another device), so
// the event is fetched and compared instead of duplicated. Updates and
// deletes are guarded by the etag of calsync's last write (guarded-write.ts):
// a mirror changed by hand since is left alone even before the target's next
// sync shows the change.
import { AppError, toErrorData } from '../../../shared/errors';
import type { EventWriter, GoogleEventBody } from '../google/event-writer';
import { GoogleCallError } from '../google/google-errors';
import { guardedPatch, guardedRemove } from '../google/guarded-write';
import type { CallContext } from '../google/retry';
import type { Logger } from '../log/logger';
import type { CalendarRecord } from '../store/calendars-repo';
import type { MirrorRuleRecord, MirrorRunCounts, WrittenMirror } from '../store/mirror-repo';
import type { Store } from '../store/store';
import { applyPage } from '../sync/apply-page';
import { normalizeEvent } from '../sync/normalize-event';
import { planPage } from '../sync/page-plan';
import { isOurMirror, mirrorBody } from './mirror-body';
import type { DesiredMirror, ExistingMirror, LeftAloneReason, MirrorPlan } from './mirror-types';
import type { Pacer } from './pacer';
import { fingerprint } from './plan-mirror';

export interface ExecuteDeps {
  store: Store;
  log: Logger;
  /** Asked for only when the plan writes (a plan that writes nothing needs no sign-in). */
  writer: () => Promise<EventWriter>;
  ctx: CallContext;
  pacer: Pacer;
  stillOwner: () => boolean;
}

/** Runs the plan; returns the counts and the first error (the rest of the plan still ran unless the error stops all). */
export async function executeMirrorPlan(
  d: ExecuteDeps,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  plan: MirrorPlan,
): Promise<{ counts: MirrorRunCounts; error: string | null }> {
  const counts: MirrorRunCounts = {
    inserted: 0,
    updated: 0,
    deleted: 0,
    leftAlone: plan.leftAlone.length,
    handEdited: 0,
  };
  const errors: string[] = [];
  let writer: EventWriter | null = null;
  const w = async () => (writer ??= await d.writer());
  const steps: Array<() => Promise<void>> = [
    ...plan.insert.map((m) => async () => {
      await insertOne(d, await w(), rule, target, m);
      counts.inserted++;
    }),
    ...plan.update.map((m) => async () => {
      if ((await updateOne(d, await w(), rule, target, m)) === 'written') counts.updated++;
      else counts.handEdited++;
    }),
    ...plan.delete.map((m) => async () => {
      if ((await deleteOne(d, await w(), rule, target, m)) === 'deleted') counts.deleted++;
      else counts.handEdited++;
    }),
  ];
  for (const step of steps) {
    // The lease went to another process: it carries on from what was recorded.
    if (!d.stillOwner()) {
      errors.push('stopped: the sync lease was lost');
      break;
    }
    try {
      await d.pacer.take();
      await step();
    } catch (e) {
      const err = toErrorData(e);
      errors.push(err.message);
      // One event Google refused stays one failure; out of time, signed out, Google down: the rest would fail too.
      if (err.code !== 'conflict' && err.code !== 'google-error') break;
    }
  }
  for (const l of plan.leftAlone) {
    if (!l.report) continue;
    counts.handEdited++;
    d.store.mirrors.markReported(rule.id, l.sourceKey);
    reportHandEdit(d, rule.id, l.targetId, l.reason);
  }
  return { counts, error: errors.length ? summarise(errors) : null };
}

async function insertOne(
  d: ExecuteDeps,
  writer: EventWriter,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  m: DesiredMirror,
) {
  d.store.mirrors.writeAhead(rule.id, m);
  const body = mirrorBody(rule, m);
  const result = await writer.insert(target.id, body, d.ctx);
  let ev: GoogleEventBody;
  if (result === 'exists') {
    const found = await writer.get(target.id, m.targetId, d.ctx);
    if (!found) throw new AppError('conflict', `Google refused mirror id ${m.targetId} as taken but has no such event`);
    // A live event under our id must carry our markers; a deleted one (Google keeps its id) is ours to restore.
    if (found.status !== 'cancelled' && !isOurMirror(found, rule.id, m.sourceKey))
      throw new AppError(
        'conflict',
        `Google already has an event with id ${m.targetId} that this mirror did not write`,
      );
    // Guarded by what was just read: a hand edit landing in between makes Google refuse, and the next run looks again.
    ev =
      found.status === 'cancelled' || googleFingerprint(found, target) !== m.fp
        ? await writer.patch(target.id, m.targetId, body, d.ctx, { ifMatch: found.etag })
        : found;
  } else {
    ev = result.created;
  }
  settle(d, rule, target, m.sourceKey, ev);
}

async function updateOne(
  d: ExecuteDeps,
  writer: EventWriter,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  m: DesiredMirror,
): Promise<'written' | 'hand-edited'> {
  const was = d.store.mirrors.written(rule.id, m.sourceKey);
  d.store.mirrors.writeAhead(rule.id, m);
  let out;
  try {
    out = await guardedPatch(writer, target.id, m.targetId, mirrorBody(rule, m), d.ctx, was?.etag ?? null, {
      landed: (ev) => googleFingerprint(ev, target) === m.fp,
      unchanged: (ev) => was !== null && googleFingerprint(ev, target) === was.fp,
    });
  } catch (e) {
    // Gone at Google without the cache knowing (target not synced, no etag to guard by): write it anew.
    if (e instanceof GoogleCallError && e.failure.status === 404) {
      await insertOne(d, writer, rule, target, m);
      return 'written';
    }
    throw e;
  }
  if (out.kind === 'changed') {
    leaveHandEdited(d, rule, target, m.sourceKey, m.targetId, was, out.event);
    return 'hand-edited';
  }
  settle(d, rule, target, m.sourceKey, out.event);
  return 'written';
}

async function deleteOne(
  d: ExecuteDeps,
  writer: EventWriter,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  m: ExistingMirror,
): Promise<'deleted' | 'hand-edited'> {
  const out = await guardedRemove(
    writer,
    target.id,
    m.targetId,
    d.ctx,
    m.writtenEtag,
    (ev) => googleFingerprint(ev, target) === m.writtenFp,
  );
  if (out.kind === 'changed') {
    // The user made it theirs: it stays, even with its source gone.
    leaveHandEdited(d, rule, target, m.sourceKey, m.targetId, null, out.event);
    return 'hand-edited';
  }
  d.store.transaction(() => {
    if (target.enabled) d.store.events.deleteCancelled(target.accountId, target.id, m.targetId);
    d.store.mirrors.forget(rule.id, m.sourceKey);
  });
  return 'deleted';
}

/**
 * Google refused a guarded write: the mirror was changed (or deleted) by hand.
 * Google's version enters the target's cache, as the next sync would bring it,
 * and the mirror is left alone from now on, reported once.
 */
function leaveHandEdited(
  d: ExecuteDeps,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  sourceKey: string,
  targetId: string,
  was: WrittenMirror | null,
  ev: GoogleEventBody | null,
) {
  d.store.transaction(() => {
    if (ev && target.enabled) applyPage(d.store, target.accountId, target.id, planPage([ev], target.timeZone), null);
    d.store.mirrors.markHandEdited(rule.id, sourceKey, was);
    d.store.mirrors.markReported(rule.id, sourceKey);
  });
  reportHandEdit(d, rule.id, targetId, ev && ev.status !== 'cancelled' ? 'hand-edited' : 'deleted-by-hand');
}

function reportHandEdit(d: ExecuteDeps, ruleId: string, targetId: string, reason: LeftAloneReason) {
  d.log.warn(
    { ruleId, targetEventId: targetId, reason },
    reason === 'hand-edited'
      ? 'a mirrored event was changed by hand in the target calendar; calsync leaves it as it is'
      : 'a mirrored event was deleted by hand in the target calendar; calsync does not bring it back',
  );
}

/** Google's answer enters the target's cache and the write is confirmed, in one transaction. */
function settle(
  d: ExecuteDeps,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  sourceKey: string,
  ev: GoogleEventBody,
) {
  d.store.transaction(() => {
    if (target.enabled) applyPage(d.store, target.accountId, target.id, planPage([ev], target.timeZone), null);
    d.store.mirrors.confirm(rule.id, sourceKey, ev.etag ?? null);
  });
}

function googleFingerprint(ev: GoogleEventBody, target: CalendarRecord): string | null {
  const n = normalizeEvent(ev, target.timeZone);
  return n.kind === 'upsert' ? fingerprint(n.row) : null;
}

function summarise(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `${errors[0]} (and ${errors.length - 1} more)`;
}
