// Sends one batch of outbox entries and settles it: acknowledged rows leave
// the outbox (at the revision sent). A row the workspace refuses as invalid
// (a data error or constraint violation on that row alone) is quarantined:
// out of the queue, kept for status, so it cannot fail every later push.
// Both RPCs are idempotent, so re-sending after a timeout or a crash is safe.
import { AppError, toErrorData } from '../../../shared/errors';
import type { Logger } from '../log/logger';
import type { OutboxEntry } from '../store/outbox-repo';
import type { Store } from '../store/store';
import { toSupabaseKey, toSupabaseRow, type SupabaseEventKey, type SupabaseEventRow } from '../supabase/event-row';
import { isRetryableSupabaseError, type SupabaseErrorDetails } from '../supabase/errors';
import type { WorkspaceRpc } from '../supabase/workspace-rpc';
import type { Clock } from '../clock';
import { withBackoff, type BackoffDeps } from '../retry-policy';

export interface SendContext extends BackoffDeps {
  store: Store;
  rpc: WorkspaceRpc;
  log: Logger;
  clock: Clock;
  /** Runs before every attempt: keeps the calendar's lease alive. */
  beforeAttempt: () => Promise<void>;
}

export interface SendOutcome {
  sent: number;
  /** Rows the workspace refused as invalid, now in quarantine. */
  quarantined: number;
}

/** The push cannot go on (Supabase unreachable after retries, signed out, not a member, schema missing). */
export class PushStopped extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'PushStopped';
  }
}

export function toPayload(entries: readonly OutboxEntry[]): {
  upserts: SupabaseEventRow[];
  deletes: SupabaseEventKey[];
} {
  const upserts: SupabaseEventRow[] = [];
  const deletes: SupabaseEventKey[] = [];
  for (const e of entries) {
    if (e.op === 'delete') {
      const key = toSupabaseKey({ calendarId: e.calendarId, id: e.eventId, updated: e.version });
      deletes.push(e.withdrawn ? { ...key, withdrawn: true } : key);
    }
    // An upsert whose event is gone would have been turned into a delete by the
    // trigger in the same transaction; nothing to send for it.
    else if (e.event) upserts.push(toSupabaseRow(e.event, { color: e.color }));
  }
  return { upserts, deletes };
}

/** Postgres data errors (22…) and constraint violations (23…) are about rows, not about the push. */
function isRowError(e: AppError): boolean {
  const code = (e.details as Partial<SupabaseErrorDetails> | undefined)?.code ?? '';
  return e.code === 'supabase-error' && (code.startsWith('22') || code.startsWith('23'));
}

export async function sendBatch(ctx: SendContext, entries: readonly OutboxEntry[]): Promise<SendOutcome> {
  const { upserts, deletes } = toPayload(entries);
  try {
    await withBackoff(
      'the Supabase push of a batch',
      async () => {
        await ctx.beforeAttempt();
        if (upserts.length) await ctx.rpc.upsertEvents(upserts);
        if (deletes.length) await ctx.rpc.deleteEvents(deletes);
      },
      isRetryableSupabaseError,
      ctx,
    );
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError(toErrorData(e).code, toErrorData(e).message);
    if (isRetryableSupabaseError(err) || !isRowError(err)) {
      ctx.store.outbox.fail(entries, err.message);
      throw new PushStopped(err);
    }
    if (entries.length === 1) {
      const entry = entries[0]!;
      const where = { calendarId: entry.calendarId, eventId: entry.eventId, op: entry.op, err: err.message };
      // Changed since it was read: the new revision may well be valid, so it stays queued.
      if (!ctx.store.outbox.quarantine.take(entry, err.message, ctx.clock.now())) {
        ctx.log.warn(where, 'Supabase refused an event that has changed since; the new version stays queued');
        return { sent: 0, quarantined: 0 };
      }
      ctx.log.warn(where, 'Supabase refused an event as invalid; it is quarantined (see status) and the push goes on');
      return { sent: 0, quarantined: 1 };
    }
    // One bad row must not hold back the rest: split until it stands alone.
    const mid = Math.ceil(entries.length / 2);
    const a = await sendBatch(ctx, entries.slice(0, mid));
    const b = await sendBatch(ctx, entries.slice(mid));
    return { sent: a.sent + b.sent, quarantined: a.quarantined + b.quarantined };
  }
  ctx.store.outbox.ack(entries);
  return { sent: entries.length, quarantined: 0 };
}
