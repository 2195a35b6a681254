// The loopback API's gatekeeping and its contract: token, Host, Origin,
// body rules, validation, status codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/main/core/loopback/json-io';
import { postJson, startFixture, type Fixture } from './server-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.close();
});

describe('access token', () => {
  it('answers a call with the right token', async () => {
    const res = await f.request(postJson('/api/status', {}));
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, value: { accounts: [], paused: false } });
  });

  it('refuses a missing token with 401 and a data error', async () => {
    const res = await f.request({ ...postJson('/api/status', {}), auth: false });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'bad-token' } });
  });

  it('refuses a wrong token, one of another length, and a non-Bearer scheme', async () => {
    const wrong = f.server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const authorization of [
      `Bearer ${wrong}`,
      `Bearer ${f.server.token}x`,
      'Bearer x',
      `Basic ${f.server.token}`,
      `Bearer  ${f.server.token}`,
    ]) {
      const res = await f.request(postJson('/api/status', {}, { Authorization: authorization }));
      expect(res.status, authorization).toBe(401);
    }
  });

  it('guards the event stream too', async () => {
    const res = await f.request({ path: '/api/events', auth: false });
    expect(res.status).toBe(401);
  });

  it('prints the token only in the URL fragment', () => {
    const u = new URL(f.server.url);
    expect(u.hostname).toBe('127.0.0.1');
    expect(u.search).toBe('');
    expect(u.hash).toBe(`#token=${f.server.token}`);
    expect(f.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it('refuses a foreign Host even with the right token, for the API and the files', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${f.server.port}`,
      '127.0.0.1',
      `127.0.0.1:${f.server.port + 1}`,
      `0.0.0.0:${f.server.port}`,
    ]) {
      const api = await f.request(postJson('/api/status', {}, { Host: host }));
      expect(api.status, host).toBe(403);
      const page = await f.request({ path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(403);
    }
  });

  it('accepts localhost:PORT as the Host', async () => {
    const res = await f.request(postJson('/api/status', {}, { Host: `localhost:${f.server.port}` }));
    expect(res.status).toBe(200);
  });

  it('refuses a cross-site Origin, and "null"', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${f.server.port + 1}`,
      `https://127.0.0.1:${f.server.port}`,
      'null',
    ]) {
      const res = await f.request(postJson('/api/syncNow', {}, { Origin: origin }));
      expect(res.status, origin).toBe(403);
      expect(res.json().error?.message).toContain('Origin');
    }
  });

  it('accepts its own origin', async () => {
    const res = await f.request(postJson('/api/status', {}, { Origin: `http://127.0.0.1:${f.server.port}` }));
    expect(res.status).toBe(200);
  });

  it('refuses what the browser marks as cross-site', async () => {
    const res = await f.request(postJson('/api/status', {}, { 'Sec-Fetch-Site': 'cross-site' }));
    expect(res.status).toBe(403);
  });
});

describe('request bodies', () => {
  it('refuses a body that is not JSON', async () => {
    const res = await f.request({
      method: 'POST',
      path: '/api/status',
      headers: { 'Content-Type': 'application/json' },
      body: '{"oops":',
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      ok: false,
      error: { code: 'bad-input', message: 'the body is not valid JSON' },
    });
  });

  it('refuses another content type (a cross-site form cannot send JSON)', async () => {
    const res = await f.request({
      method: 'POST',
      path: '/api/status',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('refuses an oversized body, announced or streamed', async () => {
    const big = JSON.stringify({ ids: ['x'.repeat(MAX_BODY_BYTES)] });
    const announced = await f.request({
      method: 'POST',
      path: '/api/acceptProposals',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(announced.status).toBe(413);
    const streamed = await f.request({
      method: 'POST',
      path: '/api/acceptProposals',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(streamed.status).toBe(413);
  });

  it('validates the input with the contract and says what is wrong', async () => {
    const res = await f.request(postJson('/api/listRuns', { limit: 0 }));
    expect(res.status).toBe(400);
    expect(res.json().error?.message).toMatch(/listRuns: limit/);
    const extra = await f.request(postJson('/api/status', { surprise: true }));
    expect(extra.status).toBe(400);
    const range = await f.request(
      postJson('/api/listEvents', { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
    );
    expect(range.json().error?.message).toContain('"from" must be before "to"');
  });

  it('treats an empty body as an empty input', async () => {
    const res = await f.request({
      method: 'POST',
      path: '/api/listRuns',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, value: [] });
  });
});

describe('operations and status codes', () => {
  it('answers 404 for an unknown operation and 405 for GET', async () => {
    expect((await f.request(postJson('/api/dropTables', {}))).status).toBe(404);
    expect((await f.request(postJson('/api/__proto__', {}))).status).toBe(404);
    const get = await f.request({ path: '/api/status' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('maps engine errors to statuses and keeps the code in the body', async () => {
    const notFound = await f.request(postJson('/api/setCalendarEnabled', { calendarId: 'nope', enabled: false }));
    expect(notFound.status).toBe(404);
    expect(notFound.json().error?.code).toBe('not-found');
    const logout = await f.request(postJson('/api/logout', { account: 'nobody@example.test' }));
    expect(logout.status).toBe(404);
  });

  it('changes state through the API (settings round trip)', async () => {
    const res = await f.request(postJson('/api/updateSettings', { bufferMinutes: 20 }));
    expect(res.status).toBe(200);
    const back = await f.request(postJson('/api/getSettings', {}));
    expect(back.json().value).toMatchObject({ bufferMinutes: 20 });
    const bad = await f.request(postJson('/api/updateSettings', { timeZone: 'Mars/Olympus' }));
    expect(bad.status).toBe(400);
    expect(bad.json().error?.message).toContain('IANA');
  });
});
