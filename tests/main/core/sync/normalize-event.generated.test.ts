// The normaliser against generated, realistic Google event JSON (issue 8):
// hostile and huge text kept byte for byte, instants right in odd zones and
// next to DST changes whatever form the time was written in, all-day spans
// repaired or refused with a reason — and a page of such events writes to the
// cache exactly what was accepted, nothing of what was refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/core/store/store';
import { applyPage } from '../../../../src/main/core/sync/apply-page';
import { normalizeEvent } from '../../../../src/main/core/sync/normalize-event';
import { planPage } from '../../../../src/main/core/sync/page-plan';
import {
  arbGoogleEvent,
  offsetAt,
  TRANSITIONS,
  wallOf,
  ZONES,
  type GeneratedTime,
} from '../../../helpers/arb-google-event';

// What Postgres can store: well-formed UTF-16 (a lone surrogate cannot be UTF-8) without NUL; each bad unit becomes U+FFFD.
const wellFormed = (s: string | undefined): string | null =>
  s === undefined ? null : (s as unknown as { toWellFormed(): string }).toWellFormed().replaceAll('\u0000', '\uFFFD');

/** The instant the engine chose for a generated time is one that time denotes. */
function expectInstant(ms: number | null, t: GeneratedTime): void {
  expect(ms).not.toBeNull();
  if (t.form === 'offset' || t.form === 'utc') expect(ms).toBe(t.ms);
  // A wall time in a fall-back hour names two instants; either is right, and both read back as the same wall time.
  else expect(wallOf(ms!, t.zone)).toBe(t.json.dateTime);
}

describe('normalizeEvent on generated Google events', () => {
  it('never throws, keeps text exactly, places every instant right, and refuses only with a reason', () => {
    fc.assert(
      fc.property(arbGoogleEvent, (g) => {
        const n = normalizeEvent(g.raw, g.calendarZone);
        const raw = g.raw as {
          id: string;
          status: string;
          summary?: string;
          description?: string;
          location?: string;
          start: { date?: string };
          end: { date?: string };
        };
        if (raw.status === 'cancelled') return void expect(n).toMatchObject({ kind: 'delete', id: raw.id });
        if (n.kind === 'skip') {
          expect(n.reason.length).toBeGreaterThan(0);
          expect(n.reason.length).toBeLessThan(200); // a log line, not the event
          // Only an all-day start that is no date may be refused here: every timed form was placeable.
          expect(g.start).toBeUndefined();
          return;
        }
        expect(n.kind).toBe('upsert');
        if (n.kind !== 'upsert') return;
        // Exactly the text, made storable (a lone surrogate cannot be UTF-8, Postgres text cannot hold NUL).
        expect(n.row.title).toBe(wellFormed(raw.summary) ?? '');
        expect(n.row.description).toBe(wellFormed(raw.description));
        expect(n.row.location).toBe(wellFormed(raw.location));
        if (g.start && g.end) {
          expect(n.row.allDay).toBe(false);
          expectInstant(n.row.startMs, g.start);
          // An end written before the start is repaired; in a fall-back hour "before" depends on which instant the wall time names.
          const repaired = n.notes.some((x) => /zero-length/.test(x));
          if (!repaired) expectInstant(n.row.endMs, g.end);
          else if (g.start.form === 'offset' || g.start.form === 'utc') expect(g.end.ms).toBeLessThan(g.start.ms);
          expect(n.row.endMs!).toBeGreaterThanOrEqual(n.row.startMs!);
        } else {
          expect(n.row).toMatchObject({ allDay: true, startMs: null, endMs: null, startDate: raw.start.date });
          expect(n.row.endDate! > n.row.startDate!).toBe(true);
          if (raw.end.date! > raw.start.date!) expect(n.row.endDate).toBe(raw.end.date);
        }
      }),
      { numRuns: 1_500 },
    );
  });

  it('places a wall time that falls into a spring-forward gap next to the gap, in every zone that has one', () => {
    let gaps = 0;
    for (const zone of ZONES) {
      for (const at of TRANSITIONS.get(zone)!) {
        const before = offsetAt(at - 60_000, zone);
        const after = offsetAt(at, zone);
        if (after <= before) continue; // a fall-back: no gap
        const skipped = new Date(at + before + (after - before) / 2).toISOString().slice(0, 19); // wall clock in the old offset
        expect(wallOf(at - 1_000, zone) < skipped && skipped < wallOf(at, zone)).toBe(true);
        const n = normalizeEvent(
          { id: 'gap', start: { dateTime: skipped, timeZone: zone }, end: { dateTime: skipped, timeZone: zone } },
          null,
        );
        expect(n.kind, `${zone} ${skipped}`).toBe('upsert');
        if (n.kind === 'upsert')
          expect(Math.abs(n.row.startMs! - at), `${zone} ${skipped}`).toBeLessThanOrEqual(after - before);
        gaps++;
      }
    }
    expect(gaps).toBeGreaterThanOrEqual(6); // Berlin, New York, Lord Howe, Chatham, St John's, Santiago (and Casablanca's return)
  });

  it('a page of generated events writes exactly the accepted ones and nothing of the refused ones', () => {
    const store = Store.open(':memory:');
    store.accounts.upsert({ id: 'acc', email: 'ada@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    store.calendars.replaceForAccount('acc', [
      { id: 'cal', summary: 'Work', timeZone: 'Europe/Berlin', accessRole: 'owner', primary: true, color: null },
    ]);
    try {
      fc.assert(
        fc.property(fc.array(arbGoogleEvent, { maxLength: 12 }), (events) => {
          store.db.exec('DELETE FROM events');
          const plan = planPage(
            events.map((e) => e.raw),
            'Europe/Berlin',
          );
          store.transaction(() => applyPage(store, 'acc', 'cal', plan, null));
          // Later entries for an id win, as on the server; a refused entry changes nothing. The generator
          // gives every event one etag, while Google gives changed content a new one: a later entry with
          // the etag and `updated` of the version already written is that same version, and the repo
          // skips it without a write (its cheap re-sync), so the first of such twins stays.
          const expected = new Map<string, string | null>();
          const version = new Map<string, string>();
          for (const a of plan.actions) {
            if (a.kind !== 'upsert') {
              expected.set(a.id, null);
              version.delete(a.id);
              continue;
            }
            const v = `${a.row.etag}|${a.row.updated}`;
            if (a.row.etag !== null && version.get(a.row.id) === v) continue;
            expected.set(a.row.id, a.row.title);
            version.set(a.row.id, v);
          }
          const rows = store.db.prepare("SELECT id, title FROM events WHERE account_id = 'acc'").all() as Array<{
            id: string;
            title: string;
          }>;
          expect(new Map(rows.map((r) => [r.id, r.title]))).toEqual(
            new Map([...expected].filter((e): e is [string, string] => e[1] !== null)),
          );
          for (const s of plan.skips)
            if (s.id !== null && !expected.has(s.id)) expect(rows.some((r) => r.id === s.id)).toBe(false);
        }),
        { numRuns: 150 },
      );
    } finally {
      store.close();
    }
  });
});
