// One calendar, one pass: full (paged listing, then sweep what it did not
// contain) or incremental (from the stored sync token). Each page is written
// in one transaction; the new token is stored with the last page only, so a
// crash repeats work and never skips it. A full listing leaves the stored
// token alone until its last page: the periodic one (full-listing.ts) that
// fails part-way leaves incremental sync working as before.
import type { RunCalendar, SyncKind } from '../../../shared/domain';
import { toErrorData } from '../../../shared/errors';
import type { CalendarSource } from '../google/calendar-source';
import { BudgetExceededError, SyncTokenGoneError } from '../google/google-errors';
import type { CallContext, CallStats } from '../google/retry';
import type { CalendarRecord } from '../store/calendars-repo';
import { isDamaged } from '../store/sqlite-errors';
import type { Store } from '../store/store';
import { applyListedPage } from './apply-page';
import { sweepVerdict } from './full-listing';
import type { SyncDeps } from './sync-context';

/** The run's time budget: incremental runs get less time than runs with a full listing. */
export interface RunBudget {
  startedAt: number;
  full: boolean;
}

export interface CalendarSyncOptions {
  runId: number;
  budget: RunBudget;
  forceFull: boolean;
  stats: CallStats;
  timeMin?: string;
  /** This run's periodic full listing of the calendar (in place of its incremental sync). */
  fullListing?: boolean;
  /** Checked between pages: false when this process lost its lease. */
  stillOwner: () => boolean;
}

const MAX_PASSES = 3; // incremental → 410 → full → 410 mid-listing → full again

export async function syncCalendar(
  deps: SyncDeps,
  source: CalendarSource,
  cal: CalendarRecord,
  opts: CalendarSyncOptions,
): Promise<RunCalendar> {
  const { store, log } = deps;
  let kind: SyncKind = opts.forceFull || opts.fullListing || !cal.syncToken ? 'full' : 'incremental';
  const totals = { inserted: 0, updated: 0, deleted: 0, skipped: 0, pages: 0 };
  const result = (status: RunCalendar['status'], error: string | null): RunCalendar => ({
    accountId: cal.accountId,
    calendarId: cal.id,
    kind,
    status,
    error,
    ...totals,
  });

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    store.runs.startCalendar(opts.runId, cal.accountId, cal.id, kind);
    try {
      await runPass(kind, pass);
      store.runs.finishCalendar(opts.runId, cal.accountId, cal.id, 'succeeded', null);
      return result('succeeded', null);
    } catch (e) {
      if (e instanceof SyncTokenGoneError && pass + 1 < MAX_PASSES) {
        log.info({ calendarId: cal.id, kind }, 'sync token no longer valid (410); running a full sync');
        // A dead token is useless: drop it now so a crash during the full sync cannot reuse it.
        // A 410 in the middle of a full listing says nothing of the stored token: it stays.
        if (kind === 'incremental') store.calendars.setSyncToken(cal.accountId, cal.id, null, null);
        kind = 'full';
        continue;
      }
      const message =
        e instanceof SyncTokenGoneError
          ? 'Google kept invalidating the sync token during a full sync'
          : toErrorData(e).message;
      if (isDamaged(e)) store.noteDamage(); // the next start checks and rebuilds the file
      store.transaction(() => {
        store.runs.finishCalendar(opts.runId, cal.accountId, cal.id, 'failed', message);
        store.calendars.setError(cal.accountId, cal.id, message);
      });
      if ((e as { code?: string }).code === 'needs-login') throw e;
      return result('failed', message);
    }
  }
  throw new Error('unreachable: every pass returns or throws');

  async function runPass(passKind: SyncKind, pass: number): Promise<void> {
    if (passKind === 'full') {
      opts.budget.full = true;
      // A full listing writes thousands of pages: auto-checkpoints keep its WAL bounded (checkpoint-hold.ts).
      store.checkpoints.resume();
    }
    const budgetMs = opts.budget.full ? deps.tuning.fullBudgetMs : deps.tuning.incrementalBudgetMs;
    const what = `the ${opts.budget.full ? 'full' : 'incremental'} sync run (at ${cal.summary})`;
    const ctx: CallContext = {
      deadline: opts.budget.startedAt + budgetMs,
      budgetMs,
      what,
      stats: opts.stats,
      now: () => deps.clock.now(),
      sleep: deps.sleep,
      random: deps.random,
      onRetry: (r) =>
        log.warn(
          {
            calendarId: cal.id,
            attempt: r.attempt,
            delayMs: r.delayMs,
            status: r.failure.status,
            reason: r.failure.reason,
          },
          `retrying ${r.label}`,
        ),
    };
    // Rows a full pass sees carry its generation; the sweep removes the rest.
    const gen = passKind === 'full' ? opts.runId * 8 + pass : null;
    const token =
      passKind === 'incremental' ? (store.calendars.get(cal.accountId, cal.id)?.syncToken ?? undefined) : undefined;
    // A full pass into an empty calendar only inserts: no need to look each row up first.
    const insertFirst = gen !== null && store.events.isEmpty(cal.accountId, cal.id);
    const listingStartedAt = deps.clock.now();
    const fetchPage = (pageToken: string | undefined) =>
      source.listEvents(
        cal.id,
        {
          syncToken: token,
          pageToken,
          timeMin: passKind === 'full' ? opts.timeMin : undefined,
          maxResults: deps.tuning.pageSize,
        },
        ctx,
      );
    let pending = fetchPage(undefined);
    let pages = 0;
    let events = 0;
    for (;;) {
      const page = await pending;
      if (!opts.stillOwner())
        throw new Error('this process lost its sync lease to another one; stopping without writing more');
      // Ask Google for the next page while this one is written: the write is
      // local CPU work, the fetch is mostly waiting.
      if (page.nextPageToken) {
        pending = fetchPage(page.nextPageToken);
        pending.catch(() => undefined); // observed by the await above on the next turn
      }
      // Each item is planned and written in turn (apply-page.ts says why); the
      // page, its counts and (on the last page) the token commit together.
      const written = store.transaction(() => {
        let heldSweep: { seen: number; unseen: number } | null = null;
        const applied = applyListedPage(
          store,
          cal.accountId,
          cal.id,
          page.items,
          page.timeZone ?? cal.timeZone,
          gen,
          insertFirst,
        );
        const counts = applied.counts;
        if (page.nextSyncToken) {
          if (gen !== null) {
            const swept = sweepAfterListing(store, cal, gen, listingStartedAt, deps.clock.now());
            counts.deleted += swept.deleted;
            heldSweep = swept.held;
          }
          store.calendars.setSyncToken(cal.accountId, cal.id, page.nextSyncToken, deps.clock.now());
        }
        store.runs.addCalendarCounts(opts.runId, cal.accountId, cal.id, counts);
        for (const k of ['inserted', 'updated', 'deleted', 'skipped', 'pages'] as const) totals[k] += counts[k];
        return { held: heldSweep, skips: applied.skips, notes: applied.notes };
      });
      for (const s of written.skips) log.warn({ calendarId: cal.id, eventId: s.id }, `skipped an event: ${s.reason}`);
      for (const n of written.notes)
        log.info({ calendarId: cal.id, eventId: n.id }, `stored an event with a repair: ${n.note}`);
      const held = written.held;
      if (held)
        log.warn(
          { calendarId: cal.id, ...held },
          'a full listing left out most of the cached events; nothing deleted until the next listing agrees',
        );
      pages++;
      events += page.items.length;
      deps.onProgress?.({
        runId: opts.runId,
        accountId: cal.accountId,
        calendarId: cal.id,
        kind: passKind,
        pages,
        events,
      });
      if (!page.nextPageToken) return;
      if (deps.clock.now() >= ctx.deadline) throw new BudgetExceededError(what, budgetMs, `after ${pages} pages`);
    }
  }
}

/**
 * The last page of a full listing: delete what it did not contain — unless
 * that looks like a broken listing (suspiciousSweep) and no earlier listing
 * agreed yet; then keep everything and list again in the next run.
 */
function sweepAfterListing(
  store: Store,
  cal: CalendarRecord,
  gen: number,
  listedAt: number,
  now: number,
): { deleted: number; held: { seen: number; unseen: number } | null } {
  const { seen, unseen } = store.events.seenByListing(cal.accountId, cal.id, gen);
  const wasHeld = (store.calendars.get(cal.accountId, cal.id)?.sweepHeldAt ?? null) !== null;
  if (sweepVerdict(seen, unseen, wasHeld) === 'hold') {
    store.calendars.setFullListing(cal.accountId, cal.id, { heldAt: now });
    return { deleted: 0, held: { seen, unseen } };
  }
  const deleted = unseen === 0 ? 0 : store.events.sweepUnseen(cal.accountId, cal.id, gen);
  store.calendars.setFullListing(cal.accountId, cal.id, { listedAt });
  return { deleted, held: null };
}
