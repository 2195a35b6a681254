// A Supabase workspace next to the offline world: the shim (PGlite or the
// system PostgreSQL), a member with a password, and the comparison of the
// workspace's live rows with the local cache, written independently of the
// engine's row mapping.
import { randomUUID } from 'node:crypto';
import type { CalsyncApp } from '../../src/main/core/app';
import type { CachedEvent } from '../../src/shared/domain';
import { startSupabaseShim, type ShimBackend, type SupabaseShim } from '../fakes/supabase';

export interface Workspace {
  shim: SupabaseShim;
  wsId: string;
  email: string;
  password: string;
  userId: string;
}

/** A fresh workspace with one member (a password account) on a running shim. */
export async function newWorkspace(shim: SupabaseShim): Promise<Workspace> {
  const email = `member-${randomUUID().slice(0, 8)}@example.test`;
  const password = `pw-${randomUUID()}`;
  const { id } = await shim.createUser(email, password);
  const wsId = await shim.createWorkspace('calsync test', [id]);
  return { shim, wsId, email, password, userId: id };
}

export function startShim(backend: ShimBackend): Promise<SupabaseShim> {
  return startSupabaseShim({ databaseUrl: backend.databaseUrl });
}

/** Connects an engine to the workspace and signs the member in, through the API like every shell. */
export async function connectApp(app: CalsyncApp, ws: Workspace): Promise<void> {
  await app.api.supabaseConnect({ url: ws.shim.url, anonKey: ws.shim.anonKey, workspaceId: ws.wsId });
  await app.api.supabaseSignIn({ email: ws.email, password: ws.password });
}

const iso = (v: unknown) =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
const day = (v: unknown) =>
  v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

interface WorkspaceRow {
  external_calendar_id: string;
  external_event_id: string;
  title: string;
  all_day: boolean;
  start_at: unknown;
  end_at: unknown;
  start_date: unknown;
  end_date: unknown;
  transparency: string;
  recurring_event_id: string | null;
  external_updated_at: unknown;
}

/** Live rows (deleted_at is null) of the workspace as "calendar | id | title | start | end | transparency | series | version". */
export async function workspaceView(ws: Workspace, calendarId?: string): Promise<string[]> {
  // Dates go out as text: node-postgres would read a `date` as local midnight, which depends on TZ.
  const rows = await ws.shim.query<WorkspaceRow>(
    `select external_calendar_id, external_event_id, title, all_day, start_at, end_at, start_date::text as start_date, end_date::text as end_date,
            transparency, recurring_event_id, external_updated_at
       from public.workspace_calendar_events
      where ws_id = $1 and deleted_at is null and ($2::text is null or external_calendar_id = $2)`,
    [ws.wsId, calendarId ?? null],
  );
  return rows
    .map((r) =>
      [
        r.external_calendar_id,
        r.external_event_id,
        r.title,
        r.all_day ? day(r.start_date) : iso(r.start_at),
        r.all_day ? day(r.end_date) : iso(r.end_at),
        r.transparency,
        r.recurring_event_id ?? '',
        iso(r.external_updated_at),
      ].join(' | '),
    )
    .sort();
}

export function cacheWorkspaceView(events: CachedEvent[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of events) {
    // A calendar cached by two accounts is one workspace row.
    const key = `${e.calendarId}\u0000${e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(
      [
        e.calendarId,
        e.id,
        e.title,
        e.allDay ? e.startDate : e.start,
        e.allDay ? e.endDate : e.end,
        e.transparency,
        e.recurringEventId ?? '',
        iso(e.updated),
      ].join(' | '),
    );
  }
  return out.sort();
}

/** Every row of the workspace, tombstones included: (calendar, event) pairs must be unique. */
export async function workspaceKeyCounts(ws: Workspace): Promise<{ rows: number; keys: number; live: number }> {
  const [r] = await ws.shim.query<{ rows: string; keys: string; live: string }>(
    `select count(*)::text as rows, count(distinct (external_calendar_id, external_event_id))::text as keys,
            count(*) filter (where deleted_at is null)::text as live
       from public.workspace_calendar_events where ws_id = $1`,
    [ws.wsId],
  );
  return { rows: Number(r!.rows), keys: Number(r!.keys), live: Number(r!.live) };
}
