// One call from configuration to a ready-to-use workspace connection: the
// client (for sign-in) and the RPC wrapper (for the pusher).
import type { SupabaseClient } from '@supabase/supabase-js';
import { AppError } from '../../../shared/errors';
import { createSupabaseClient, type SupabaseClientOptions } from './client';
import { WorkspaceRpc } from './workspace-rpc';

export interface WorkspaceConnectionOptions extends SupabaseClientOptions {
  workspaceId: string | null | undefined;
  /** Stable per installation; names this device in rows, leases and the run log. */
  deviceId: string;
}

export interface WorkspaceConnection {
  client: SupabaseClient;
  rpc: WorkspaceRpc;
}

/** Throws AppError 'not-configured' when URL, key or workspace id is missing or unusable. */
export function connectWorkspace(opts: WorkspaceConnectionOptions): WorkspaceConnection {
  const client = createSupabaseClient(opts);
  if (!opts.workspaceId?.trim()) {
    throw new AppError('not-configured', 'Supabase is connected but no workspace is chosen (CALSYNC_WORKSPACE_ID).');
  }
  return { client, rpc: new WorkspaceRpc(client, opts.workspaceId.trim(), opts.deviceId) };
}
