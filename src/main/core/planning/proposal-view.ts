// Proposals as the API shows them: the stored row plus what is derived at
// read time — why a conflict has no move (kept by the last plan), and the
// removal offer of an accepted block whose task is done. The offer is derived,
// not stored, so reopening the task withdraws it and nothing needs migrating.
import type { Proposal } from '../../../shared/domain';
import { toProposal, type ProposalRecord } from '../store/proposals-repo';
import type { Store } from '../store/store';

/** kv key of the last plan's reasons for conflicts without a move: `{ [proposalId]: reason }`. */
export const CONFLICT_REASONS_KEY = 'plan.conflictReasons';

/** An accepted (or conflicting) block of a done task that has not ended: offered for removal. */
export function offeredForRemoval(store: Store, p: ProposalRecord, now: number): boolean {
  if (p.habitId || (p.status !== 'accepted' && p.status !== 'conflict') || p.endMs <= now) return false;
  return store.tasks.get(p.taskId)?.status === 'done';
}

export function proposalViewer(store: Store, now: number): (p: ProposalRecord) => Proposal {
  const raw = store.kv.get(CONFLICT_REASONS_KEY);
  const reasons = raw ? (JSON.parse(raw) as Record<string, string>) : {};
  const done = new Set(store.tasks.list('done').map((t) => t.id));
  return (p) => {
    const out = toProposal(p);
    const reason = p.status === 'conflict' && !p.moveTo ? reasons[p.id] : undefined;
    if (reason) out.moveReason = reason;
    if (!p.habitId && done.has(p.taskId) && (p.status === 'accepted' || p.status === 'conflict') && p.endMs > now)
      out.offer = 'remove';
    return out;
  };
}
