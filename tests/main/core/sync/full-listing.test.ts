// The periodic full listing: which calendars a run lists in full (due a week
// after the last listing plus a stable per-calendar offset, at most a few per
// run), and the guard on its sweep (an empty listing, or one that drops more
// than half of a big calendar, deletes nothing until a second listing agrees).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTuning } from '../../../../src/main/core/config/tuning';
import type { CalendarSource, EventsPage } from '../../../../src/main/core/google/calendar-source';
import { silentLogger } from '../../../../src/main/core/log/logger';
import { Store } from '../../../../src/main/core/store/store';
import { syncCalendar } from '../../../../src/main/core/sync/calendar-sync';
import {
  calendarKey,
  calendarOffsetMs,
  fullListingDueAt,
  GUARD_MIN_ROWS,
  pickFullListings,
  sweepVerdict,
  type ListedCalendar,
} from '../../../../src/main/core/sync/full-listing';

const DAY = 86_400_000;
const schedule = { intervalMs: 7 * DAY, spreadMs: DAY, perRun: 1 };

describe('sweepVerdict', () => {
  it('holds exactly an unagreed listing that saw nothing, or saw fewer rows than it missed of a calendar of 100+', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(400), fc.boolean(), (seen, unseen, held) => {
        const suspicious = unseen > 0 && (seen === 0 || (seen + unseen >= GUARD_MIN_ROWS && unseen > seen));
        expect(sweepVerdict(seen, unseen, held)).toBe(suspicious && !held ? 'hold' : 'sweep');
      }),
    );
  });
});

const calArb = fc.record({
  accountId: fc.constantFrom('a', 'b'),
  id: fc.string({ minLength: 1, maxLength: 6 }),
  enabled: fc.boolean(),
  hasSyncToken: fc.boolean(),
  fullListedAt: fc.option(fc.integer({ min: 0, max: 30 * DAY }), { nil: null }),
  sweepHeldAt: fc.option(fc.integer({ min: 0, max: 30 * DAY }), { nil: null }),
});

describe('pickFullListings', () => {
  it('picks at most perRun due calendars (enabled, with a token), none less overdue than one left out', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(calArb, { selector: (c) => calendarKey(c.accountId, c.id), maxLength: 12 }),
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.nat(3),
        (cals, now, perRun) => {
          const s = { ...schedule, perRun };
          const picked = pickFullListings(cals, now, s);
          const due = cals.filter((c) => c.enabled && c.hasSyncToken && fullListingDueAt(c, s) <= now);
          expect(picked.size).toBe(Math.min(perRun, due.length));
          for (const key of picked) expect(due.some((c) => calendarKey(c.accountId, c.id) === key)).toBe(true);
          const pickedDue = due
            .filter((c) => picked.has(calendarKey(c.accountId, c.id)))
            .map((c) => fullListingDueAt(c, s));
          const leftDue = due
            .filter((c) => !picked.has(calendarKey(c.accountId, c.id)))
            .map((c) => fullListingDueAt(c, s));
          if (pickedDue.length && leftDue.length)
            expect(Math.max(...pickedDue)).toBeLessThanOrEqual(Math.min(...leftDue));
        },
      ),
    );
  });

  it('is due a week plus a stable offset below the spread after the last listing, and at once after a held sweep', () => {
    fc.assert(
      fc.property(calArb, (c) => {
        const off = calendarOffsetMs(c.accountId, c.id, DAY);
        expect(off).toBe(calendarOffsetMs(c.accountId, c.id, DAY));
        expect(off >= 0 && off < DAY).toBe(true);
        const expected =
          c.sweepHeldAt !== null ? c.sweepHeldAt : c.fullListedAt === null ? 0 : c.fullListedAt + 7 * DAY + off;
        expect(fullListingDueAt(c, schedule)).toBe(expected);
      }),
    );
  });

  it('spreads calendars listed together: runs every 15 min for 3 weeks each list at most one, every calendar is listed every 7–8 days', () => {
    const cals: ListedCalendar[] = Array.from({ length: 20 }, (_, i) => ({
      accountId: 'a',
      id: `cal${i}@group.calendar.google.com`,
      enabled: true,
      hasSyncToken: true,
      fullListedAt: 0,
      sweepHeldAt: null,
    }));
    const listedAt = new Map<string, number[]>();
    for (let now = 0; now <= 21 * DAY; now += 15 * 60_000) {
      const picked = pickFullListings(cals, now, schedule);
      expect(picked.size).toBeLessThanOrEqual(1);
      for (const c of cals) {
        if (!picked.has(calendarKey(c.accountId, c.id))) continue;
        c.fullListedAt = now;
        listedAt.set(c.id, [...(listedAt.get(c.id) ?? []), now]);
      }
    }
    for (const c of cals) {
      const times = [0, ...(listedAt.get(c.id) ?? [])];
      expect(times.length, c.id).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < times.length; i++) {
        const gap = times[i]! - times[i - 1]!;
        expect(gap).toBeGreaterThanOrEqual(7 * DAY);
        expect(gap).toBeLessThan(8 * DAY + 6 * 3_600_000); // offset < 1 day, plus waiting behind the calendars due before it
      }
    }
  });
});

// --- the guarded sweep, through syncCalendar with a scripted Google ---

const gEvent = (id: string) => ({
  kind: 'calendar#event',
  id,
  status: 'confirmed',
  summary: id,
  updated: '2026-01-01T00:00:00.000Z',
  etag: `"${id}"`,
  start: { dateTime: '2026-05-01T09:00:00Z' },
  end: { dateTime: '2026-05-01T10:00:00Z' },
});

function setup(rows: number) {
  const store = Store.open(':memory:');
  store.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'Work', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
  ]);
  let now = 1_000_000;
  const deps = {
    store,
    log: silentLogger,
    tuning: parseTuning(undefined),
    clock: { now: () => now },
    sleep: async () => undefined,
    random: () => 0,
  };
  /** What the scripted Google lists next; `failAfterPage` throws on the page after that one. */
  let listing: { ids: string[]; pageSize: number; failAfterPage?: number } = {
    ids: Array.from({ length: rows }, (_, i) => `e${i}`),
    pageSize: 50,
  };
  let tokenNo = 0;
  const requests: Array<{ syncToken?: string; pageToken?: string }> = [];
  const source: CalendarSource = {
    listCalendars: async () => [],
    listEvents: async (_cal, q) => {
      requests.push({ syncToken: q.syncToken, pageToken: q.pageToken });
      if (q.syncToken) return { items: [], nextPageToken: null, nextSyncToken: `tok${++tokenNo}`, timeZone: 'UTC' };
      const page = Number(q.pageToken ?? 0);
      if (listing.failAfterPage !== undefined && page > listing.failAfterPage)
        throw Object.assign(new Error('backend error'), { status: 500 });
      const items = listing.ids.slice(page * listing.pageSize, (page + 1) * listing.pageSize).map(gEvent);
      const more = (page + 1) * listing.pageSize < listing.ids.length;
      return {
        items,
        nextPageToken: more ? String(page + 1) : null,
        nextSyncToken: more ? null : `tok${++tokenNo}`,
        timeZone: 'UTC',
      } satisfies EventsPage;
    },
  };
  const sync = async (fullListing: boolean) => {
    now += DAY;
    const runId = store.runs.create({ trigger: 'cli', kind: 'incremental', owner: 't' }, now);
    const cal = store.calendars.get('acc', 'cal')!;
    return syncCalendar(deps, source, cal, {
      runId,
      budget: { startedAt: now, full: false },
      forceFull: false,
      fullListing,
      stats: { apiCalls: 0, retries: 0 },
      stillOwner: () => true,
    });
  };
  const ids = () =>
    store.events
      .list({ calendarId: 'cal' })
      .map((e) => e.id)
      .sort();
  const setListing = (l: typeof listing) => (listing = l);
  return { store, sync, ids, setListing, requests };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `e${from + i}`);

describe('the sweep of a full listing', () => {
  it('an empty listing deletes nothing; when the next listing brings the events back, nothing was lost and the hold is cleared', async () => {
    const t = setup(5);
    await t.sync(true); // first full sync: 5 rows
    expect(t.ids()).toHaveLength(5);
    t.setListing({ ids: [], pageSize: 50 });
    expect(await t.sync(true)).toMatchObject({ status: 'succeeded', deleted: 0 });
    expect(t.ids()).toHaveLength(5);
    expect(t.store.calendars.get('acc', 'cal')!.sweepHeldAt).not.toBeNull();
    t.setListing({ ids: range(0, 5), pageSize: 50 });
    expect(await t.sync(false)).toMatchObject({ kind: 'incremental' }); // incremental keeps working meanwhile
    expect(await t.sync(true)).toMatchObject({ status: 'succeeded', deleted: 0 });
    expect(t.ids()).toEqual(range(0, 5).sort());
    expect(t.store.calendars.get('acc', 'cal')).toMatchObject({ sweepHeldAt: null });
  });

  it('an empty listing confirmed by a second empty listing deletes', async () => {
    const t = setup(5);
    await t.sync(true);
    t.setListing({ ids: [], pageSize: 50 });
    await t.sync(true);
    expect(t.ids()).toHaveLength(5);
    expect(await t.sync(true)).toMatchObject({ deleted: 5 });
    expect(t.ids()).toEqual([]);
    expect(t.store.calendars.get('acc', 'cal')).toMatchObject({ sweepHeldAt: null });
  });

  it('dropping more than half of a calendar of hundreds waits for a second listing; dropping less sweeps at once', async () => {
    const t = setup(300);
    await t.sync(true);
    t.setListing({ ids: range(0, 200), pageSize: 50 }); // a third gone: an ordinary sweep
    expect(await t.sync(true)).toMatchObject({ deleted: 100 });
    expect(t.ids()).toHaveLength(200);
    t.setListing({ ids: range(0, 90), pageSize: 50 }); // 110 of 200 gone: held
    expect(await t.sync(true)).toMatchObject({ status: 'succeeded', deleted: 0 });
    expect(t.ids()).toHaveLength(200);
    t.setListing({ ids: range(0, 80), pageSize: 50 }); // the second listing agrees: its own view is swept
    expect(await t.sync(true)).toMatchObject({ deleted: 120 });
    expect(t.ids()).toEqual(range(0, 80).sort());
  });

  it('a periodic full listing that fails part-way keeps the sync token and deletes nothing; the next incremental starts from that token', async () => {
    const t = setup(120);
    await t.sync(true);
    await t.sync(false);
    const token = t.store.calendars.get('acc', 'cal')!.syncToken;
    expect(token).not.toBeNull();
    t.setListing({ ids: range(0, 100), pageSize: 50, failAfterPage: 0 });
    expect(await t.sync(true)).toMatchObject({ status: 'failed', deleted: 0 });
    expect(t.store.calendars.get('acc', 'cal')!.syncToken).toBe(token);
    expect(t.ids()).toHaveLength(120);
    t.requests.length = 0;
    expect(await t.sync(false)).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect(t.requests).toEqual([{ syncToken: token, pageToken: undefined }]);
  });
});

describe('full-listing decisions at their edges', () => {
  it('the guard at its boundaries: nothing unseen never holds; 100 rows is "hundreds", 99 is not', () => {
    expect(sweepVerdict(0, 0, false)).toBe('sweep');
    expect(sweepVerdict(0, 1, false)).toBe('hold');
    expect(sweepVerdict(49, 51, false)).toBe('hold'); // 100 rows, more than half missing
    expect(sweepVerdict(50, 50, false)).toBe('sweep'); // exactly half is not more than half
    expect(sweepVerdict(48, 51, false)).toBe('sweep'); // 99 rows: an ordinary week of deletions
    expect(sweepVerdict(1, 5, false)).toBe('sweep');
    expect(sweepVerdict(0, 1, true)).toBe('sweep'); // a second listing agreed
  });

  // FNV-1a (32 bit) written out from its definition over the key's bytes
  // (ASCII here), checked against the published test vectors.
  const fnv1a = (s: string): number => {
    let h = 2166136261;
    for (const b of Buffer.from(s, 'latin1')) h = Number((BigInt(h ^ b) * 16777619n) & 0xffffffffn);
    return h >>> 0;
  };

  it('the per-calendar offset is FNV-1a of "account⏎calendar" modulo the spread, and 0 without a spread', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9@.]{1,12}$/),
        fc.stringMatching(/^[a-z0-9@.#_-]{1,30}$/),
        fc.integer({ min: 1, max: 30 * DAY }),
        (accountId, id, spread) => {
          expect(calendarOffsetMs(accountId, id, spread)).toBe(fnv1a(`${accountId}\n${id}`) % spread);
          expect(calendarOffsetMs(accountId, id, 0)).toBe(0);
          expect(calendarOffsetMs(accountId, id, -spread)).toBe(0);
        },
      ),
    );
  });

  it('picks exactly the most overdue, ties by key, including one due this very millisecond', () => {
    // The oracle picks by repeated minimum over (due time, key); the picked set must match it exactly.
    const tieArb = fc.record({
      accountId: fc.constantFrom('a', 'b'),
      id: fc.constantFrom('x', 'y', 'z', 'w', 'v'),
      enabled: fc.constant(true),
      hasSyncToken: fc.boolean(),
      fullListedAt: fc.option(fc.constantFrom(0, DAY), { nil: null }),
      sweepHeldAt: fc.option(fc.constantFrom(0, 3 * DAY, 5 * DAY), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(tieArb, { selector: (c) => calendarKey(c.accountId, c.id), maxLength: 10 }),
        fc.nat(4),
        fc.boolean(),
        (cals, perRun, atTheMs) => {
          const s = { intervalMs: 7 * DAY, spreadMs: 0, perRun };
          // Either exactly when one of them falls due, or a millisecond before.
          const dues = cals.map((c) => fullListingDueAt(c, s));
          const now = (dues.length ? dues[dues.length - 1]! : 0) - (atTheMs ? 0 : 1);
          let left = cals
            .filter((c) => c.hasSyncToken)
            .map((c) => ({ key: calendarKey(c.accountId, c.id), at: fullListingDueAt(c, s) }))
            .filter((c) => c.at <= now);
          const expected = new Set<string>();
          while (expected.size < perRun && left.length > 0) {
            let best = left[0]!;
            for (const c of left) if (c.at < best.at || (c.at === best.at && c.key < best.key)) best = c;
            expected.add(best.key);
            left = left.filter((c) => c !== best);
          }
          expect(pickFullListings(cals, now, s)).toEqual(expected);
        },
      ),
    );
  });
});
