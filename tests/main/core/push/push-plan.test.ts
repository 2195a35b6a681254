// planPush (push/push-plan.ts) against what a push must do with the outbox it
// read, checked key by key rather than by re-deriving the batching: every
// queued key of a calendar not skipped goes out exactly once, with the
// revision read; nothing of a skipped calendar does; batches are one
// calendar's, full except the last of each calendar, in key order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPush, type QueuedKey } from '../../../../src/main/core/push/push-plan';

const queuedKey: fc.Arbitrary<QueuedKey> = fc.record({
  calendarId: fc.constantFrom('a@group.calendar.google.com', 'b', 'c', 'ü-cal'),
  eventId: fc.string({ minLength: 1, maxLength: 6 }),
  op: fc.constantFrom('upsert' as const, 'delete' as const),
  rev: fc.integer({ min: 1, max: 50 }),
});
/** One row per key, as the outbox holds it. */
const outbox = fc.uniqueArray(queuedKey, { selector: (k) => `${k.calendarId}\u0000${k.eventId}`, maxLength: 120 });

describe('planPush', () => {
  it('sends every queued key of the calendars not skipped exactly once, at the revision read, in batches of one calendar and at most batchSize', () => {
    fc.assert(
      fc.property(
        outbox,
        fc.integer({ min: 1, max: 9 }),
        fc.subarray(['a@group.calendar.google.com', 'b', 'c', 'ü-cal']),
        (rows, batchSize, skipped) => {
          const skip = new Set(skipped);
          const batches = planPush(rows, { skip }, { batchSize });
          const sent = batches.flatMap((b) => b.keys.map((k) => ({ ...k, batch: b.calendarId })));
          // Exactly the keys of calendars not skipped, each once, unchanged.
          const want = rows.filter((r) => !skip.has(r.calendarId));
          expect(sent).toHaveLength(want.length);
          for (const r of want)
            expect(sent.filter((k) => k.calendarId === r.calendarId && k.eventId === r.eventId)).toEqual([
              { ...r, batch: r.calendarId },
            ]);
          for (const b of batches) {
            expect(b.keys.length).toBeGreaterThan(0);
            expect(b.keys.length).toBeLessThanOrEqual(batchSize);
            expect(b.keys.every((k) => k.calendarId === b.calendarId)).toBe(true);
          }
          // One calendar after the other, keys ascending; only a calendar's last batch may be short.
          const order = sent.map((k) => [k.calendarId, k.eventId] as const);
          for (let i = 1; i < order.length; i++) {
            const [pc, pe] = order[i - 1]!;
            const [c, e] = order[i]!;
            expect(pc < c || (pc === c && pe < e)).toBe(true);
          }
          batches.forEach((b, i) => {
            if (batches[i + 1]?.calendarId === b.calendarId) expect(b.keys).toHaveLength(batchSize);
          });
          // As many batches as the calendars need, no more.
          const perCalendar = new Map<string, number>();
          for (const r of want) perCalendar.set(r.calendarId, (perCalendar.get(r.calendarId) ?? 0) + 1);
          expect(batches).toHaveLength([...perCalendar.values()].reduce((n, c) => n + Math.ceil(c / batchSize), 0));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an empty outbox, or every calendar skipped, plans nothing; the input is not reordered in place', () => {
    expect(planPush([], { skip: new Set() }, { batchSize: 10 })).toEqual([]);
    const rows: QueuedKey[] = [
      { calendarId: 'b', eventId: 'y', op: 'upsert', rev: 2 },
      { calendarId: 'a', eventId: 'x', op: 'delete', rev: 1 },
    ];
    expect(planPush(rows, { skip: new Set(['a', 'b']) }, { batchSize: 10 })).toEqual([]);
    expect(planPush(rows, { skip: new Set() }, { batchSize: 10 }).map((b) => b.calendarId)).toEqual(['a', 'b']);
    expect(rows[0]!.calendarId).toBe('b');
  });

  it('a key read twice (two rows of one key) goes out once, as first read; the same event id in two calendars is two keys', () => {
    fc.assert(
      fc.property(
        fc.array(queuedKey, { maxLength: 60 }).chain((rows) =>
          // Repeat some rows under a new revision, somewhere later in the read.
          fc.tuple(fc.constant(rows), fc.subarray(rows), fc.nat(5)),
        ),
        fc.integer({ min: 1, max: 8 }),
        ([rows, again, seed], batchSize) => {
          const read = [...rows, ...again.map((k, i) => ({ ...k, rev: k.rev + 100 + ((seed + i) % 3) }))];
          const sent = planPush(read, { skip: new Set() }, { batchSize }).flatMap((b) => b.keys);
          // Oracle: the first row read of each (calendar, event) key.
          const first = new Map<string, QueuedKey>();
          for (const k of read) {
            const key = `${k.calendarId}\u0000${k.eventId}`;
            if (!first.has(key)) first.set(key, k);
          }
          expect(sent).toHaveLength(first.size);
          expect(new Set(sent)).toEqual(new Set(first.values()));
        },
      ),
      { numRuns: 300 },
    );
    const both = planPush(
      [
        { calendarId: 'a', eventId: 'x', op: 'upsert', rev: 1 },
        { calendarId: 'b', eventId: 'x', op: 'upsert', rev: 1 },
      ],
      { skip: new Set() },
      { batchSize: 10 },
    );
    expect(both.map((b) => [b.calendarId, b.keys.map((k) => k.eventId)])).toEqual([
      ['a', ['x']],
      ['b', ['x']],
    ]);
  });
});
