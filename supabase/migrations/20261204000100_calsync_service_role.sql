-- calsync: what a server-side job with the service key may do.
--
-- Until now `service_role` had no privilege on any calsync table or function
-- (every earlier migration revoked Supabase's defaults from it), so a job run
-- with the service key got "permission denied". `service_role` bypasses RLS,
-- so these grants are the whole of what it can do here (supabase/README.md,
-- "Server jobs"):
--
-- - read everything: every calsync table, and the workspaces and memberships
--   the policies are about;
-- - maintenance: purge old tombstones (DELETE on events), prune the run log
--   (DELETE on the log), and clear a lease that is stuck (UPDATE of the lease
--   columns, or DELETE of the calendar's state row).
--
-- It gets no INSERT, no UPDATE of event content or versions, and no calsync
-- RPC: pushing is a device's job, done as its signed-in user (the RPCs need
-- auth.uid()). The desktop app never holds this key (it refuses one).

grant select on table
  public.workspace_calendar_events,
  public.calendar_sync_states,
  public.workspace_calendar_sync_log,
  public.workspaces,
  public.workspace_members
to service_role;

grant delete on table public.workspace_calendar_events to service_role;
grant delete on table public.workspace_calendar_sync_log to service_role;
grant update (lease_holder, lease_user, lease_expires_at, updated_at), delete
  on table public.calendar_sync_states to service_role;
