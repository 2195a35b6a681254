// Writes a page's decisions (page-plan.ts) into the cache. Runs inside the
// caller's transaction.
import type { Store } from '../store/store';
import type { CalendarCounts } from '../store/runs-repo';
import { planItem, type PageAction, type PagePlan } from './page-plan';

/** Where a page is written, fixed for the page (and its transaction). */
interface PageTarget {
  accountId: string;
  calendarId: string;
  fullSyncGen: number | null;
  /** A full pass into a calendar that was empty when it began: insert first, look up only an id already there. */
  insertFirst: boolean;
  /** Whether a workspace is connected, read once in this transaction: with none, no outbox row is looked up per event. */
  queue: boolean;
}

function applyAction(store: Store, t: PageTarget, a: PageAction, counts: CalendarCounts): void {
  if (a.kind === 'delete') {
    // The outbox row (if Supabase is connected) carries the deletion's own version.
    counts.deleted += store.events.deleteCancelled(t.accountId, t.calendarId, a.id, a.updated ?? null);
    return;
  }
  if (t.insertFirst && store.events.insertNew(t.accountId, t.calendarId, a.row, t.fullSyncGen, t.queue)) {
    counts.inserted++;
    return;
  }
  const outcome = store.events.upsert(t.accountId, t.calendarId, a.row, t.fullSyncGen, t.queue);
  if (outcome === 'inserted') counts.inserted++;
  else if (outcome === 'updated') counts.updated++;
}

/**
 * `insertFirst`: a full pass into a calendar that was empty when it began,
 * whose rows need no lookup unless already written (an id seen twice).
 */
export function applyPage(
  store: Store,
  accountId: string,
  calendarId: string,
  plan: PagePlan,
  fullSyncGen: number | null,
  insertFirst = false,
): CalendarCounts {
  const counts: CalendarCounts = { inserted: 0, updated: 0, deleted: 0, skipped: plan.skips.length, pages: 1 };
  const t: PageTarget = { accountId, calendarId, fullSyncGen, insertFirst, queue: store.events.queuing() };
  for (const a of plan.actions) applyAction(store, t, a, counts);
  return counts;
}

export interface ListedPageOutcome {
  counts: CalendarCounts;
  /** For the log, after the page's transaction. */
  skips: PagePlan['skips'];
  notes: PagePlan['notes'];
}

/**
 * A page of a listing, planned and written item by item: each decision
 * (planItem) is carried out as soon as it is made, in page order, so the
 * page's rows die young instead of living (and being promoted by the
 * collector) until the whole page is written. Same outcome as
 * applyPage(planPage(items)).
 */
export function applyListedPage(
  store: Store,
  accountId: string,
  calendarId: string,
  items: readonly unknown[],
  calendarTimeZone: string | null,
  fullSyncGen: number | null,
  insertFirst = false,
): ListedPageOutcome {
  const out: ListedPageOutcome = {
    counts: { inserted: 0, updated: 0, deleted: 0, skipped: 0, pages: 1 },
    skips: [],
    notes: [],
  };
  const t: PageTarget = { accountId, calendarId, fullSyncGen, insertFirst, queue: store.events.queuing() };
  for (const item of items) {
    const n = planItem(item, calendarTimeZone);
    if (n.kind === 'skip') {
      out.skips.push({ id: n.id, reason: n.reason });
      out.counts.skipped++;
    } else {
      applyAction(store, t, n, out.counts);
      if (n.kind === 'upsert') for (const note of n.notes) out.notes.push({ id: n.row.id, note });
    }
  }
  return out;
}
