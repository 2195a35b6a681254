// Sends finished sync runs to the workspace's run log
// (workspace_calendar_sync_log), oldest first, each once: the cursor in
// outbox_state advances only after Supabase stored the entry, and the RPC
// upserts on (workspace, device, run), so a re-send after a crash is harmless.
import type { Store } from '../store/store';
import { syncLogEntryFromRun } from '../supabase/sync-log-entry';
import type { WorkspaceRpc } from '../supabase/workspace-rpc';
import { withBackoff, type BackoffDeps } from '../retry-policy';
import { isRetryableSupabaseError } from '../supabase/errors';

/** After a long time offline only the latest runs are sent: the log is for reading, not an archive. */
const MAX_RUNS = 50;

export async function appendRunLog(store: Store, rpc: WorkspaceRpc, d: BackoffDeps): Promise<number> {
  const state = store.outbox.state();
  if (!state) return 0;
  const runs = store.runs
    .list({ limit: MAX_RUNS })
    .filter((r) => r.id > state.loggedRunId)
    .reverse();
  let sent = 0;
  for (const run of runs) {
    // A run still going is logged once it ends; later ones wait so none is skipped.
    if (run.status === 'running') break;
    await withBackoff(
      'writing the workspace run log',
      () => rpc.appendSyncLog(syncLogEntryFromRun(run)),
      isRetryableSupabaseError,
      d,
    );
    store.outbox.setLoggedRun(run.id);
    sent++;
  }
  return sent;
}
