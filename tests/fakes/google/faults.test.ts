// Deterministic fault injection, observed through googleapis with its own retries off.
import { google, type calendar_v3 } from 'googleapis';
import type { OAuth2Client } from 'google-auth-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { startFakeGoogle, type FakeGoogle, type FaultRule } from './index';
import { login } from './test-client';

const EMAIL = 'ada@example.test';
let fake: FakeGoogle;
let auth: OAuth2Client;
let api: calendar_v3.Calendar;

beforeEach(async () => {
  fake = await startFakeGoogle({ seed: 9 });
  fake.addUser({ email: EMAIL });
  auth = (await login(fake, { email: EMAIL })).client;
  api = google.calendar({ version: 'v3', auth, rootUrl: fake.baseUrl, retry: false, retryConfig: { retry: 0 } });
  fake.insertEvent(EMAIL, { summary: 'x', start: { date: '2026-08-01' }, end: { date: '2026-08-02' } });
});
afterEach(() => fake.close());

interface Outcome {
  status: number;
  data?: unknown;
  headers?: Record<string, string>;
  code?: string;
}

async function outcome(p: Promise<{ status: number; data: unknown }>): Promise<Outcome> {
  try {
    const r = await p;
    return { status: r.status, data: r.data };
  } catch (e) {
    const err = e as {
      response?: { status: number; data: unknown; headers: Headers | Record<string, string> };
      code?: string;
    };
    if (!err.response) return { status: 0, code: err.code };
    const h = err.response.headers;
    // gaxios hands back a Headers object whose class is not this realm's.
    const headers =
      typeof (h as Headers).entries === 'function'
        ? Object.fromEntries((h as Headers).entries())
        : (h as Record<string, string>);
    return { status: err.response.status, data: err.response.data, headers };
  }
}

const list = () => outcome(api.events.list({ calendarId: EMAIL }));
const withStatus = (name: string, status: string) => ({ error: { ...fixture<{ error: object }>(name).error, status } });

describe("status rules send Google's envelopes", () => {
  it.each([
    [
      403,
      'rateLimitExceeded',
      withStatus('northworld__google_calendar__test_mocks_403_rate_limit.json', 'PERMISSION_DENIED'),
    ],
    [
      403,
      'userRateLimitExceeded',
      withStatus('northworld__google_calendar__test_mocks_403_user_rate_limit.json', 'PERMISSION_DENIED'),
    ],
    [
      403,
      'quotaExceeded',
      withStatus('northworld__google_calendar__test_mocks_403_calendar_rate_limit.json', 'PERMISSION_DENIED'),
    ],
    [
      403,
      'insufficientPermissions',
      fixture('allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_forbidden.json'),
    ],
    [
      429,
      undefined,
      fixture(
        'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_concurrency_exceeded.json',
      ),
    ],
    [
      401,
      undefined,
      fixture('allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_unauthorized.json'),
    ],
    [
      410,
      'fullSyncRequired',
      fixture(
        'allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_error_sync_token_gone.json',
      ),
    ],
  ])('%i %s', async (status, reason, want) => {
    fake.faults.inject({ action: { status, reason } });
    const o = await list();
    expect(o.status).toBe(status);
    expect(o.data).toEqual(want);
  });

  it('500 and 503 are backendError; Retry-After is sent when asked', async () => {
    fake.faults.inject({ action: { status: 500 } });
    fake.faults.inject({ action: { status: 503, retryAfter: 7 } });
    const a = await list();
    expect(a.data).toMatchObject({ error: { code: 500, errors: [{ reason: 'backendError' }] } });
    const b = await list();
    expect(b.status).toBe(503);
    expect(b.data).toMatchObject({ error: { code: 503, errors: [{ reason: 'backendError' }], status: 'UNAVAILABLE' } });
    expect(b.headers?.['retry-after']).toBe('7');
    expect((await list()).status).toBe(200);
  });

  it('a custom body is sent as given', async () => {
    fake.faults.inject({ action: { status: 418, body: { hello: 'teapot' } } });
    expect(await list()).toMatchObject({ status: 418, data: { hello: 'teapot' } });
  });

  it('sync-token-gone answers 410 fullSyncRequired', async () => {
    fake.faults.inject({ action: { kind: 'sync-token-gone' } });
    const o = await list();
    expect(o.status).toBe(410);
    expect(o.data).toMatchObject({ error: { errors: [{ reason: 'fullSyncRequired' }] } });
  });
});

describe('matching and counting', () => {
  it('after lets N matching requests through; times bounds the firing; Infinity keeps firing', async () => {
    fake.faults.inject({ match: { method: 'GET', path: /\/events$/ }, after: 2, times: 2, action: { status: 500 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await list()).status);
    expect(statuses).toEqual([200, 200, 500, 500, 200]);
    fake.faults.inject({ match: { path: 'users/me/calendarList' }, times: Infinity, action: { status: 503 } });
    for (let i = 0; i < 3; i++) expect((await outcome(api.calendarList.list())).status).toBe(503);
    expect((await list()).status).toBe(200);
    fake.faults.clear();
    expect((await outcome(api.calendarList.list())).status).toBe(200);
  });

  it('paths match decoded, so calendar ids can be named as they are', async () => {
    const id = fake.addCalendar(EMAIL, { id: 'team#1@group.calendar.google.com', summary: 'Team' });
    fake.faults.inject({ match: { path: `/calendars/${id}/events` }, action: { status: 500 } });
    expect((await list()).status).toBe(200);
    expect((await outcome(api.events.list({ calendarId: id }))).status).toBe(500);
    expect(fake.requests.map((r) => [r.method, r.path, r.status]).slice(-2)).toEqual([
      ['GET', `/calendar/v3/calendars/${EMAIL}/events`, 200],
      ['GET', `/calendar/v3/calendars/${id}/events`, 500],
    ]);
  });

  it('the request log keeps the query', async () => {
    await api.events.list({
      calendarId: EMAIL,
      maxResults: 7,
      singleEvents: true,
      eventTypes: ['default', 'focusTime'],
    });
    expect(fake.requests.at(-1)?.query).toEqual({
      maxResults: '7',
      singleEvents: 'true',
      eventTypes: ['default', 'focusTime'],
    });
  });
});

describe('transport faults', () => {
  it('reset drops the connection', async () => {
    fake.faults.inject({ action: { kind: 'reset' } });
    const o = await list();
    expect(o.status).toBe(0);
    expect(o.code).toMatch(/ECONNRESET|socket hang up|UND_ERR_SOCKET/i);
    expect((await list()).status).toBe(200);
  });

  it('hang never answers: the client times out, and close() still returns', async () => {
    fake.faults.inject({ action: { kind: 'hang' } });
    const started = Date.now();
    const o = await outcome(api.events.list({ calendarId: EMAIL }, { timeout: 300 }));
    expect(o.status).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('delay answers late but whole', async () => {
    fake.faults.inject({ action: { kind: 'delay', ms: 250 } });
    const started = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('malformed-json sends a truncated JSON body with status 200', async () => {
    fake.faults.inject({ action: { kind: 'malformed-json' } });
    const res = await fetch(`${fake.baseUrl}calendar/v3/calendars/${encodeURIComponent(EMAIL)}/events`, {
      headers: { Authorization: `Bearer ${auth.credentials.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text.startsWith('{"kind":"calendar#events"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('random faults', () => {
  async function run(
    seed: number,
    probability: number,
    kinds: Parameters<FakeGoogle['faults']['random']>[0]['kinds'],
  ): Promise<number[]> {
    fake.faults.clear();
    fake.faults.random({ seed, probability, kinds });
    const out: number[] = [];
    for (let i = 0; i < 30; i++) out.push((await list()).status);
    return out;
  }

  it('are deterministic for a seed and stick to the kinds asked for', async () => {
    const a = await run(42, 0.4, ['rateLimitExceeded', 'tooManyRequests', 'backendError', 'unavailable']);
    const b = await run(42, 0.4, ['rateLimitExceeded', 'tooManyRequests', 'backendError', 'unavailable']);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 403, 429, 500, 503]));
    expect(await run(42, 0, ['backendError'])).toEqual(Array(30).fill(200));
    expect(await run(1, 1, ['userRateLimitExceeded'])).toEqual(Array(30).fill(403));
  });

  it('leave the OAuth endpoints alone by default, and sync-token-gone only hits incremental listings', async () => {
    fake.faults.random({ seed: 3, probability: 1, kinds: ['sync-token-gone'] });
    const full = await api.events.list({ calendarId: EMAIL });
    expect(full.status).toBe(200);
    expect(
      (await outcome(api.events.list({ calendarId: EMAIL, syncToken: full.data.nextSyncToken as string }))).status,
    ).toBe(410);
    await auth.refreshAccessToken();
  });
});

it('rules are plain data', () => {
  const rule: FaultRule = { match: { method: 'POST' }, after: 1, times: Infinity, action: { kind: 'delay', ms: 5 } };
  expect(() => fake.faults.inject(rule)).not.toThrow();
});
