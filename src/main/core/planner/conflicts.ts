// Accepted blocks that a meeting now overlaps, each with the nearest slot it
// could move to under every planner rule (or null when none is left).
import { formatDuration } from './format';
import { Occupancy } from './occupancy';
import { prepareTasks, type PreparedTask } from './prepare';
import { buildTimeline } from './timeline';
import type { AcceptedBlock, BusyInterval, Conflict, ConflictInput, PlannerTask } from './types';
import { QUARTER } from '../../../shared/time/zone';

function overlapsAny(block: AcceptedBlock, busy: BusyInterval[]): boolean {
  return busy.some((b) => b.start < block.end && b.end > block.start);
}

export function findConflicts(input: ConflictInput): Conflict[] {
  const ownEvents = new Set(input.accepted.map((a) => a.googleEventId).filter((id): id is string => !!id));
  const busy = input.busy.filter((b) => !(b.eventId && ownEvents.has(b.eventId)));
  const accepted = [...input.accepted].sort((a, b) => a.start - b.start || (a.proposalId < b.proposalId ? -1 : 1));
  // A block that has already ended is history, not a conflict to resolve.
  const clashing = accepted.filter((a) => a.end > input.now && overlapsAny(a, busy));
  if (clashing.length === 0) return [];
  const staying = accepted.filter((a) => !clashing.includes(a));
  const tl = buildTimeline(input, [...busy, ...staying, ...(input.proposals ?? [])]);
  const known = new Set(input.tasks.map((t) => t.id));
  // A block whose task is gone (done, deleted) may still move within the horizon.
  const orphans: PlannerTask[] = [...new Set(clashing.map((a) => a.taskId))]
    .filter((id) => !known.has(id))
    .map((id) => ({
      id,
      durationMinutes: 15,
      priority: 4,
      due: null,
      earliest: null,
      minChunkMinutes: 15,
      maxChunkMinutes: 24 * 60,
    }));
  const tasks = prepareTasks(tl, [...input.tasks, ...orphans], staying, []);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const occ = new Occupancy(tl, tasks.length);
  return clashing.map((block) => {
    const t = byId.get(block.taskId);
    const at = t && !t.invalid ? nearestStart(occ, t, block) : -1;
    if (at < 0) {
      const minutes = Math.round((block.end - block.start) / 60_000);
      const reason = !t
        ? 'its task is gone'
        : t.invalid
          ? `its task cannot be planned: ${t.invalid}`
          : `no free ${formatDuration(minutes)} left in working hours${t.source.due !== null ? ' before its due date' : ' within the horizon'}`;
      return { proposalId: block.proposalId, moveTo: null, reason };
    }
    const len = Math.ceil((block.end - block.start) / QUARTER);
    occ.place({ task: t!.idx, at, len });
    const start = tl.start[at]!;
    return { proposalId: block.proposalId, moveTo: { start, end: start + (block.end - block.start) } };
  });
}

/** Slot index of the valid start closest to the block's current start (earlier wins ties), or -1. */
function nearestStart(occ: Occupancy, t: PreparedTask, block: AcceptedBlock): number {
  const len = Math.ceil((block.end - block.start) / QUARTER);
  let best = -1;
  let bestDist = Infinity;
  for (let i = t.lo; i + len <= t.hi; i++) {
    const dist = Math.abs(occ.tl.start[i]! - block.start);
    if (dist < bestDist && occ.runFrom(t, i, len) >= len) {
      best = i;
      bestDist = dist;
    }
  }
  return best;
}
