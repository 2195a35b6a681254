// Writes a planned page into the cache. Runs inside the caller's transaction.
import type { Store } from '../store/store';
import type { CalendarCounts } from '../store/runs-repo';
import type { PagePlan } from './page-plan';

/**
 * `insertOnly` is the set of ids written so far by a full pass into a calendar
 * that was empty when it began: those rows need no lookup unless seen twice.
 */
export function applyPage(
  store: Store,
  accountId: string,
  calendarId: string,
  plan: PagePlan,
  fullSyncGen: number | null,
  insertOnly: Set<string> | null = null,
): CalendarCounts {
  const counts: CalendarCounts = { inserted: 0, updated: 0, deleted: 0, skipped: plan.skips.length, pages: 1 };
  for (const a of plan.actions) {
    if (a.kind === 'delete') {
      // The outbox row (if Supabase is connected) carries the deletion's own version.
      counts.deleted += store.events.deleteCancelled(accountId, calendarId, a.id, a.updated ?? null);
      continue;
    }
    if (insertOnly && !insertOnly.has(a.row.id)) {
      insertOnly.add(a.row.id);
      store.events.insert(accountId, calendarId, a.row, fullSyncGen);
      counts.inserted++;
      continue;
    }
    const outcome = store.events.upsert(accountId, calendarId, a.row, fullSyncGen);
    if (outcome === 'inserted') counts.inserted++;
    else if (outcome === 'updated') counts.updated++;
  }
  return counts;
}
