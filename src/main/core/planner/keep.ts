// Stability: last plan's proposals stay exactly where they are while every
// rule still holds for them, so a re-plan does not reshuffle the user's week.
import { Occupancy, type Block } from './occupancy';
import type { PreparedTask } from './prepare';
import { lowerBound } from './timeline';
import type { PlannedBlock } from './types';
import { QUARTER } from '../../../shared/time/zone';

export interface KeptBlock {
  id: string;
  block: Block;
}

/** Pins the still-valid previous proposals into `occ`, earliest first. */
export function keepPrevious(tasks: PreparedTask[], previous: PlannedBlock[], occ: Occupancy): KeptBlock[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const tl = occ.tl;
  const kept: KeptBlock[] = [];
  const seen = new Set<string>();
  const sorted = [...previous].sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const p of sorted) {
    const t = byId.get(p.taskId);
    if (!t || t.invalid || seen.has(p.id)) continue;
    const len = (p.end - p.start) / QUARTER;
    if (!Number.isInteger(len) || len < t.minLen || len > t.maxLen) continue;
    if (occ.placed[t.idx]! + len > t.need) continue;
    const at = lowerBound(tl.start, p.start);
    // runFrom also refuses a block that would touch another of this task's.
    if (tl.start[at] !== p.start || occ.runFrom(t, at, len) < len) continue;
    const block = { task: t.idx, at, len };
    occ.place(block);
    kept.push({ id: p.id, block });
    seen.add(p.id);
  }
  return kept;
}
