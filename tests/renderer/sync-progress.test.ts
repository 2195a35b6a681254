import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/api';
import { foldProgress, type SyncProgress } from '../../src/renderer/pages/status/sync-progress';

const fold = (events: EngineEvent[]) => events.reduce<SyncProgress | null>(foldProgress, null);
const page = (calendarId: string, pages: number, runId = 1): EngineEvent => ({ type: 'sync-progress', runId, accountId: 'a', calendarId, kind: 'full', pages, events: pages * 25 });

describe('foldProgress', () => {
  it('tracks each calendar of the run, the current one last, and clears when the run ends', () => {
    const p = fold([{ type: 'run-started', runId: 1, trigger: 'manual' }, page('a', 1), page('b', 1), page('a', 2)]);
    expect(p?.calendars.map((c) => [c.calendarId, c.pages])).toEqual([['b', 1], ['a', 2]]);
    expect(foldProgress(p, { type: 'run-finished', runId: 1, status: 'succeeded' })).toBeNull();
  });

  it('ignores the end of another run and picks up a run it did not see start', () => {
    const p = fold([page('a', 3, 7)]);
    expect(p).toMatchObject({ runId: 7, calendars: [{ calendarId: 'a', pages: 3, events: 75 }] });
    expect(foldProgress(p, { type: 'run-finished', runId: 6, status: 'failed' })).toBe(p);
  });
});
