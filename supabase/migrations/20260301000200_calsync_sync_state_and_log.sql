-- calsync: per-calendar sync state with the cross-device push lease, and the
-- per-device run log. No OAuth token is ever stored here: tokens stay on the
-- device that owns them.

create table if not exists public.calendar_sync_states (
  ws_id uuid not null references public.workspaces (id) on delete cascade,
  -- "<provider>:<calendar id>", e.g. "google:team@example.com"
  calendar_key text not null,
  last_synced_at timestamptz,
  last_synced_by text,
  lease_holder text,
  lease_expires_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (ws_id, calendar_key),
  check ((lease_holder is null) = (lease_expires_at is null))
);

alter table public.calendar_sync_states enable row level security;

drop policy if exists calendar_sync_states_select on public.calendar_sync_states;
create policy calendar_sync_states_select on public.calendar_sync_states
  for select to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists calendar_sync_states_insert on public.calendar_sync_states;
create policy calendar_sync_states_insert on public.calendar_sync_states
  for insert to authenticated
  with check (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists calendar_sync_states_update on public.calendar_sync_states;
create policy calendar_sync_states_update on public.calendar_sync_states
  for update to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())))
  with check (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists calendar_sync_states_delete on public.calendar_sync_states;
create policy calendar_sync_states_delete on public.calendar_sync_states
  for delete to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

revoke all on table public.calendar_sync_states from public, anon, authenticated, service_role;
grant select, insert, update, delete on table public.calendar_sync_states to authenticated;

create table if not exists public.workspace_calendar_sync_log (
  id uuid primary key default gen_random_uuid(),
  ws_id uuid not null references public.workspaces (id) on delete cascade,
  device_id text not null,
  -- the device's own run id; (ws, device, run) is unique so a re-sent run
  -- updates its row instead of adding a second one
  run_id text not null,
  trigger text not null,
  kind text not null check (kind in ('full', 'incremental')),
  status text not null check (status in ('running', 'succeeded', 'failed', 'skipped', 'interrupted')),
  inserted integer not null default 0,
  updated integer not null default 0,
  deleted integer not null default 0,
  skipped integer not null default 0,
  calendars jsonb not null default '[]'::jsonb,
  error text,
  started_at timestamptz not null,
  ended_at timestamptz,
  logged_at timestamptz not null default now(),
  unique (ws_id, device_id, run_id)
);

create index if not exists workspace_calendar_sync_log_ws_started_idx
  on public.workspace_calendar_sync_log (ws_id, started_at desc);

alter table public.workspace_calendar_sync_log enable row level security;

drop policy if exists workspace_calendar_sync_log_select on public.workspace_calendar_sync_log;
create policy workspace_calendar_sync_log_select on public.workspace_calendar_sync_log
  for select to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists workspace_calendar_sync_log_insert on public.workspace_calendar_sync_log;
create policy workspace_calendar_sync_log_insert on public.workspace_calendar_sync_log
  for insert to authenticated
  with check (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists workspace_calendar_sync_log_update on public.workspace_calendar_sync_log;
create policy workspace_calendar_sync_log_update on public.workspace_calendar_sync_log
  for update to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())))
  with check (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

-- A log is appended to, not rewritten: no delete for anyone but the owner of the database.
revoke all on table public.workspace_calendar_sync_log from public, anon, authenticated, service_role;
grant select, insert, update on table public.workspace_calendar_sync_log to authenticated;
