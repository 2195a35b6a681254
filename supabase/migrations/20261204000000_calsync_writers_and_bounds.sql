-- calsync: a member cannot sabotage the others.
--
-- Until now any member of a workspace, whatever its `workspace_members.role`,
-- could write anything in it: pin an event at version `infinity` (no device
-- could ever update it again), release or take another device's push lease by
-- naming its device id, set a lease to the year 9999 with a direct UPDATE,
-- rewrite other devices' run-log rows, and hard-delete events. As of this
-- migration:
--
-- - Writing needs a writing role. Roles that write: 'owner', 'admin',
--   'member' (the column's default) and 'editor'. Every other role ('viewer',
--   or any role the web side invents) reads only. This is an allow-list on
--   purpose: an unknown role fails safe.
-- - `external_updated_at` is finite and at most now() + 1 day, and a lease
--   expires at most 86,400 s (the RPC's bound) from now(): table constraints,
--   so a direct INSERT/UPDATE meets them as well as the RPCs.
-- - A lease belongs to the signed-in user as well as the device id
--   (`lease_user`): only that user renews or releases it while it runs; anyone
--   may take it over once it has expired. A run-log row belongs to the user
--   who wrote it (`user_id`); only that user rewrites it, and (ws, user,
--   device, run) is its key, so no one can take a run id before its device.
-- - No direct DELETE of events: a delete is a tombstone through
--   calsync_delete_events (its ordering rule is unchanged).
--
-- Rows written before this migration: versions out of bounds (planted pins)
-- are moved to the epoch so the next real push replaces them; leases in
-- force are dropped (a device that held one takes it again at its next
-- renewal); log rows keep user_id null and can no longer be rewritten.

-- ---------------------------------------------------------------- writers

-- The membership table calsync creates has `role`, and a web side's own table
-- is expected to (supabase/README.md); the policies below could not be created
-- without it. A table that lacks it gets it with calsync's default ('member',
-- a writer, as every member was until now); a no-op otherwise.
alter table public.workspace_members add column if not exists role text not null default 'member';

-- Every RPC that calls this writes (upsert, delete, lease, log), so from now
-- on it asks for a writing role, not only a membership. SECURITY INVOKER: it
-- sees only the caller's own memberships, which is all it needs.
create or replace function public.calsync_assert_member(p_ws_id uuid)
returns void
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role text;
begin
  select m.role into v_role
  from public.workspace_members m
  where m.ws_id = p_ws_id and m.user_id = (select auth.uid());
  if p_ws_id is null or not found then
    raise exception using
      errcode = '42501',
      message = 'not a member of this workspace',
      hint = 'Sign in as a member of the workspace, or check the workspace id.';
  end if;
  if v_role is null or v_role not in ('owner', 'admin', 'member', 'editor') then
    raise exception using
      errcode = '42501',
      message = format('your role in this workspace (%s) may read but not write', coalesce(v_role, 'none')),
      hint = 'Ask a workspace owner for a writing role (owner, admin, member or editor).';
  end if;
end
$$;

-- ---------------------------------------------------------------- events

-- Pins planted before this migration: the next real push replaces them.
update public.workspace_calendar_events
set external_updated_at = 'epoch'
where not isfinite(external_updated_at) or external_updated_at > now() + interval '1 day';

alter table public.workspace_calendar_events
  add constraint workspace_calendar_events_version_bounded
  check (isfinite(external_updated_at) and external_updated_at <= now() + interval '1 day');

drop policy if exists workspace_calendar_events_insert on public.workspace_calendar_events;
create policy workspace_calendar_events_insert on public.workspace_calendar_events
  for insert to authenticated
  with check (ws_id in (select m.ws_id from public.workspace_members m
                        where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor')));

drop policy if exists workspace_calendar_events_update on public.workspace_calendar_events;
create policy workspace_calendar_events_update on public.workspace_calendar_events
  for update to authenticated
  using (ws_id in (select m.ws_id from public.workspace_members m
                   where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor')))
  with check (ws_id in (select m.ws_id from public.workspace_members m
                        where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor')));

drop policy if exists workspace_calendar_events_delete on public.workspace_calendar_events;
revoke delete on table public.workspace_calendar_events from authenticated;

-- ---------------------------------------------------------------- leases

alter table public.calendar_sync_states add column if not exists lease_user uuid;

comment on column public.calendar_sync_states.lease_user is
  'The signed-in user whose device holds the lease: only they renew or release it before it expires.';

-- Leases in force were taken by no user we know of: drop them (they are at most a day long anyway).
update public.calendar_sync_states set lease_holder = null, lease_expires_at = null where lease_holder is not null;

alter table public.calendar_sync_states
  add constraint calendar_sync_states_lease_user check ((lease_holder is null) = (lease_user is null)),
  add constraint calendar_sync_states_lease_bounded
    check (lease_expires_at is null or lease_expires_at <= now() + interval '86400 seconds');

-- A row's lease is the caller's to change when it is free, expired, or theirs.
drop policy if exists calendar_sync_states_insert on public.calendar_sync_states;
create policy calendar_sync_states_insert on public.calendar_sync_states
  for insert to authenticated
  with check (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and (lease_holder is null or lease_user = (select auth.uid())));

drop policy if exists calendar_sync_states_update on public.calendar_sync_states;
create policy calendar_sync_states_update on public.calendar_sync_states
  for update to authenticated
  using (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and (lease_holder is null or lease_expires_at <= now() or lease_user = (select auth.uid())))
  with check (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and (lease_holder is null or lease_user = (select auth.uid())));

drop policy if exists calendar_sync_states_delete on public.calendar_sync_states;
create policy calendar_sync_states_delete on public.calendar_sync_states
  for delete to authenticated
  using (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and (lease_holder is null or lease_expires_at <= now() or lease_user = (select auth.uid())));

-- As in 20260301000400, plus: the lease is (device, user). Renewing needs
-- both to match; a lease held by another (device or user) is taken over only
-- once expired. Two statements instead of one INSERT … ON CONFLICT DO UPDATE:
-- that would check the update policy against a row that is not ours and raise
-- an RLS error instead of answering false. Still race-free: the UPDATE locks
-- the row and re-checks its WHERE after a concurrent writer commits, and of
-- two INSERTs of a new key one wins and the other does nothing (false).
create or replace function public.calsync_acquire_lease(
  p_ws_id uuid, p_calendar_key text, p_device_id text, p_ttl_seconds integer)
returns boolean
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_ok boolean;
  v_user uuid := (select auth.uid());
begin
  perform public.calsync_assert_member(p_ws_id);
  if coalesce(p_device_id, '') = '' or coalesce(p_calendar_key, '') = '' then
    raise exception using errcode = '22023', message = 'p_device_id and p_calendar_key are required';
  end if;
  if p_ttl_seconds is null or p_ttl_seconds < 1 or p_ttl_seconds > 86400 then
    raise exception using errcode = '22023', message = 'p_ttl_seconds must be between 1 and 86400';
  end if;

  update public.calendar_sync_states s set
    lease_holder = p_device_id,
    lease_user = v_user,
    lease_expires_at = now() + make_interval(secs => p_ttl_seconds),
    updated_at = now()
  where s.ws_id = p_ws_id and s.calendar_key = p_calendar_key
    and (s.lease_holder is null
         or (s.lease_holder = p_device_id and s.lease_user = v_user)
         or s.lease_expires_at <= now())
  returning true into v_ok;
  if v_ok then
    return true;
  end if;

  insert into public.calendar_sync_states (ws_id, calendar_key, lease_holder, lease_user, lease_expires_at, updated_at)
  values (p_ws_id, p_calendar_key, p_device_id, v_user, now() + make_interval(secs => p_ttl_seconds), now())
  on conflict (ws_id, calendar_key) do nothing
  returning true into v_ok;
  return coalesce(v_ok, false);
end
$$;

create or replace function public.calsync_release_lease(
  p_ws_id uuid, p_calendar_key text, p_device_id text, p_mark_synced boolean default false)
returns boolean
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_ok boolean;
begin
  perform public.calsync_assert_member(p_ws_id);
  update public.calendar_sync_states s set
    lease_holder = null,
    lease_user = null,
    lease_expires_at = null,
    updated_at = now(),
    last_synced_at = case when p_mark_synced then now() else s.last_synced_at end,
    last_synced_by = case when p_mark_synced then p_device_id else s.last_synced_by end
  where s.ws_id = p_ws_id and s.calendar_key = p_calendar_key
    and s.lease_holder = p_device_id and s.lease_user = (select auth.uid())
  returning true into v_ok;
  return coalesce(v_ok, false);
end
$$;

-- ---------------------------------------------------------------- run log

alter table public.workspace_calendar_sync_log add column if not exists user_id uuid default auth.uid();

comment on column public.workspace_calendar_sync_log.user_id is
  'The signed-in user who wrote the row: only they rewrite it. Null for rows written before user ids were kept (no one rewrites those).';

alter table public.workspace_calendar_sync_log
  drop constraint if exists workspace_calendar_sync_log_ws_id_device_id_run_id_key,
  add constraint workspace_calendar_sync_log_run_key unique (ws_id, user_id, device_id, run_id);

drop policy if exists workspace_calendar_sync_log_insert on public.workspace_calendar_sync_log;
create policy workspace_calendar_sync_log_insert on public.workspace_calendar_sync_log
  for insert to authenticated
  with check (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and user_id = (select auth.uid()));

drop policy if exists workspace_calendar_sync_log_update on public.workspace_calendar_sync_log;
create policy workspace_calendar_sync_log_update on public.workspace_calendar_sync_log
  for update to authenticated
  using (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and user_id = (select auth.uid()))
  with check (
    ws_id in (select m.ws_id from public.workspace_members m
              where m.user_id = (select auth.uid()) and m.role in ('owner', 'admin', 'member', 'editor'))
    and user_id = (select auth.uid()));

-- As in 20260301000400, keyed by (ws, user, device, run): a re-sent run of
-- this user's device updates its own row and no one else's.
create or replace function public.calsync_append_sync_log(p_ws_id uuid, p_device_id text, p_run jsonb)
returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform public.calsync_assert_member(p_ws_id);
  if coalesce(p_device_id, '') = '' then
    raise exception using errcode = '22023', message = 'p_device_id is required';
  end if;
  if jsonb_typeof(p_run) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'p_run must be a JSON object';
  end if;

  insert into public.workspace_calendar_sync_log as l (
    ws_id, user_id, device_id, run_id, trigger, kind, status, inserted, updated, deleted, skipped,
    calendars, error, started_at, ended_at)
  select p_ws_id, (select auth.uid()), p_device_id, r.run_id, r.trigger, r.kind, r.status,
         coalesce(r.inserted, 0), coalesce(r.updated, 0), coalesce(r.deleted, 0), coalesce(r.skipped, 0),
         coalesce(r.calendars, '[]'::jsonb), r.error, r.started_at, r.ended_at
  from jsonb_to_record(p_run) as r(
    run_id text, trigger text, kind text, status text, inserted integer, updated integer,
    deleted integer, skipped integer, calendars jsonb, error text,
    started_at timestamptz, ended_at timestamptz)
  on conflict (ws_id, user_id, device_id, run_id) do update set
    trigger = excluded.trigger,
    kind = excluded.kind,
    status = excluded.status,
    inserted = excluded.inserted,
    updated = excluded.updated,
    deleted = excluded.deleted,
    skipped = excluded.skipped,
    calendars = excluded.calendars,
    error = excluded.error,
    started_at = excluded.started_at,
    ended_at = excluded.ended_at,
    logged_at = now()
  where l.ended_at is null or excluded.ended_at is not null;
end
$$;

-- create or replace keeps a function's grants; restated so this file alone says who may call what.
revoke all on function public.calsync_assert_member(uuid) from public, anon, authenticated, service_role;
revoke all on function public.calsync_acquire_lease(uuid, text, text, integer) from public, anon, authenticated, service_role;
revoke all on function public.calsync_release_lease(uuid, text, text, boolean) from public, anon, authenticated, service_role;
revoke all on function public.calsync_append_sync_log(uuid, text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.calsync_assert_member(uuid) to authenticated;
grant execute on function public.calsync_acquire_lease(uuid, text, text, integer) to authenticated;
grant execute on function public.calsync_release_lease(uuid, text, text, boolean) to authenticated;
grant execute on function public.calsync_append_sync_log(uuid, text, jsonb) to authenticated;
