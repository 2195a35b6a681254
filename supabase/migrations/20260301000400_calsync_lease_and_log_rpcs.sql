-- calsync: the cross-device push lease and the run log.
-- Lease times come from the database clock (now()), never from a device, so
-- devices with skewed clocks agree on when a lease has expired.

-- True when p_device_id holds the lease for the next p_ttl_seconds. One
-- statement: creates the row, renews our own lease, or takes over a free or
-- expired one; a lease held by another device that has not expired is left
-- alone and the answer is false.
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
begin
  perform public.calsync_assert_member(p_ws_id);
  if coalesce(p_device_id, '') = '' or coalesce(p_calendar_key, '') = '' then
    raise exception using errcode = '22023', message = 'p_device_id and p_calendar_key are required';
  end if;
  if p_ttl_seconds is null or p_ttl_seconds < 1 or p_ttl_seconds > 86400 then
    raise exception using errcode = '22023', message = 'p_ttl_seconds must be between 1 and 86400';
  end if;

  insert into public.calendar_sync_states as s (ws_id, calendar_key, lease_holder, lease_expires_at, updated_at)
  values (p_ws_id, p_calendar_key, p_device_id, now() + make_interval(secs => p_ttl_seconds), now())
  on conflict (ws_id, calendar_key) do update set
    lease_holder = excluded.lease_holder,
    lease_expires_at = excluded.lease_expires_at,
    updated_at = excluded.updated_at
  where s.lease_holder is null
     or s.lease_holder = excluded.lease_holder
     or s.lease_expires_at <= now()
  returning true into v_ok;
  return coalesce(v_ok, false);
end
$$;

-- Frees the lease if p_device_id still holds it (true), else does nothing
-- (false: it expired and another device took it over). With p_mark_synced the
-- calendar's last sync time is recorded too, in the same statement.
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
    lease_expires_at = null,
    updated_at = now(),
    last_synced_at = case when p_mark_synced then now() else s.last_synced_at end,
    last_synced_by = case when p_mark_synced then p_device_id else s.last_synced_by end
  where s.ws_id = p_ws_id and s.calendar_key = p_calendar_key and s.lease_holder = p_device_id
  returning true into v_ok;
  return coalesce(v_ok, false);
end
$$;

-- p_run: {run_id, trigger, kind, status, inserted, updated, deleted, skipped,
-- calendars, error, started_at, ended_at}. Upserts on (ws, device, run_id):
-- a run is logged when it starts and again when it ends, and a re-sent entry
-- is harmless. A finished run is never turned back into an unfinished one.
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
    ws_id, device_id, run_id, trigger, kind, status, inserted, updated, deleted, skipped,
    calendars, error, started_at, ended_at)
  select p_ws_id, p_device_id, r.run_id, r.trigger, r.kind, r.status,
         coalesce(r.inserted, 0), coalesce(r.updated, 0), coalesce(r.deleted, 0), coalesce(r.skipped, 0),
         coalesce(r.calendars, '[]'::jsonb), r.error, r.started_at, r.ended_at
  from jsonb_to_record(p_run) as r(
    run_id text, trigger text, kind text, status text, inserted integer, updated integer,
    deleted integer, skipped integer, calendars jsonb, error text,
    started_at timestamptz, ended_at timestamptz)
  on conflict (ws_id, device_id, run_id) do update set
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

revoke all on function public.calsync_acquire_lease(uuid, text, text, integer) from public, anon, authenticated, service_role;
revoke all on function public.calsync_release_lease(uuid, text, text, boolean) from public, anon, authenticated, service_role;
revoke all on function public.calsync_append_sync_log(uuid, text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.calsync_acquire_lease(uuid, text, text, integer) to authenticated;
grant execute on function public.calsync_release_lease(uuid, text, text, boolean) to authenticated;
grant execute on function public.calsync_append_sync_log(uuid, text, jsonb) to authenticated;
