-- calsync: a per-calendar withdrawal mark, so a device that still syncs a
-- calendar learns cheaply that another device withdrew rows of it.
--
-- A "withdrawn" delete (20260301000500) hides the rows the withdrawing device
-- pushed last, including rows another device still has and already pushed
-- (its equal re-send changed nothing, so the row stayed the first device's).
-- Those rows would stay hidden until the event changes. Every statement that
-- turns live rows into withdrawn tombstones now bumps the calendar's
-- `withdrawals` counter and `last_withdrawn_at` on its calendar_sync_states
-- row, in the same transaction; a device that syncs the calendar reads the
-- mark at its next push and, when it changed, re-sends what it has (an upsert
-- at the same version revives a withdrawn tombstone).
--
-- Nothing else changes: the RPCs' signatures, grants and results are as they
-- were. The counter is only a hint to re-send (re-sending is idempotent), so a
-- member writing it directly can cause no more than a redundant upload.

alter table public.calendar_sync_states
  add column if not exists withdrawals bigint not null default 0,
  add column if not exists last_withdrawn_at timestamptz;

comment on column public.calendar_sync_states.withdrawals is
  'How many rows of the calendar were withdrawn (hidden because a device stopped syncing it): devices that still sync it re-send when this changes.';

-- One upsert per calendar per statement (transition tables), not per row.
-- SECURITY INVOKER like every calsync function: it writes the member's own
-- workspace's calendar_sync_states rows under RLS, as calsync_acquire_lease
-- does. Nobody may execute it directly (a trigger does not need the grant).
create or replace function public.calsync_count_withdrawals()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  insert into public.calendar_sync_states as s (ws_id, calendar_key, withdrawals, last_withdrawn_at, updated_at)
  select n.ws_id, n.provider || ':' || n.external_calendar_id, count(*), clock_timestamp(), now()
  from new_rows n
  join old_rows o using (ws_id, provider, external_calendar_id, external_event_id)
  where n.withdrawn and n.deleted_at is not null and o.deleted_at is null
  group by n.ws_id, n.provider, n.external_calendar_id
  on conflict (ws_id, calendar_key) do update set
    withdrawals = s.withdrawals + excluded.withdrawals,
    last_withdrawn_at = excluded.last_withdrawn_at,
    updated_at = excluded.updated_at;
  return null;
end
$$;

revoke all on function public.calsync_count_withdrawals() from public, anon, authenticated, service_role;

drop trigger if exists calsync_count_withdrawals on public.workspace_calendar_events;
create trigger calsync_count_withdrawals
  after update on public.workspace_calendar_events
  referencing old table as old_rows new table as new_rows
  for each statement execute function public.calsync_count_withdrawals();
