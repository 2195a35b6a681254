// Minutes per task of a plan and their weighted total: how the habit trade
// (habit-trade.ts) and the habit moves (habit-search.ts) compare two plans.
import { WEIGHTS } from './prepare';
import type { PlanOutput } from './types';
import { MINUTE } from '../../../shared/time/zone';

/** Planned minutes per task id (or habit id) of `o`. */
export function minutesByTask(o: PlanOutput): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of o.proposals) m.set(p.taskId, (m.get(p.taskId) ?? 0) + (p.end - p.start) / MINUTE);
  return m;
}

/** The minutes weighted by priority (an id without one counts as P4). */
export function weightedMinutes(m: Map<string, number>, priority: Map<string, number>): number {
  return [...m].reduce((s, [id, min]) => s + WEIGHTS[priority.get(id) ?? 4]! * min, 0);
}
