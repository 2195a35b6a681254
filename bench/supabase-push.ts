// Benchmark: push 100,000 event rows through the Supabase shim (supabase-js →
// HTTP → PostgREST-style RPC → calsync_upsert_events, as the signed-in member,
// RLS on) in batches, against a floor measured in the same run: one
// INSERT … SELECT FROM jsonb_to_recordset of the same rows straight into
// Postgres as the table owner. Runs on the system PostgreSQL when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set, else on PGlite.
//
//   npx tsx bench/supabase-push.ts        (BENCH_ROWS, BENCH_BATCH to vary)
import { pathToFileURL } from 'node:url';
import { MemoryTokenVault } from '../src/main/core/secrets/token-vault';
import { signInWithPassword } from '../src/main/core/supabase/auth';
import { createSupabaseClient } from '../src/main/core/supabase/client';
import { toSupabaseRow, type SupabaseEventRow } from '../src/main/core/supabase/event-row';
import { WorkspaceRpc } from '../src/main/core/supabase/workspace-rpc';
import type { CachedEvent } from '../src/shared/domain';
import { startSupabaseShim, type SupabaseShim } from '../tests/fakes/supabase';

const FLOOR_SQL = `
insert into public.workspace_calendar_events (
  ws_id, provider, external_calendar_id, external_event_id, ical_uid, recurring_event_id, title,
  description, location, start_at, end_at, all_day, start_date, end_date, time_zone, status,
  transparency, event_type, color, scheduling_source, task_id, external_updated_at, pushed_by_device)
select $1, x.provider, x.external_calendar_id, x.external_event_id, x.ical_uid, x.recurring_event_id, x.title,
  x.description, x.location, x.start_at, x.end_at, x.all_day, x.start_date, x.end_date, x.time_zone, x.status,
  x.transparency, x.event_type, x.color, x.scheduling_source, x.task_id, x.external_updated_at, 'floor'
from jsonb_to_recordset($2::jsonb) as x(
  provider text, external_calendar_id text, external_event_id text, ical_uid text, recurring_event_id text,
  title text, description text, location text, start_at timestamptz, end_at timestamptz, all_day boolean,
  start_date date, end_date date, time_zone text, status text, transparency text, event_type text,
  color text, scheduling_source text, task_id text, external_updated_at timestamptz)`;

/** Deterministic rows shaped like a busy workspace: 20 calendars, a tenth all-day, a twentieth task blocks. */
export function benchRows(n: number): SupabaseEventRow[] {
  const base = Date.UTC(2026, 0, 5, 8);
  return Array.from({ length: n }, (_, i) => {
    const start = base + (i % 5000) * 3_600_000;
    const allDay = i % 10 === 0;
    const day = new Date(start).toISOString().slice(0, 10);
    const event: CachedEvent = {
      account: 'bench@example.com',
      accountId: 'acct',
      calendarId: `cal-${i % 20}@group.calendar.google.com`,
      id: `evt${i.toString(36).padStart(8, '0')}`,
      iCalUID: `evt${i}@google.com`,
      status: i % 50 === 0 ? 'tentative' : 'confirmed',
      title: `Meeting ${i} about the quarterly plan`,
      description: i % 3 === 0 ? 'Agenda: review, decide, assign owners. Notes in the shared doc.' : null,
      location: i % 4 === 0 ? 'Room 4.12' : null,
      allDay,
      start: allDay ? null : new Date(start).toISOString(),
      end: allDay ? null : new Date(start + 1_800_000).toISOString(),
      startDate: allDay ? day : null,
      endDate: allDay ? day : null,
      timeZone: 'Europe/Berlin',
      endTimeUnspecified: false,
      recurringEventId: i % 7 === 0 ? `series${i % 100}` : null,
      originalStartTime: null,
      transparency: i % 9 === 0 ? 'transparent' : 'opaque',
      eventType: 'default',
      selfResponse: 'accepted',
      updated: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      etag: `"${i}"`,
      calsync: i % 20 === 0 ? { taskId: `task-${i}`, proposalId: `prop-${i}` } : null,
    };
    return toSupabaseRow(event, { color: '#039be5' });
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function pushAll(rpc: WorkspaceRpc, rows: SupabaseEventRow[], batch: number): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batch) inserted += (await rpc.upsertEvents(rows.slice(i, i + batch))).inserted;
  return inserted;
}

const truncate = (shim: SupabaseShim) => shim.query('truncate public.workspace_calendar_events');

export async function runSupabasePushBench(): Promise<{
  title: string;
  lines: string[];
  figures: Record<string, number>;
}> {
  const rowsN = Number(process.env.BENCH_ROWS ?? 100_000);
  const batch = Number(process.env.BENCH_BATCH ?? 1000);
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  const shim = await startSupabaseShim({ databaseUrl });
  try {
    const { id } = await shim.createUser('bench@example.com', 'bench-password');
    const wsId = await shim.createWorkspace('bench', [id]);
    const client = createSupabaseClient({
      url: shim.url,
      anonKey: shim.anonKey,
      vault: new MemoryTokenVault(),
      autoRefreshToken: false,
    });
    await signInWithPassword(client, 'bench@example.com', 'bench-password');
    const rpc = new WorkspaceRpc(client, wsId, 'bench-device');
    const rows = benchRows(rowsN);

    // Warm both paths (plans, JIT, connections) on a small slice, then start empty.
    await pushAll(rpc, rows.slice(0, batch * 2), batch);
    await shim.query(FLOOR_SQL, [wsId, JSON.stringify(rows.slice(batch * 2, batch * 4))]);
    await truncate(shim);

    const [, floorMs] = await timed(() => shim.query(FLOOR_SQL, [wsId, JSON.stringify(rows)]));
    await truncate(shim);
    const [inserted, pushMs] = await timed(() => pushAll(rpc, rows, batch));
    const [{ n } = { n: 0 }] = await shim.query<{ n: number }>(
      'select count(*)::int as n from public.workspace_calendar_events where ws_id = $1',
      [wsId],
    );
    if (inserted !== rowsN || n !== rowsN)
      throw new Error(`push wrote ${inserted} (table holds ${n}), expected ${rowsN}`);
    // Re-sending everything must change nothing (idempotent batches).
    const [, resendMs] = await timed(() => pushAll(rpc, rows, batch));

    const figures = {
      rows: rowsN,
      batch_rows: batch,
      floor_ms: Math.round(floorMs),
      floor_rows_per_s: Math.round((rowsN / floorMs) * 1000),
      push_ms: Math.round(pushMs),
      push_rows_per_s: Math.round((rowsN / pushMs) * 1000),
      resend_ms: Math.round(resendMs),
      ratio: Number((pushMs / floorMs).toFixed(2)),
    };
    const backend = shim.backend === 'postgres' ? 'system PostgreSQL' : 'PGlite';
    return {
      title: `Supabase push (${backend})`,
      lines: [
        `${rowsN} rows, ${Math.ceil(rowsN / batch)} RPC calls of ${batch} rows, supabase-js → shim → calsync_upsert_events (RLS on)`,
        `floor  (one INSERT … jsonb_to_recordset as owner): ${figures.floor_ms} ms, ${figures.floor_rows_per_s} rows/s`,
        `push   (batched RPC through the API):              ${figures.push_ms} ms, ${figures.push_rows_per_s} rows/s`,
        `resend (same batches again, all ignored):          ${figures.resend_ms} ms`,
        `ratio push / floor: ${figures.ratio}× (target ≤ 3× on the system PostgreSQL)`,
      ],
      figures,
    };
  } finally {
    await shim.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSupabasePushBench();
  console.log(`## ${result.title}`);
  for (const line of result.lines) console.log(line);
}
