// The opening page's data asked for while the window starts (api/early-calls.ts):
// which calls, that the week is the zone's Monday-to-Monday holding now, and
// that an early answer goes once to an identical call, while fresh, and never
// after an engine event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/api';
import type { ApiClient } from '../../src/renderer/api/api-client';
import { firstCalls, withEarlyCalls, weekEventsInput } from '../../src/renderer/api/early-calls';

const ZONES = ['Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Kiritimati', 'UTC'];

function wallIn(ms: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('weekday')} ${get('hour')}:${get('minute')}`;
}

describe('firstCalls: what the opening page asks for first', () => {
  it('the Plan with a known zone asks for the week holding now, Monday 00:00 to Monday 00:00 in that zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom(...ZONES),
        (now, zone) => {
          const calls = firstCalls('#/plan', now, zone);
          const week = calls.find((c) => c.op === 'listEvents');
          expect(week).toBeDefined();
          const { from, to, limit } = week!.input as { from: string; to: string; limit: number };
          const [f, t] = [Date.parse(from), Date.parse(to)];
          expect(f).toBeLessThanOrEqual(now);
          expect(now).toBeLessThan(t);
          expect(wallIn(f, zone)).toBe('Mon 00:00');
          expect(wallIn(t, zone)).toBe('Mon 00:00');
          // Six to eight days: a week, one DST change at most either way.
          expect(t - f).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
          expect(t - f).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
          expect(limit).toBe(20_000);
          // The same input, key for key, as the page's own builder gives.
          expect(JSON.stringify(week!.input)).toBe(JSON.stringify(weekEventsInput(f, t)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('without a known zone the week waits for the settings; the rest is asked for at once', () => {
    expect(firstCalls('#/plan', Date.now(), null)).toEqual([
      { op: 'getSettings', input: {} },
      { op: 'listProposals', input: { status: 'all' } },
      { op: 'listTasks', input: { status: 'all' } },
    ]);
  });

  it('Activity asks for the log’s first page (as use-run-log sends it) and the calendars; other pages the settings only', () => {
    expect(firstCalls('#/activity', 0, 'UTC')).toEqual([
      { op: 'getSettings', input: {} },
      { op: 'listRuns', input: { limit: 500 } },
      { op: 'listCalendars', input: {} },
    ]);
    for (const hash of ['#/tasks', '#/settings', '#/insights'])
      expect(firstCalls(hash, 0, 'UTC')).toEqual([{ op: 'getSettings', input: {} }]);
  });

  it('the Status page, also shown for an empty or unknown fragment, asks for the status twice (badge and page)', () => {
    // '#/plan/x' too: the window shows Status for it (page-of-hash.ts, which both read), so that is what is asked.
    for (const hash of ['', '#', '#/', '#/status', '#/nowhere', '#/plan/x'])
      expect(firstCalls(hash, 0, 'UTC')).toEqual([
        { op: 'getSettings', input: {} },
        { op: 'status', input: {} },
        { op: 'status', input: {} },
      ]);
  });
});

function fakeClient() {
  const sent: Array<{ op: string; input: unknown; n: number }> = [];
  const listeners = new Set<(e: EngineEvent) => void>();
  let n = 0;
  const client: ApiClient = {
    call: (op, input) => {
      sent.push({ op, input, n: ++n });
      return Promise.resolve({ ok: true, value: { op, n } as never });
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onConnection: () => () => undefined,
    missingToken: false,
  };
  return { client, sent, listeners, emit: (e: EngineEvent) => [...listeners].forEach((l) => l(e)) };
}

describe('withEarlyCalls', () => {
  const calls = [
    { op: 'getSettings', input: {} },
    { op: 'listRuns', input: { limit: 500 } },
  ] as const;

  it('starts the calls at once and hands each answer to the first identical call, once', async () => {
    const f = fakeClient();
    const c = withEarlyCalls(f.client, [...calls], { now: () => 0 });
    expect(f.sent.map((s) => s.op)).toEqual(['getSettings', 'listRuns']);
    expect(await c.call('listRuns', { limit: 500 })).toEqual({ ok: true, value: { op: 'listRuns', n: 2 } });
    expect(f.sent).toHaveLength(2);
    // A second identical call is a new one, and so is a call with another input.
    expect(await c.call('listRuns', { limit: 500 })).toEqual({ ok: true, value: { op: 'listRuns', n: 3 } });
    expect(await c.call('listRuns', { limit: 500, status: 'failed' })).toEqual({
      ok: true,
      value: { op: 'listRuns', n: 4 },
    });
    expect(await c.call('getSettings', {})).toEqual({ ok: true, value: { op: 'getSettings', n: 1 } });
    // All taken: it no longer listens to the engine.
    expect(f.listeners.size).toBe(0);
  });

  it('a call started twice early answers the first two identical calls, one answer each, then asks anew', async () => {
    const f = fakeClient();
    const twice = [
      { op: 'status', input: {} },
      { op: 'status', input: {} },
    ] as const;
    const c = withEarlyCalls(f.client, [...twice], { now: () => 0 });
    expect(f.sent.map((s) => s.n)).toEqual([1, 2]);
    expect(await c.call('status', {})).toEqual({ ok: true, value: { op: 'status', n: 1 } });
    expect(f.listeners.size).toBe(1);
    expect(await c.call('status', {})).toEqual({ ok: true, value: { op: 'status', n: 2 } });
    expect(f.listeners.size).toBe(0);
    expect(await c.call('status', {})).toEqual({ ok: true, value: { op: 'status', n: 3 } });
  });

  it('an answer older than the limit is not used', async () => {
    const f = fakeClient();
    let t = 0;
    const c = withEarlyCalls(f.client, [...calls], { maxAgeMs: 1000, now: () => t });
    t = 1001;
    expect(await c.call('listRuns', { limit: 500 })).toEqual({ ok: true, value: { op: 'listRuns', n: 3 } });
    expect(await c.call('getSettings', {})).toEqual({ ok: true, value: { op: 'getSettings', n: 4 } });
    expect(f.listeners.size).toBe(0);
  });

  it('an engine event drops every early answer; sync progress does not', async () => {
    const f = fakeClient();
    const c = withEarlyCalls(f.client, [...calls], { now: () => 0 });
    f.emit({ type: 'sync-progress', runId: 1, accountId: 'a', calendarId: 'c', kind: 'full', pages: 1, events: 1 });
    expect(await c.call('getSettings', {})).toEqual({ ok: true, value: { op: 'getSettings', n: 1 } });
    f.emit({ type: 'run-finished', runId: 1, status: 'succeeded' });
    expect(await c.call('listRuns', { limit: 500 })).toEqual({ ok: true, value: { op: 'listRuns', n: 3 } });
    expect(f.listeners.size).toBe(0);
  });

  it('with nothing to ask for early, it is the client itself in effect', async () => {
    const f = fakeClient();
    const c = withEarlyCalls(f.client, [], { now: () => 0 });
    expect(f.sent).toHaveLength(0);
    expect(f.listeners.size).toBe(0);
    expect(await c.call('getSettings', {})).toEqual({ ok: true, value: { op: 'getSettings', n: 1 } });
  });
});
