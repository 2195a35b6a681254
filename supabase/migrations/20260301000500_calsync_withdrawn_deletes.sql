-- calsync: two kinds of delete, "gone" and "withdrawn".
--
-- Until now every delete was "gone": a tombstone at version D that only an
-- upsert with a version > D revives (so a lagging device cannot bring back an
-- event deleted at Google). But a device that stops syncing a calendar
-- (disables it, logs its account out, or the reconcile finds it no longer
-- syncs it) also sent deletes at each event's current version, and when the
-- calendar came back its upserts carried that same version: the rows stayed
-- tombstones for ever while the cache had them all.
--
-- Ordering rule, as of this migration (replaces the one stated in
-- 20260301000300_calsync_event_rpcs.sql):
-- - An upsert applies when its version is newer than the row's; or equal and
--   the row is live with different content; or equal and the row is a
--   WITHDRAWN tombstone (revivable at >= D). An equal re-send of the same
--   content to a live row changes nothing (a re-sent batch is a no-op).
-- - A "gone" delete (the default) at version D turns the row into a gone
--   tombstone at D when D > the row's version, or D = the row's version and
--   the row is live or a withdrawn tombstone; a key with no row gets a gone
--   tombstone. Only an upsert with a version > D revives it.
-- - A "withdrawn" delete (key field "withdrawn": true) hides only a live row
--   this device pushed last (pushed_by_device = p_device_id) with a version
--   <= D: it becomes a withdrawn tombstone at D. It never creates a row for a
--   key with none, never touches another device's row, and never overrides a
--   tombstone (in particular not a gone one).
-- Signatures, SECURITY INVOKER, grants and returned counts are unchanged; a
-- client that never sends "withdrawn" gets exactly the old behaviour.

alter table public.workspace_calendar_events
  add column if not exists withdrawn boolean not null default false;

comment on column public.workspace_calendar_events.withdrawn is
  'A tombstone written because the pushing device stopped syncing the calendar (not a deletion at the provider): an upsert at the same version revives it.';

-- The upsert of 20260301000300, plus: an equal version revives a withdrawn tombstone.
create or replace function public.calsync_upsert_events(p_ws_id uuid, p_device_id text, p_rows jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_total integer;
  v_result jsonb;
begin
  perform public.calsync_assert_member(p_ws_id);
  if coalesce(p_device_id, '') = '' then
    raise exception using errcode = '22023', message = 'p_device_id is required';
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'p_rows must be a JSON array of event rows';
  end if;
  v_total := jsonb_array_length(p_rows);
  if v_total > 10000 then
    raise exception using errcode = '22023', message = 'at most 10000 rows per call',
      hint = 'Split the push into batches of a few thousand rows.';
  end if;

  -- One statement. DISTINCT ON keeps the newest copy of a key sent twice in
  -- one batch (ON CONFLICT may touch a row only once per statement); its sort
  -- also makes concurrent batches lock rows in key order, which keeps two
  -- devices pushing overlapping batches from deadlocking each other.
  with input as (
    select distinct on (r.provider, r.external_calendar_id, r.external_event_id) r.*
    from (
      select coalesce(x.provider, 'google') as provider, x.external_calendar_id, x.external_event_id,
             x.ical_uid, x.recurring_event_id, coalesce(x.title, '') as title, x.description, x.location,
             x.start_at, x.end_at, coalesce(x.all_day, false) as all_day, x.start_date, x.end_date,
             x.time_zone, coalesce(x.status, 'confirmed') as status,
             coalesce(x.transparency, 'opaque') as transparency,
             coalesce(x.event_type, 'default') as event_type, x.color,
             coalesce(x.scheduling_source, 'manual') as scheduling_source, x.task_id,
             x.external_updated_at
      from jsonb_to_recordset(p_rows) as x(
        provider text, external_calendar_id text, external_event_id text, ical_uid text,
        recurring_event_id text, title text, description text, location text,
        start_at timestamptz, end_at timestamptz, all_day boolean, start_date date, end_date date,
        time_zone text, status text, transparency text, event_type text, color text,
        scheduling_source text, task_id text, external_updated_at timestamptz)
    ) r
    order by r.provider, r.external_calendar_id, r.external_event_id, r.external_updated_at desc
  ),
  written as (
    insert into public.workspace_calendar_events as t (
      ws_id, provider, external_calendar_id, external_event_id, ical_uid, recurring_event_id,
      title, description, location, start_at, end_at, all_day, start_date, end_date, time_zone,
      status, transparency, event_type, color, scheduling_source, task_id,
      external_updated_at, last_synced_at, pushed_by_device, deleted_at)
    select p_ws_id, i.provider, i.external_calendar_id, i.external_event_id, i.ical_uid, i.recurring_event_id,
           i.title, i.description, i.location, i.start_at, i.end_at, i.all_day, i.start_date, i.end_date,
           i.time_zone, i.status, i.transparency, i.event_type, i.color, i.scheduling_source, i.task_id,
           i.external_updated_at, now(), p_device_id, null
    from input i
    on conflict (ws_id, provider, external_calendar_id, external_event_id) do update set
      ical_uid = excluded.ical_uid,
      recurring_event_id = excluded.recurring_event_id,
      title = excluded.title,
      description = excluded.description,
      location = excluded.location,
      start_at = excluded.start_at,
      end_at = excluded.end_at,
      all_day = excluded.all_day,
      start_date = excluded.start_date,
      end_date = excluded.end_date,
      time_zone = excluded.time_zone,
      status = excluded.status,
      transparency = excluded.transparency,
      event_type = excluded.event_type,
      color = excluded.color,
      scheduling_source = excluded.scheduling_source,
      task_id = excluded.task_id,
      external_updated_at = excluded.external_updated_at,
      last_synced_at = excluded.last_synced_at,
      pushed_by_device = excluded.pushed_by_device,
      deleted_at = null,
      withdrawn = false
    where excluded.external_updated_at > t.external_updated_at
       -- a withdrawn tombstone comes back at its own version (the calendar is synced again)
       or (excluded.external_updated_at = t.external_updated_at and t.deleted_at is not null and t.withdrawn)
       or (excluded.external_updated_at = t.external_updated_at
           and t.deleted_at is null
           and (t.ical_uid, t.recurring_event_id, t.title, t.description, t.location, t.start_at,
                t.end_at, t.all_day, t.start_date, t.end_date, t.time_zone, t.status, t.transparency,
                t.event_type, t.color, t.scheduling_source, t.task_id)
               is distinct from
               (excluded.ical_uid, excluded.recurring_event_id, excluded.title, excluded.description,
                excluded.location, excluded.start_at, excluded.end_at, excluded.all_day,
                excluded.start_date, excluded.end_date, excluded.time_zone, excluded.status,
                excluded.transparency, excluded.event_type, excluded.color, excluded.scheduling_source,
                excluded.task_id))
    -- xmax = 0 only on a freshly inserted row version: tells inserts from updates.
    returning (t.xmax = 0) as inserted
  )
  select jsonb_build_object(
    'inserted', count(*) filter (where w.inserted),
    'updated', count(*) filter (where not w.inserted),
    'ignored', v_total - count(*))
  into v_result
  from written w;
  return v_result;
end
$$;

-- p_keys: [{provider?, external_calendar_id, external_event_id, external_updated_at, withdrawn?}].
-- external_updated_at is the version the delete is about: Google's `updated` of the
-- cancelled event, or, for an event that vanished from a full listing or whose
-- calendar this device stopped syncing, the version this device last had (or the
-- workspace's, for the reconcile). A newer version pushed by another device survives.
-- "gone" keys (withdrawn absent or false): a key with no row yet gets a tombstone, so
-- an older upsert arriving later from a lagging device cannot bring the event back.
-- "withdrawn" keys: see the header.
create or replace function public.calsync_delete_events(p_ws_id uuid, p_device_id text, p_keys jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_total integer;
  v_result jsonb;
begin
  perform public.calsync_assert_member(p_ws_id);
  if coalesce(p_device_id, '') = '' then
    raise exception using errcode = '22023', message = 'p_device_id is required';
  end if;
  if jsonb_typeof(p_keys) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'p_keys must be a JSON array of event keys';
  end if;
  v_total := jsonb_array_length(p_keys);
  if v_total > 10000 then
    raise exception using errcode = '22023', message = 'at most 10000 keys per call';
  end if;

  -- A key sent twice keeps its newest version, and at equal versions "gone"
  -- (false sorts first). Each key then goes to exactly one of the two writes
  -- below, so no row is touched twice by this statement.
  with keys as (
    select distinct on (k.provider, k.external_calendar_id, k.external_event_id) k.*
    from (
      select coalesce(x.provider, 'google') as provider, x.external_calendar_id, x.external_event_id,
             x.external_updated_at, coalesce(x.withdrawn, false) as withdrawn
      from jsonb_to_recordset(p_keys) as x(
        provider text, external_calendar_id text, external_event_id text, external_updated_at timestamptz,
        withdrawn boolean)
    ) k
    order by k.provider, k.external_calendar_id, k.external_event_id, k.external_updated_at desc, k.withdrawn
  ),
  -- Read in the statement's snapshot, i.e. before the writes below: which keys were live.
  live_before as (
    select e.provider, e.external_calendar_id, e.external_event_id
    from public.workspace_calendar_events e
    join keys k using (provider, external_calendar_id, external_event_id)
    where e.ws_id = p_ws_id and e.deleted_at is null
  ),
  gone as (
    insert into public.workspace_calendar_events as t (
      ws_id, provider, external_calendar_id, external_event_id,
      external_updated_at, last_synced_at, pushed_by_device, deleted_at, withdrawn)
    select p_ws_id, k.provider, k.external_calendar_id, k.external_event_id,
           k.external_updated_at, now(), p_device_id, now(), false
    from keys k
    where not k.withdrawn
    on conflict (ws_id, provider, external_calendar_id, external_event_id) do update set
      deleted_at = coalesce(t.deleted_at, excluded.deleted_at),
      external_updated_at = excluded.external_updated_at,
      last_synced_at = excluded.last_synced_at,
      pushed_by_device = excluded.pushed_by_device,
      withdrawn = false
    where excluded.external_updated_at > t.external_updated_at
       or (excluded.external_updated_at = t.external_updated_at and (t.deleted_at is null or t.withdrawn))
    returning t.provider, t.external_calendar_id, t.external_event_id, (t.xmax = 0) as inserted
  ),
  withdrew as (
    update public.workspace_calendar_events as t set
      deleted_at = now(),
      withdrawn = true,
      external_updated_at = k.external_updated_at,
      last_synced_at = now()
    from keys k
    where k.withdrawn
      and t.ws_id = p_ws_id
      and t.provider = k.provider
      and t.external_calendar_id = k.external_calendar_id
      and t.external_event_id = k.external_event_id
      and t.deleted_at is null
      and t.pushed_by_device = p_device_id
      and k.external_updated_at >= t.external_updated_at
    returning t.provider, t.external_calendar_id, t.external_event_id, false as inserted
  ),
  written as (
    select * from gone
    union all
    select * from withdrew
  ),
  counted as (
    select count(*) filter (where lb.external_event_id is not null) as deleted,
           count(*) filter (where w.inserted) as tombstoned
    from written w
    left join live_before lb using (provider, external_calendar_id, external_event_id)
  )
  select jsonb_build_object(
    'deleted', c.deleted,
    'tombstoned', c.tombstoned,
    'ignored', v_total - c.deleted - c.tombstoned)
  into v_result
  from counted c;
  return v_result;
end
$$;

revoke all on function public.calsync_upsert_events(uuid, text, jsonb) from public, anon, authenticated, service_role;
revoke all on function public.calsync_delete_events(uuid, text, jsonb) from public, anon, authenticated, service_role;
grant execute on function public.calsync_upsert_events(uuid, text, jsonb) to authenticated;
grant execute on function public.calsync_delete_events(uuid, text, jsonb) to authenticated;
