// Before the drain: re-queue the calendars another device withdrew rows of
// while this device still syncs them (the decision: resend-plan.ts). One read
// of the workspace's withdrawal marks, then one SQLite transaction that
// queues the events and remembers the marks; the rows go out with the drain
// that follows, acknowledged like any other, so a crash or a failed send
// re-sends them later.
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { WorkspaceRpc } from '../supabase/workspace-rpc';
import { withBackoff, type BackoffDeps } from '../retry-policy';
import { isRetryableSupabaseError } from '../supabase/errors';
import { planResend } from './resend-plan';

export interface ResendDeps extends BackoffDeps {
  store: Store;
  log: Logger;
  pageSize: number;
}

/** How many rows were queued again (0 when disconnected meanwhile). */
export async function resendWithdrawn(d: ResendDeps, rpc: WorkspaceRpc, target: string): Promise<number> {
  const marks = await withBackoff(
    "reading the workspace's withdrawal marks",
    () => rpc.withdrawalMarks(d.pageSize),
    isRetryableSupabaseError,
    d,
  );
  let calendars: readonly string[] = [];
  const queued = d.store.outbox.resend.resend(target, (state) => {
    const plan = planResend({ marks, ...state });
    calendars = plan.resend;
    return plan;
  });
  if (queued > 0)
    d.log.info({ calendars, queued }, 'another device withdrew rows of calendars this device syncs: re-sending them');
  return Math.max(0, queued);
}
