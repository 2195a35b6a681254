// What one page of events.list means for the cache, decided without touching it.
// `planItem` is the decision for one item; a full sync executes each decision
// as soon as it is made (apply-page.ts `applyListedPage`), so a page's rows are
// never all held at once. `planPage` gathers a whole page's decisions for the
// callers that write an event or two (accept, mirrors) and for the tests.
import type { EventRow } from '../store/event-row';
import { normalizeEvent, type Normalized } from './normalize-event';

export type PageAction = { kind: 'upsert'; row: EventRow } | { kind: 'delete'; id: string; updated?: string | null };

export interface PagePlan {
  /** In page order: later entries for the same id win, as on the server. */
  actions: PageAction[];
  skips: Array<{ id: string | null; reason: string }>;
  notes: Array<{ id: string; note: string }>;
}

/** One item: an upsert (with what normalising noticed), a delete, or a skip with its reason. Pure. */
export function planItem(item: unknown, calendarTimeZone: string | null): Normalized {
  return normalizeEvent(item, calendarTimeZone);
}

export function planPage(items: unknown[], calendarTimeZone: string | null): PagePlan {
  const plan: PagePlan = { actions: [], skips: [], notes: [] };
  for (const item of items) {
    const n = planItem(item, calendarTimeZone);
    if (n.kind === 'skip') plan.skips.push({ id: n.id, reason: n.reason });
    else if (n.kind === 'delete') plan.actions.push({ kind: 'delete', id: n.id, updated: n.updated });
    else {
      plan.actions.push({ kind: 'upsert', row: n.row });
      for (const note of n.notes) plan.notes.push({ id: n.row.id, note });
    }
  }
  return plan;
}
