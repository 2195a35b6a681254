// Worked examples of the Insights report: the planner's busy rules (the own
// copy of a meeting decides), the Berlin spring-forward week, all-day events,
// sync health and tasks at risk.
import { describe, expect, it } from 'vitest';
import { computeInsights, type InsightsData } from '../../../../src/main/core/insights/insights';
import { median, syncHealth } from '../../../../src/main/core/insights/sync-health';
import type { CachedEvent, SyncRun, Task } from '../../../../src/shared/domain';

const NINE_TO_FIVE = {
  mon: [['09:00', '17:00']],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
} as InsightsData['settings']['workingHours'];

function ev(id: string, over: Partial<CachedEvent>): CachedEvent {
  return {
    account: 'me@example.test',
    accountId: 'acc',
    calendarId: 'mine',
    id,
    iCalUID: null,
    status: 'confirmed',
    title: id,
    description: null,
    location: null,
    allDay: false,
    start: null,
    end: null,
    startDate: null,
    endDate: null,
    timeZone: null,
    endTimeUnspecified: false,
    recurringEventId: null,
    originalStartTime: null,
    transparency: 'opaque',
    eventType: 'default',
    selfResponse: null,
    updated: null,
    etag: null,
    calsync: null,
    ...over,
  };
}

function data(over: Partial<InsightsData>): InsightsData {
  return {
    // Wednesday 2026-04-01, the week after Berlin moved to summer time on Sunday 29 March.
    now: Date.parse('2026-04-01T10:00:00Z'),
    settings: { timeZone: 'Europe/Berlin', workingHours: NINE_TO_FIVE, allDayEventsBlock: true },
    weeksBack: 2,
    weeksAhead: 0,
    events: [],
    calendars: [
      { accountId: 'acc', id: 'mine', blocksTime: true, own: true },
      { accountId: 'acc', id: 'bob', blocksTime: true, own: false },
    ],
    runs: [],
    openTasks: [],
    lastPlan: null,
    ...over,
  };
}

describe('computeInsights', () => {
  it('Mondays 09:00–17:00 Berlin: the same 8 h either side of the clock change, at their own UTC hours', () => {
    const r = computeInsights(
      data({
        events: [
          // 09:00–10:00 Berlin before the change (UTC+1) and after it (UTC+2).
          ev('m1', { start: '2026-03-23T08:00:00Z', end: '2026-03-23T09:00:00Z' }),
          ev('m2', { start: '2026-03-30T07:00:00Z', end: '2026-03-30T08:00:00Z' }),
          // A calsync block 10:00–11:30 and a focus-time event 12:00–13:00 on the 30th.
          ev('b', {
            start: '2026-03-30T08:00:00Z',
            end: '2026-03-30T09:30:00Z',
            calsync: { taskId: 't', proposalId: 'p' },
          }),
          ev('f', { start: '2026-03-30T10:00:00Z', end: '2026-03-30T11:00:00Z', eventType: 'focusTime' }),
        ],
      }),
    );
    expect(r.weeks.map((w) => w.weekStart)).toEqual(['2026-03-23', '2026-03-30']);
    expect(r.weeks.map((w) => w.offset)).toEqual([-1, 0]);
    expect(r.weeks[0]).toMatchObject({ workingMinutes: 480, meetingMinutes: 60, focusMinutes: 420, freeMinutes: 0 });
    // 30th: meeting 9–10, block 10–11:30, free 11:30–12 (short), focus event 12–13, free 13–17 (4 h: focus).
    expect(r.weeks[1]).toMatchObject({
      workingMinutes: 480,
      meetingMinutes: 60,
      plannedMinutes: 90,
      focusMinutes: 60 + 240,
      freeMinutes: 30,
    });
    expect(r.busiestDays.map((d) => d.date)).toEqual(['2026-03-23', '2026-03-30']);
  });

  it("follows the busy rules: the own copy's decline frees a meeting that sits on a colleague's calendar too", () => {
    const slot = { start: '2026-03-30T07:00:00Z', end: '2026-03-30T09:00:00Z', iCalUID: 'uid-1' };
    const mine = ev('x', { ...slot, selfResponse: 'declined' });
    const bobs = ev('x', { ...slot, calendarId: 'bob', selfResponse: 'accepted' });
    expect(computeInsights(data({ events: [mine, bobs] })).weeks[1]!.meetingMinutes).toBe(0);
    expect(
      computeInsights(data({ events: [{ ...mine, selfResponse: 'accepted' }, bobs] })).weeks[1]!.meetingMinutes,
    ).toBe(120);
    // Transparent, cancelled and birthday all-day events are not meetings; an opaque all-day event is the whole day.
    const allDay = { allDay: true, startDate: '2026-03-30', endDate: '2026-03-31' };
    expect(
      computeInsights(
        data({
          events: [
            ev('t', { ...slot, transparency: 'transparent' }),
            ev('c', { ...slot, status: 'cancelled' }),
            ev('bd', { ...allDay, eventType: 'birthday' }),
          ],
        }),
      ).weeks[1]!.meetingMinutes,
    ).toBe(0);
    expect(computeInsights(data({ events: [ev('ad', allDay)] })).weeks[1]!.meetingMinutes).toBe(480);
    const off = data({ events: [ev('ad', allDay)] });
    expect(
      computeInsights({ ...off, settings: { ...off.settings, allDayEventsBlock: false } }).weeks[1]!.meetingMinutes,
    ).toBe(0);
  });

  it('lists open tasks the last plan could not place or placed tightly, and past-due ones, soonest due first', () => {
    const task = (id: string, due: string | null): Task => ({
      id,
      title: `Task ${id}`,
      notes: null,
      durationMinutes: 60,
      priority: 2,
      due,
      earliest: null,
      minChunkMinutes: 15,
      maxChunkMinutes: 60,
      status: 'open',
      source: 'local',
      externalId: null,
    });
    const r = computeInsights(
      data({
        openTasks: [
          task('a', '2026-04-03T15:00:00Z'),
          task('b', null),
          task('c', '2026-03-31T09:00:00Z'),
          task('d', null),
        ],
        lastPlan: {
          unscheduled: [
            { taskId: 'a', reason: 'not-enough-time-before-due', detail: 'needs 1h' },
            { taskId: 'gone', reason: 'crowded-out', detail: 'a finished task is not listed' },
          ],
          atRisk: [{ taskId: 'b', detail: 'tight' }],
        },
      }),
    );
    expect(r.tasksAtRisk.map((t) => [t.taskId, t.reason])).toEqual([
      ['c', 'due-passed'],
      ['a', 'not-enough-time-before-due'],
      ['b', 'at-risk'],
    ]);
  });
});

describe('syncHealth', () => {
  const run = (
    id: number,
    status: SyncRun['status'],
    seconds: number | null,
    error: string | null = null,
  ): SyncRun => ({
    id,
    trigger: 'cron',
    kind: 'incremental',
    status,
    startedAt: new Date(Date.UTC(2026, 3, 1, 0, id)).toISOString(),
    endedAt: seconds === null ? null : new Date(Date.UTC(2026, 3, 1, 0, id) + seconds * 1000).toISOString(),
    error,
    apiCalls: 1,
    retries: 0,
    pages: 1,
    calendars: [],
  });

  it('counts finished runs only; skipped and running ones have no outcome', () => {
    const h = syncHealth([
      run(6, 'running', null),
      run(5, 'skipped', 0),
      run(4, 'succeeded', 2),
      run(3, 'failed', 30, 'network down'),
      run(2, 'succeeded', 4),
      run(1, 'interrupted', 10),
    ]);
    expect(h).toEqual({
      runs: 4,
      succeeded: 2,
      failed: 2,
      successRate: 0.5,
      medianDurationMs: 7000,
      lastFailureAt: new Date(Date.UTC(2026, 3, 1, 0, 3) + 30_000).toISOString(),
      lastError: 'network down',
    });
    expect(syncHealth([])).toMatchObject({ runs: 0, successRate: null, medianDurationMs: null });
    expect(median([1, 2, 9])).toBe(2);
  });
});
