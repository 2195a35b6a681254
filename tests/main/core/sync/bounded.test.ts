// mapBounded: never more than the bound in flight, every item once, results in
// input order; after a failure nothing new starts and nothing still runs when
// it rejects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../../../src/main/core/sync/bounded';

// Work items finish in an order fast-check's scheduler picks.
describe('mapBounded', () => {
  it('keeps at most `limit` in flight, uses the bound when it can, and returns results in input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer(), { maxLength: 20 }),
        async (s, limit, items) => {
          let inFlight = 0;
          let peak = 0;
          const started: number[] = [];
          const run = mapBounded(items, limit, async (v, i) => {
            started.push(i);
            inFlight++;
            peak = Math.max(peak, inFlight);
            await s.schedule(Promise.resolve(), `item ${i}`);
            inFlight--;
            return v * 2;
          });
          expect(await s.waitFor(run)).toEqual(items.map((v) => v * 2));
          expect(started.sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
          expect(peak).toBe(Math.min(limit, items.length));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('after a failure starts nothing new, waits for what runs, then rejects with the first error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        async (s, limit, n, failAt) => {
          const bad = failAt % n;
          let inFlight = 0;
          const started: number[] = [];
          let failedAt = -1;
          const startedAfterFailure: number[] = [];
          const run = mapBounded(
            Array.from({ length: n }, (_, i) => i),
            limit,
            async (i) => {
              if (failedAt >= 0) startedAfterFailure.push(i);
              started.push(i);
              inFlight++;
              await s.schedule(Promise.resolve(), `item ${i}`);
              inFlight--;
              if (i === bad) {
                failedAt = i;
                throw new Error(`item ${i} failed`);
              }
              return i;
            },
          );
          const outcome = run.then(
            () => ({ ok: true as const, inFlight }),
            (e: Error) => ({ ok: false as const, message: e.message, inFlight }),
          );
          const o = await s.waitFor(outcome);
          expect(o).toEqual({ ok: false, message: `item ${bad} failed`, inFlight: 0 });
          expect(startedAfterFailure).toEqual([]);
          expect(started).toContain(bad);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a bound below one', async () => {
    await expect(mapBounded([1], 0, async (v) => v)).rejects.toThrow(RangeError);
  });
});
