// Shared set-up for the Supabase suites: a shim per backend, and signed-in
// members of fresh workspaces talking to it through the real client code.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { CachedEvent } from '../../../../src/shared/domain';
import { MemoryTokenVault } from '../../../../src/main/core/secrets/token-vault';
import { createSupabaseClient } from '../../../../src/main/core/supabase/client';
import { signInWithPassword } from '../../../../src/main/core/supabase/auth';
import { WorkspaceRpc } from '../../../../src/main/core/supabase/workspace-rpc';
import type { SupabaseShim } from '../../../fakes/supabase';

export interface Member {
  userId: string;
  email: string;
  password: string;
  vault: MemoryTokenVault;
  client: SupabaseClient;
}

export async function signedInMember(shim: SupabaseShim): Promise<Member> {
  const email = `user-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const { id } = await shim.createUser(email, password);
  const vault = new MemoryTokenVault();
  const client = createSupabaseClient({ url: shim.url, anonKey: shim.anonKey, vault, autoRefreshToken: false });
  await signInWithPassword(client, email, password);
  return { userId: id, email, password, vault, client };
}

/** A member of a fresh workspace, with the RPC wrapper for one device. */
export async function workspaceWithMember(shim: SupabaseShim, deviceId = 'device-a') {
  const member = await signedInMember(shim);
  const wsId = await shim.createWorkspace(`ws-${randomUUID()}`, [member.userId]);
  return { ...member, wsId, rpc: new WorkspaceRpc(member.client, wsId, deviceId) };
}

export function cachedEvent(overrides: Partial<CachedEvent> = {}): CachedEvent {
  return {
    account: 'me@example.com',
    accountId: 'acct-1',
    calendarId: 'team@example.com',
    id: `evt-${randomUUID()}`,
    iCalUID: null,
    status: 'confirmed',
    title: 'Standup',
    description: null,
    location: null,
    allDay: false,
    start: '2026-03-30T09:00:00.000Z',
    end: '2026-03-30T09:15:00.000Z',
    startDate: null,
    endDate: null,
    timeZone: 'Europe/Berlin',
    endTimeUnspecified: false,
    recurringEventId: null,
    originalStartTime: null,
    transparency: 'opaque',
    eventType: 'default',
    selfResponse: 'accepted',
    updated: '2026-03-01T10:00:00.000Z',
    etag: '"1"',
    calsync: null,
    ...overrides,
  };
}

/** Rows of one workspace as the database owner sees them, timestamps as ISO strings. */
export async function eventRows(shim: SupabaseShim, wsId: string) {
  return shim.query<{
    external_event_id: string;
    title: string;
    external_updated_at: string;
    deleted_at: string | null;
    pushed_by_device: string;
  }>(
    `select external_event_id, title,
            to_json(external_updated_at) #>> '{}' as external_updated_at,
            to_json(deleted_at) #>> '{}' as deleted_at, pushed_by_device
       from public.workspace_calendar_events where ws_id = $1 order by external_event_id`,
    [wsId],
  );
}

export const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());
