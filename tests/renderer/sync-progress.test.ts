import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/api';
import {
  foldProgress,
  progressView,
  type KnownCalendar,
  type SyncProgress,
} from '../../src/renderer/pages/status/sync-progress';

const fold = (events: EngineEvent[]) => events.reduce<SyncProgress | null>(foldProgress, null);
const page = (calendarId: string, pages: number, runId = 1, accountId = 'acc'): EngineEvent => ({
  type: 'sync-progress',
  runId,
  accountId,
  calendarId,
  kind: 'full',
  pages,
  events: pages * 25,
});
const cal = (id: string, enabled = true, accountId = 'acc'): KnownCalendar => ({
  accountId,
  id,
  summary: `Calendar ${id}`,
  enabled,
});

describe('foldProgress', () => {
  it('tracks each calendar of the run, the current one last, and clears when the run ends', () => {
    const p = fold([{ type: 'run-started', runId: 1, trigger: 'manual' }, page('a', 1), page('b', 1), page('a', 2)]);
    expect(p?.calendars.map((c) => [c.calendarId, c.pages])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    expect(foldProgress(p, { type: 'run-finished', runId: 1, status: 'succeeded' })).toBeNull();
  });

  it('ignores the end of another run and picks up a run it did not see start', () => {
    const p = fold([page('a', 3, 7)]);
    expect(p).toMatchObject({ runId: 7, calendars: [{ accountId: 'acc', calendarId: 'a', pages: 3, events: 75 }] });
    expect(foldProgress(p, { type: 'run-finished', runId: 6, status: 'failed' })).toBe(p);
  });
});

describe('progressView', () => {
  const started: EngineEvent = { type: 'run-started', runId: 1, trigger: 'manual' };

  it('says it is listing calendars, never "calendar 1 of 0", while a first sync knows no calendars', () => {
    expect(progressView(fold([started]), [])).toMatchObject({ text: 'Listing calendars…', countUnknown: false });
    const first = progressView(fold([started, page('a', 1)]), []);
    expect(first.text).toBe('Listing calendars…');
    expect(first.text).not.toMatch(/of 0/);
    // The status should be fetched again: the run has listed calendars the window has not seen.
    expect(first.countUnknown).toBe(true);
    expect(first.value).toBeLessThanOrEqual(first.max);
  });

  it('counts calendars once the syncing one is known, and never past the number enabled', () => {
    const calendars = [cal('a'), cal('b'), cal('off', false)];
    const p = fold([started, page('a', 2), page('b', 1)]);
    expect(progressView(p, calendars)).toEqual({
      value: 1.5,
      max: 2,
      text: 'Syncing Calendar b: 1 page, 25 events (calendar 2 of 2)',
      countUnknown: false,
    });
    expect(progressView(fold([started, page('a', 1)]), calendars).text).toBe(
      'Syncing Calendar a: 1 page, 25 events (calendar 1 of 2)',
    );
    // A calendar missing from a stale status (listed since) is unknown, not counted as "3 of 2".
    const stale = progressView(fold([started, page('a', 1), page('b', 1), page('c', 1)]), calendars);
    expect(stale).toMatchObject({ text: 'Listing calendars…', countUnknown: true });
  });

  it('tells apart the same calendar id in two accounts', () => {
    const p = fold([started, page('shared', 1, 1, 'x'), page('shared', 4, 1, 'y')]);
    expect(p?.calendars).toHaveLength(2);
    expect(progressView(p, [cal('shared', true, 'x')]).countUnknown).toBe(true);
    expect(progressView(p, [cal('shared', true, 'x'), cal('shared', true, 'y')]).text).toBe(
      'Syncing Calendar shared: 4 pages, 100 events (calendar 2 of 2)',
    );
  });
});
