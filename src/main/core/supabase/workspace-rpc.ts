// Typed calls to calsync's four RPCs for one workspace and one device, and
// two table reads (the keys the reconcile compares, the calendars' withdrawal
// marks). Results are validated
// with zod, failures become AppErrors (see errors.ts). Each call is idempotent
// on the server, so a caller may simply re-send after a failure.
import type { SupabaseClient } from '@supabase/supabase-js';
import * as z from 'zod';
import { AppError } from '../../../shared/errors';
import { calendarKey, type SupabaseEventKey, type SupabaseEventRow } from './event-row';
import { fromPostgrestError } from './errors';
import type { SyncLogEntry } from './sync-log-entry';

/** The RPCs accept up to 10,000 rows; larger inputs are sent in calls of this size. */
export const MAX_ROWS_PER_CALL = 5000;

const count = z.number().int().nonnegative();
export const upsertCountsSchema = z.object({ inserted: count, updated: count, ignored: count });
export const deleteCountsSchema = z.object({ deleted: count, tombstoned: count, ignored: count });
export type UpsertCounts = z.infer<typeof upsertCountsSchema>;
export type DeleteCounts = z.infer<typeof deleteCountsSchema>;
const liveKeysSchema = z.array(z.object({ external_event_id: z.string().min(1), external_updated_at: z.string().min(1) }));
const marksSchema = z.array(z.object({ calendar_key: z.string().min(1), withdrawals: z.union([z.number(), z.string()]), last_withdrawn_at: z.string().nullable() }));

export interface LiveKeysQuery {
  /** Keyset paging: keys after this event id, in the database's order. */
  after: string;
  limit: number;
  /** Only rows this device wrote last. */
  ownOnly?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_ROWS_PER_CALL) out.push(items.slice(i, i + MAX_ROWS_PER_CALL));
  return out;
}

export class WorkspaceRpc {
  constructor(
    private readonly client: SupabaseClient,
    readonly workspaceId: string,
    readonly deviceId: string,
  ) {
    if (!UUID.test(workspaceId)) {
      throw new AppError('not-configured', `The workspace id "${workspaceId}" is not a UUID (CALSYNC_WORKSPACE_ID).`);
    }
    if (!deviceId.trim()) throw new AppError('not-configured', 'This device has no id to push under.');
  }

  async upsertEvents(rows: readonly SupabaseEventRow[]): Promise<UpsertCounts> {
    const total: UpsertCounts = { inserted: 0, updated: 0, ignored: 0 };
    for (const part of chunks(rows)) {
      const r = await this.call('calsync_upsert_events', { p_rows: part }, upsertCountsSchema, 'event upload');
      total.inserted += r.inserted;
      total.updated += r.updated;
      total.ignored += r.ignored;
    }
    return total;
  }

  async deleteEvents(keys: readonly SupabaseEventKey[]): Promise<DeleteCounts> {
    const total: DeleteCounts = { deleted: 0, tombstoned: 0, ignored: 0 };
    for (const part of chunks(keys)) {
      const r = await this.call('calsync_delete_events', { p_keys: part }, deleteCountsSchema, 'event deletion');
      total.deleted += r.deleted;
      total.tombstoned += r.tombstoned;
      total.ignored += r.ignored;
    }
    return total;
  }

  /** True when this device now holds the calendar's lease for ttlSeconds (renews our own lease). */
  acquireLease(calendarKey: string, ttlSeconds: number): Promise<boolean> {
    return this.call(
      'calsync_acquire_lease',
      { p_calendar_key: calendarKey, p_ttl_seconds: Math.max(1, Math.ceil(ttlSeconds)) },
      z.boolean(),
      'taking the push lease',
    );
  }

  /** False when the lease had already passed to another device. */
  releaseLease(calendarKey: string, opts: { markSynced?: boolean } = {}): Promise<boolean> {
    return this.call(
      'calsync_release_lease',
      { p_calendar_key: calendarKey, p_mark_synced: opts.markSynced ?? false },
      z.boolean(),
      'releasing the push lease',
    );
  }

  async appendSyncLog(run: SyncLogEntry): Promise<void> {
    const p_run = {
      run_id: run.runId,
      trigger: run.trigger,
      kind: run.kind,
      status: run.status,
      inserted: run.inserted,
      updated: run.updated,
      deleted: run.deleted,
      skipped: run.skipped,
      calendars: run.calendars,
      error: run.error,
      started_at: run.startedAt,
      ended_at: run.endedAt,
    };
    await this.call('calsync_append_sync_log', { p_run }, z.null(), 'writing the sync log');
  }

  /**
   * One page of the calendar's live rows, keys and versions only, through RLS
   * like any read of a member (no RPC: it works on a project whose migrations
   * predate the reconcile). An empty page is the end: a project may cap a
   * page below `limit` (max-rows).
   */
  async liveKeys(calendarId: string, q: LiveKeysQuery): Promise<Array<{ eventId: string; version: string }>> {
    let query = this.client
      .from('workspace_calendar_events')
      .select('external_event_id,external_updated_at')
      .eq('ws_id', this.workspaceId)
      .eq('provider', 'google')
      .eq('external_calendar_id', calendarId)
      .is('deleted_at', null);
    if (q.ownOnly) query = query.eq('pushed_by_device', this.deviceId);
    if (q.after) query = query.gt('external_event_id', q.after);
    const { data, error, status } = await query.order('external_event_id', { ascending: true }).limit(q.limit);
    if (error) throw fromPostgrestError(error, status, "reading the workspace's rows");
    const parsed = liveKeysSchema.safeParse(data);
    if (!parsed.success) throw new AppError('supabase-error', "Supabase answered a read of the workspace's rows with an unexpected result; is the project's calsync schema current?");
    return parsed.data.map((r) => ({ eventId: r.external_event_id, version: r.external_updated_at }));
  }

  /**
   * Every calendar of the workspace whose rows were ever withdrawn, with its
   * withdrawal mark (migration 20261204000200): any change of a mark means
   * rows of that calendar were withdrawn since. Keyset-paged by calendar key
   * until an empty page; a table read through RLS, like `liveKeys`.
   */
  async withdrawalMarks(pageSize: number): Promise<Record<string, string>> {
    const prefix = calendarKey('');
    const marks: Record<string, string> = {};
    for (let after = ''; ; ) {
      let query = this.client
        .from('calendar_sync_states')
        .select('calendar_key,withdrawals,last_withdrawn_at')
        .eq('ws_id', this.workspaceId)
        .gt('withdrawals', 0);
      if (after) query = query.gt('calendar_key', after);
      const { data, error, status } = await query.order('calendar_key', { ascending: true }).limit(pageSize);
      if (error?.code === '42703') {
        throw new AppError(
          'supabase-error',
          "The Supabase project lacks calsync's withdrawal marks (migration 20261204000200); apply supabase/migrations with `supabase db push`. Until then rows another device withdrew are not re-sent.",
          { status, code: error.code, retryable: false },
        );
      }
      if (error) throw fromPostgrestError(error, status, "reading the workspace's withdrawal marks");
      const parsed = marksSchema.safeParse(data);
      if (!parsed.success) throw new AppError('supabase-error', "Supabase answered a read of the workspace's withdrawal marks with an unexpected result; is the project's calsync schema current?");
      if (parsed.data.length === 0) return marks;
      for (const r of parsed.data) {
        if (r.calendar_key.startsWith(prefix)) marks[r.calendar_key.slice(prefix.length)] = `${String(r.withdrawals)}@${r.last_withdrawn_at ?? ''}`;
      }
      after = parsed.data[parsed.data.length - 1]!.calendar_key;
    }
  }

  private async call<T>(fn: string, args: Record<string, unknown>, schema: z.ZodType<T>, what: string): Promise<T> {
    const { data, error, status } = await this.client.rpc(fn, { p_ws_id: this.workspaceId, p_device_id: this.deviceId, ...args });
    if (error) throw fromPostgrestError(error, status, what);
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new AppError('supabase-error', `Supabase answered ${what} with an unexpected result; is the project's calsync schema current?`, {
        fn,
        issues: parsed.error.issues.map((i) => i.message),
      });
    }
    return parsed.data;
  }
}
