// The window's files with their security headers, and the SSE stream.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/shared/api';
import { startFixture, type Fixture } from './server-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ heartbeatMs: 100 });
});
afterAll(async () => {
  await f.close();
});

describe('static files', () => {
  it('serves index.html with the CSP and the other headers', async () => {
    const res = await f.request({ path: '/', auth: false });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>calsync</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their type and refuses paths outside the build', async () => {
    const js = await f.request({ path: '/assets/app.js', auth: false });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/missing.js']) {
      const res = await f.request({ path: p, auth: false });
      expect(res.status, p).toBe(404);
      expect(res.text).not.toContain('not for the browser');
    }
  });
});

interface Stream {
  status: number;
  type: string | undefined;
  next(pred: (chunk: string) => boolean): Promise<string>;
  close(): void;
}

function openStream(): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: f.server.port,
        path: '/api/events',
        headers: { Authorization: `Bearer ${f.server.token}` },
      },
      (res) => {
        let buffer = '';
        const waiters: Array<{ pred: (s: string) => boolean; resolve: (s: string) => void }> = [];
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buffer += d;
          for (const w of [...waiters]) {
            if (w.pred(buffer)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(buffer);
            }
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'],
          next: (pred) =>
            pred(buffer) ? Promise.resolve(buffer) : new Promise((r) => waiters.push({ pred, resolve: r })),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('event stream', () => {
  it('delivers engine events as SSE messages and sends heartbeats', async () => {
    const s = await openStream();
    expect(s.status).toBe(200);
    expect(s.type).toContain('text/event-stream');
    await s.next((b) => b.includes(': connected'));
    const event: EngineEvent = {
      type: 'sync-progress',
      runId: 7,
      accountId: 'a',
      calendarId: 'c@example.test',
      kind: 'full',
      pages: 2,
      events: 5000,
    };
    f.app.bus.emit(event);
    const text = await s.next((b) => b.includes('"runId":7'));
    const frame = text.split('\n\n').find((x) => x.includes('"runId":7'))!;
    expect(frame).toContain('event: engine');
    expect(JSON.parse(frame.split('data: ')[1]!)).toEqual(event);
    await s.next((b) => b.includes(': heartbeat'));
    s.close();
  });

  it('stops listening to the engine when the client goes away', async () => {
    const s = await openStream();
    await s.next((b) => b.includes(': connected'));
    expect(f.server.streams.count).toBeGreaterThan(0);
    s.close();
    await expect.poll(() => f.server.streams.count).toBe(0);
  });

  it('emits events caused through the API (settings → none, pause → status-changed)', async () => {
    const s = await openStream();
    await s.next((b) => b.includes(': connected'));
    const res = await f.request({
      method: 'POST',
      path: '/api/setSyncPaused',
      headers: { 'Content-Type': 'application/json' },
      body: '{"paused":true}',
    });
    expect(res.status).toBe(200);
    await s.next((b) => b.includes('"type":"status-changed"'));
    s.close();
  });
});
