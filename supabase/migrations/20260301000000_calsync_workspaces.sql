-- calsync: the minimal workspace membership that RLS needs.
--
-- A Supabase project that already has `workspaces` / `workspace_members`
-- (the web side of the product) keeps its own tables, policies and grants:
-- calsync only needs `workspaces(id)` and `workspace_members(ws_id, user_id)`,
-- and that members can read their own membership rows.

do $$
begin
  if to_regclass('public.workspaces') is null then
    create table public.workspaces (
      id uuid primary key default gen_random_uuid(),
      name text not null default '',
      created_at timestamptz not null default now()
    );
    alter table public.workspaces enable row level security;
    revoke all on table public.workspaces from public, anon, authenticated, service_role;
    grant select on table public.workspaces to authenticated;
  end if;

  if to_regclass('public.workspace_members') is null then
    create table public.workspace_members (
      ws_id uuid not null references public.workspaces (id) on delete cascade,
      user_id uuid not null references auth.users (id) on delete cascade,
      role text not null default 'member',
      created_at timestamptz not null default now(),
      primary key (ws_id, user_id)
    );
    -- RLS policies look memberships up by user.
    create index workspace_members_user_idx on public.workspace_members (user_id, ws_id);
    alter table public.workspace_members enable row level security;
    -- A user sees only their own memberships. Policies of other tables read
    -- this table through that same policy, so no SECURITY DEFINER helper (and
    -- no policy recursion) is needed.
    create policy workspace_members_select_own on public.workspace_members
      for select to authenticated
      using (user_id = (select auth.uid()));
    revoke all on table public.workspace_members from public, anon, authenticated, service_role;
    grant select on table public.workspace_members to authenticated;

    create policy workspaces_select_member on public.workspaces
      for select to authenticated
      using (id in (select m.ws_id from public.workspace_members m where m.user_id = (select auth.uid())));
  end if;
end
$$;

-- Raises 42501 unless the signed-in user is a member of the workspace. The
-- RPCs call it first so a non-member gets one clear error instead of a
-- row-level-security message about whichever row came first. SECURITY INVOKER:
-- it sees only the caller's own memberships, which is all it needs.
create or replace function public.calsync_assert_member(p_ws_id uuid)
returns void
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_ws_id is null or not exists (
    select 1 from public.workspace_members m
    where m.ws_id = p_ws_id and m.user_id = (select auth.uid())
  ) then
    raise exception using
      errcode = '42501',
      message = 'not a member of this workspace',
      hint = 'Sign in as a member of the workspace, or check the workspace id.';
  end if;
end
$$;

revoke all on function public.calsync_assert_member(uuid) from public, anon, authenticated, service_role;
grant execute on function public.calsync_assert_member(uuid) to authenticated;
