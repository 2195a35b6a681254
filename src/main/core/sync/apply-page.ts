// Writes a planned page into the cache. Runs inside the caller's transaction.
import type { Store } from '../store/store';
import type { CalendarCounts } from '../store/runs-repo';
import type { PagePlan } from './page-plan';

export function applyPage(store: Store, accountId: string, calendarId: string, plan: PagePlan, fullSyncGen: number | null): CalendarCounts {
  const counts: CalendarCounts = { inserted: 0, updated: 0, deleted: 0, skipped: plan.skips.length, pages: 1 };
  for (const a of plan.actions) {
    if (a.kind === 'delete') {
      counts.deleted += store.events.deleteCancelled(accountId, calendarId, a.id);
      continue;
    }
    const outcome = store.events.upsert(accountId, calendarId, a.row, fullSyncGen);
    if (outcome === 'inserted') counts.inserted++;
    else if (outcome === 'updated') counts.updated++;
  }
  return counts;
}
