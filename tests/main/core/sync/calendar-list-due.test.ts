import { describe, expect, it } from 'vitest';
import type { RunCalendar, SyncKind } from '../../../../src/shared/domain';
import { calendarListDue, listLooksStale } from '../../../../src/main/core/sync/calendar-list-due';

const H = 3_600_000;
const base = { listedAt: 10 * H, now: 11 * H, intervalMs: 6 * H, full: false, known: 3 };

describe('calendarListDue', () => {
  it.each([
    ['listed an hour ago, 6 h interval', base, false],
    ['exactly the interval later', { ...base, now: 16 * H }, true],
    ['never listed', { ...base, listedAt: null }, true],
    ['sync --full', { ...base, full: true }, true],
    ['no calendars known for the account', { ...base, known: 0 }, true],
    ['the clock went back', { ...base, now: 9 * H }, true],
    ['interval 0: every run', { ...base, intervalMs: 0 }, true],
  ] as const)('%s → %s', (_what, input, due) => {
    expect(calendarListDue(input)).toBe(due);
  });
});

describe('listLooksStale', () => {
  const cal = (calendarId: string, kind: SyncKind, status: RunCalendar['status'] = 'succeeded'): RunCalendar => ({
    accountId: 'a',
    calendarId,
    kind,
    status,
    error: null,
    inserted: 0,
    updated: 0,
    deleted: 0,
    skipped: 0,
    pages: 1,
  });
  const planned = new Map<string, SyncKind>([
    ['x', 'incremental'],
    ['y', 'full'],
  ]);
  it('is stale when a calendar planned incremental ended as a full sync (its token was gone: 410)', () => {
    expect(listLooksStale([cal('x', 'full'), cal('y', 'full')], planned)).toBe(true);
  });
  it('is stale when a calendar failed', () => {
    expect(listLooksStale([cal('x', 'incremental'), cal('y', 'full', 'failed')], planned)).toBe(true);
  });
  it('is not stale when every calendar synced as planned', () => {
    expect(listLooksStale([cal('x', 'incremental'), cal('y', 'full')], planned)).toBe(false);
  });
});
