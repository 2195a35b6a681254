// Carries out one rule's plan against Google, paced, inside the sync's lease
// and time budget. Every write is recorded ahead in `mirror_events` and
// confirmed after Google answers, with the event entering the target's cache
// at once (as the next sync would bring it). Inserts use the deterministic id:
// a 409 means an earlier try landed (lost answer, crash, another device), so
// the event is fetched and compared instead of duplicated.
import { AppError, toErrorData } from '../../../shared/errors';
import type { EventWriter, GoogleEventBody } from '../google/event-writer';
import { GoogleCallError } from '../google/google-errors';
import type { CallContext } from '../google/retry';
import type { Logger } from '../log/logger';
import type { CalendarRecord } from '../store/calendars-repo';
import type { MirrorRuleRecord, MirrorRunCounts } from '../store/mirror-repo';
import type { Store } from '../store/store';
import { applyPage } from '../sync/apply-page';
import { normalizeEvent } from '../sync/normalize-event';
import { planPage } from '../sync/page-plan';
import { isOurMirror, mirrorBody } from './mirror-body';
import type { DesiredMirror, ExistingMirror, MirrorPlan } from './mirror-types';
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
      await updateOne(d, await w(), rule, target, m);
      counts.updated++;
    }),
    ...plan.delete.map((m) => async () => {
      await deleteOne(d, await w(), rule, target, m);
      counts.deleted++;
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
    d.log.warn(
      { ruleId: rule.id, targetEventId: l.targetId, reason: l.reason },
      l.reason === 'hand-edited'
        ? 'a mirrored event was changed by hand in the target calendar; calsync leaves it as it is'
        : 'a mirrored event was deleted by hand in the target calendar; calsync does not bring it back',
    );
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
    ev =
      found.status === 'cancelled' || googleFingerprint(found, target) !== m.fp
        ? await writer.patch(target.id, m.targetId, body, d.ctx)
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
) {
  d.store.mirrors.writeAhead(rule.id, m);
  let ev: GoogleEventBody;
  try {
    ev = await writer.patch(target.id, m.targetId, mirrorBody(rule, m), d.ctx);
  } catch (e) {
    // Gone at Google without the cache knowing (target not synced): write it anew.
    if (e instanceof GoogleCallError && e.failure.status === 404) return insertOne(d, writer, rule, target, m);
    throw e;
  }
  settle(d, rule, target, m.sourceKey, ev);
}

async function deleteOne(
  d: ExecuteDeps,
  writer: EventWriter,
  rule: MirrorRuleRecord,
  target: CalendarRecord,
  m: ExistingMirror,
) {
  await writer.remove(target.id, m.targetId, d.ctx);
  d.store.transaction(() => {
    if (target.enabled) d.store.events.deleteCancelled(target.accountId, target.id, m.targetId);
    d.store.mirrors.forget(rule.id, m.sourceKey);
  });
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
    d.store.mirrors.confirm(rule.id, sourceKey);
  });
}

function googleFingerprint(ev: GoogleEventBody, target: CalendarRecord): string | null {
  const n = normalizeEvent(ev, target.timeZone);
  return n.kind === 'upsert' ? fingerprint(n.row) : null;
}

function summarise(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `${errors[0]} (and ${errors.length - 1} more)`;
}
