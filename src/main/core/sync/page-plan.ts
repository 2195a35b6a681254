// What one page of events.list means for the cache, decided without touching it.
import type { EventRow } from '../store/event-row';
import { normalizeEvent } from './normalize-event';

export interface PagePlan {
  /** In page order: later entries for the same id win, as on the server. */
  actions: Array<{ kind: 'upsert'; row: EventRow } | { kind: 'delete'; id: string; updated?: string | null }>;
  skips: Array<{ id: string | null; reason: string }>;
  notes: Array<{ id: string; note: string }>;
}

export function planPage(items: unknown[], calendarTimeZone: string | null): PagePlan {
  const plan: PagePlan = { actions: [], skips: [], notes: [] };
  for (const item of items) {
    const n = normalizeEvent(item, calendarTimeZone);
    if (n.kind === 'skip') plan.skips.push({ id: n.id, reason: n.reason });
    else if (n.kind === 'delete') plan.actions.push({ kind: 'delete', id: n.id, updated: n.updated });
    else {
      plan.actions.push({ kind: 'upsert', row: n.row });
      for (const note of n.notes) plan.notes.push({ id: n.row.id, note });
    }
  }
  return plan;
}
