-- calsync: the workspace's copy of its Google calendars' events.
--
-- One row per (workspace, provider, calendar, event). Rows are never removed
-- by calsync: a deletion turns the row into a tombstone (`deleted_at` set) that
-- keeps the version it is about, so "newest external_updated_at wins" holds for
-- deletes as well as updates, whatever order devices push in. Readers show
-- only rows with `deleted_at is null`.

create table if not exists public.workspace_calendar_events (
  ws_id uuid not null references public.workspaces (id) on delete cascade,
  provider text not null default 'google',
  external_calendar_id text not null,
  external_event_id text not null,
  ical_uid text,
  recurring_event_id text,
  title text not null default '',
  description text,
  location text,
  -- timed events: instants; all-day events: dates (end exclusive, as Google gives it)
  start_at timestamptz,
  end_at timestamptz,
  all_day boolean not null default false,
  start_date date,
  end_date date,
  time_zone text,
  status text not null default 'confirmed'
    check (status in ('confirmed', 'tentative', 'cancelled')),
  transparency text not null default 'opaque'
    check (transparency in ('opaque', 'transparent')),
  event_type text not null default 'default',
  color text,
  scheduling_source text not null default 'manual'
    check (scheduling_source in ('manual', 'task')),
  task_id text,
  -- the provider's version of the event (Google's `updated`); orders writes
  external_updated_at timestamptz not null,
  last_synced_at timestamptz not null default now(),
  pushed_by_device text not null,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (ws_id, provider, external_calendar_id, external_event_id)
);

-- What the web side asks: a workspace's events in a time range.
create index if not exists workspace_calendar_events_ws_start_idx
  on public.workspace_calendar_events (ws_id, start_at);

alter table public.workspace_calendar_events enable row level security;

-- `ws_id in (subquery)` is planned once per statement as a hashed subplan, so
-- a batch of thousands of rows pays for one membership lookup, not one per row.
drop policy if exists workspace_calendar_events_select on public.workspace_calendar_events;
create policy workspace_calendar_events_select on public.workspace_calendar_events
  for select to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists workspace_calendar_events_insert on public.workspace_calendar_events;
create policy workspace_calendar_events_insert on public.workspace_calendar_events
  for insert to authenticated
  with check (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists workspace_calendar_events_update on public.workspace_calendar_events;
create policy workspace_calendar_events_update on public.workspace_calendar_events
  for update to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())))
  with check (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

drop policy if exists workspace_calendar_events_delete on public.workspace_calendar_events;
create policy workspace_calendar_events_delete on public.workspace_calendar_events
  for delete to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));

-- Supabase's default privileges grant everything in `public` to every API
-- role; start from nothing and grant signed-in members what they need.
revoke all on table public.workspace_calendar_events from public, anon, authenticated, service_role;
grant select, insert, update, delete on table public.workspace_calendar_events to authenticated;
