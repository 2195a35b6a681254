// `calsync serve` bounds what a client can hold open: connections and event
// streams beyond a cap get a clear 503 (and the ones within it keep working),
// and a request the client aborts is one log line, not an error with a stack.
import http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/core/app';
import { createLogger } from '../../../src/main/core/log/logger';
import { serve } from '../../../src/main/server/serve';
import type { RunningServer } from '../../../src/main/server/http-server';
import { postJson, startFixture, type Fixture } from './server-fixture';

let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

/** GET /api/events on its own connection; resolves with the status once headers arrive. */
function openStream(
  fx: Fixture,
): Promise<{ status: number; retryAfter: string | undefined; body: () => Promise<string>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: fx.server.port,
        path: '/api/events',
        headers: { Authorization: `Bearer ${fx.server.token}` },
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        const ended = new Promise<string>((r) => res.on('end', () => r(text)));
        res.on('data', (d: string) => (text += d));
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'] as string | undefined,
          body: () => ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** An idle connection: open, no request sent. */
function idleSocket(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('serve resource limits', () => {
  it('one event stream beyond the cap gets 503 with a reason and Retry-After; a freed slot is usable again', async () => {
    f = await startFixture({ limits: { maxEventStreams: 2 } });
    const fx = f;
    const a = await openStream(fx);
    const b = await openStream(fx);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(fx.server.streams.count).toBe(2);

    const refused = await openStream(fx);
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('5');
    const body = JSON.parse(await refused.body()) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('too many open event streams (limit 2)') },
    });
    expect(fx.server.streams.count).toBe(2);

    a.close();
    await until(() => fx.server.streams.count === 1);
    const again = await openStream(fx);
    expect(again.status).toBe(200);
    b.close();
    again.close();
  });

  it('a request on a connection beyond the cap gets 503 and is closed; the connections within it still work', async () => {
    f = await startFixture({ limits: { maxConnections: 3 } });
    const fx = f;
    const idle = await Promise.all([
      idleSocket(fx.server.port),
      idleSocket(fx.server.port),
      idleSocket(fx.server.port),
    ]);
    // The fixture's request opens a fourth connection.
    const over = await fx.request(postJson('/api/status', {}));
    expect(over.status).toBe(503);
    expect(over.headers['retry-after']).toBe('5');
    expect(over.headers.connection).toBe('close');
    expect(over.json().error?.message).toContain('too many open connections (limit 3)');

    // One of the three open connections is served as usual.
    const served = await new Promise<string>((resolve) => {
      let text = '';
      idle[0]!.on('data', (d) => (text += String(d)));
      idle[0]!.on('end', () => resolve(text));
      idle[0]!.write(
        `POST /api/status HTTP/1.1\r\nHost: 127.0.0.1:${fx.server.port}\r\nAuthorization: Bearer ${fx.server.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
    });
    expect(served).toMatch(/^HTTP\/1\.1 200 /);

    for (const s of idle) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fx.request(postJson('/api/status', {}))).status).toBe(200);
  });

  it('a request the client aborts mid-body is one log line, without a stack', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-abort-'));
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _e, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        cb();
      },
    });
    const app = createApp({
      env: {
        CALSYNC_HOME: home,
        CALSYNC_TOKEN_STORE: 'file',
        CALSYNC_GOOGLE_CLIENT_ID: 'id',
        CALSYNC_GOOGLE_CLIENT_SECRET: 'secret',
      },
      logger: createLogger({ level: 'info', stream }),
    });
    let server: RunningServer | null = null;
    const running = serve(app, { port: 0, signals: ['SIGUSR2'], onListening: (_url, s) => (server = s) });
    try {
      await until(() => server !== null);
      const s = server as unknown as RunningServer;
      const before = lines.length;
      await new Promise<void>((resolve) => {
        const sock = net.connect(s.port, '127.0.0.1', () => {
          sock.write(
            `POST /api/updateSettings HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${s.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"timeZ`,
          );
          setTimeout(() => {
            sock.destroy();
            resolve();
          }, 100);
        });
      });
      await until(() => lines.slice(before).some((l) => l.includes('closed its request')));
      await new Promise((r) => setTimeout(r, 200)); // anything else it would log arrives meanwhile
      const about = lines.slice(before).filter((l) => /updateSettings|aborted|ECONNRESET|HTTP request failed/.test(l));
      expect(about).toHaveLength(1);
      expect(JSON.parse(about[0]!)).toMatchObject({ level: 30, request: 'POST /api/updateSettings' });
      expect(about[0]).not.toMatch(/stack|"err"/);
    } finally {
      process.emit('SIGUSR2', 'SIGUSR2');
      await running;
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
