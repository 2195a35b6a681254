// A full sync's page path (issue 16 item 4): the partial response the engine
// asks for (google/list-fields.ts) and the item-by-item write
// (apply-page.ts applyListedPage). Both must change nothing of what is
// stored: checked against the whole event and against planPage + applyPage,
// the plan-then-write path they replace for listings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectFields } from '../../../../src/main/core/demo/sample-google/fields';
import { EVENTS_LIST_FIELDS } from '../../../../src/main/core/google/list-fields';
import { Store } from '../../../../src/main/core/store/store';
import { applyListedPage, applyPage } from '../../../../src/main/core/sync/apply-page';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';
import { planPage } from '../../../../src/main/core/sync/page-plan';
import { arbGoogleEvent } from '../../../helpers/arb-google-event';

/** What Google sends beside what the cache keeps: a partial response leaves it out. */
const noise = fc.record({
  htmlLink: fc.constant('https://www.google.com/calendar/event?eid=x'),
  created: fc.constant('2026-01-01T00:00:00.000Z'),
  creator: fc.constant({ email: 'me@example.test', self: true }),
  organizer: fc.constant({ email: 'team@example.test', displayName: 'Team', self: false }),
  reminders: fc.constant({ useDefault: true }),
  sequence: fc.nat(5),
  hangoutLink: fc.option(fc.constant('https://meet.google.com/abc'), { nil: undefined }),
  shared: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { nil: undefined }),
  colorId: fc.option(fc.constantFrom('1', '7', '11'), { nil: undefined }),
  endTimeUnspecified: fc.option(fc.boolean(), { nil: undefined }),
  recurrence: fc.option(fc.constant(['RRULE:FREQ=WEEKLY']), { nil: undefined }),
  mirror: fc.option(fc.constant('rule-1'), { nil: undefined }),
});

/** A generated event with Google's other fields added (and, sometimes, fields the cache does keep). */
const arbFullEvent = fc.tuple(arbGoogleEvent, noise).map(([g, n]) => {
  const raw: Record<string, unknown> = { ...g.raw, htmlLink: n.htmlLink, created: n.created, creator: n.creator };
  Object.assign(raw, { organizer: n.organizer, reminders: n.reminders, sequence: n.sequence });
  if (n.hangoutLink) raw.hangoutLink = n.hangoutLink;
  if (n.colorId) raw.colorId = n.colorId;
  if (n.endTimeUnspecified !== undefined) raw.endTimeUnspecified = n.endTimeUnspecified;
  if (n.recurrence) raw.recurrence = n.recurrence;
  if (Array.isArray(raw.attendees))
    raw.attendees = (raw.attendees as Array<Record<string, unknown>>).map((a) => ({ ...a, displayName: 'Someone' }));
  const ext = raw.extendedProperties as { private?: Record<string, string> } | undefined;
  const priv = { ...(ext?.private ?? {}), ...(n.mirror ? { calsyncMirrorRule: n.mirror } : {}) };
  if (ext || n.shared || n.mirror)
    raw.extendedProperties = { ...(Object.keys(priv).length ? { private: priv } : {}), shared: n.shared ?? {} };
  return { raw, calendarZone: g.calendarZone };
});

describe('the partial response the engine asks for', () => {
  it('keeps every field the normaliser reads: the trimmed event gives the same row, delete or skip', () => {
    fc.assert(
      fc.property(arbFullEvent, ({ raw, calendarZone }) => {
        const page = { kind: 'calendar#events', etag: '"p"', summary: 'Work', items: [raw], nextPageToken: 't' };
        const trimmed = selectFields(page, EVENTS_LIST_FIELDS) as { items: unknown[]; nextPageToken?: string };
        expect(trimmed.nextPageToken).toBe('t');
        expect(Object.keys(trimmed).sort()).toEqual(['items', 'nextPageToken']);
        // The noise is gone (the point of asking), what is kept is untouched.
        const item = trimmed.items[0] as Record<string, unknown>;
        for (const k of ['htmlLink', 'creator', 'organizer', 'reminders', 'kind']) expect(item).not.toHaveProperty(k);
        expect(normalizeEvent(item, calendarZone)).toEqual(normalizeEvent(raw, calendarZone));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the envelope the engine reads: both tokens and the zone', () => {
    const page = { kind: 'calendar#events', timeZone: 'Europe/Berlin', nextSyncToken: 's', items: [], updated: 'x' };
    expect(selectFields(page, EVENTS_LIST_FIELDS)).toEqual({
      timeZone: 'Europe/Berlin',
      nextSyncToken: 's',
      items: [],
    });
  });
});

function storeWith(armed: boolean): Store {
  const store = Store.open(':memory:');
  store.accounts.upsert({ id: 'acc', email: 'ada@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
  store.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'Work', timeZone: 'Europe/Berlin', accessRole: 'owner', primary: true, color: null },
  ]);
  if (armed) store.outbox.arm('https://p.example#ws-1', 0);
  return store;
}

const dump = (s: Store) => ({
  events: s.db.prepare('SELECT * FROM events ORDER BY account_id, calendar_id, id').all(),
  outbox: s.db.prepare('SELECT * FROM outbox ORDER BY calendar_no, event_id').all(),
});

describe('applyListedPage', () => {
  for (const armed of [false, true])
    it(`writes, counts and reports exactly what applyPage(planPage(…)) does (workspace ${armed ? 'connected' : 'not connected'})`, () => {
      const planned = storeWith(armed);
      const listed = storeWith(armed);
      // Every row looked up first: what inserting first into an empty calendar must equal.
      const reference = storeWith(armed);
      try {
        fc.assert(
          fc.property(
            // Ids from a small set, so pages repeat, update and cancel each other's events.
            fc.array(
              fc.array(
                fc.tuple(arbGoogleEvent, fc.constantFrom('a', 'b', 'c', 'd')).map(([g, id]) => ({ ...g.raw, id })),
                { maxLength: 8 },
              ),
              { minLength: 1, maxLength: 3 },
            ),
            fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
            fc.boolean(),
            (pages, gen, fromEmpty) => {
              for (const s of [planned, listed, reference]) s.db.exec('DELETE FROM events; DELETE FROM outbox');
              // A full pass into an empty calendar inserts first (and upserts an id already written).
              for (const items of pages) {
                const plan = planPage(items, 'Europe/Berlin');
                const a = planned.transaction(() => applyPage(planned, 'acc', 'cal', plan, gen, fromEmpty));
                const b = listed.transaction(() =>
                  applyListedPage(listed, 'acc', 'cal', items, 'Europe/Berlin', gen, fromEmpty),
                );
                const r = reference.transaction(() => applyPage(reference, 'acc', 'cal', plan, gen, false));
                expect(a).toEqual(r);
                expect(b.counts).toEqual(a);
                expect(b.skips).toEqual(plan.skips);
                expect(b.notes).toEqual(plan.notes);
              }
              expect(dump(listed)).toEqual(dump(planned));
              expect(dump(planned)).toEqual(dump(reference));
              if (armed) expect(dump(listed).outbox.length).toBeGreaterThanOrEqual(dump(listed).events.length);
              else expect(dump(listed).outbox).toEqual([]);
            },
          ),
          { numRuns: 150 },
        );
      } finally {
        planned.close();
        listed.close();
        reference.close();
      }
    });
});
