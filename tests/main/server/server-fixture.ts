// An engine with a fresh data dir behind the loopback server, plus a raw
// HTTP client that can send any Host/Origin (fetch would not let us).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp, type CalsyncApp } from '../../../src/main/core/app';
import { createLogger } from '../../../src/main/core/log/logger';
import { startServer, type RunningServer, type ServerLimits } from '../../../src/main/server/http-server';

export interface Fixture {
  app: CalsyncApp;
  server: RunningServer;
  request(o: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  auth?: boolean;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json(): { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

export async function startFixture(
  opts: { heartbeatMs?: number; limits?: Partial<ServerLimits> } = {},
): Promise<Fixture> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'calsync-server-'));
  const renderer = path.join(home, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>calsync</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(home, 'secret.txt'), 'not for the browser');
  const app = createApp({
    env: {
      CALSYNC_HOME: home,
      CALSYNC_TOKEN_STORE: 'file',
      CALSYNC_GOOGLE_CLIENT_ID: 'id',
      CALSYNC_GOOGLE_CLIENT_SECRET: 'secret',
    },
    logger: createLogger({ level: 'silent' }),
  });
  const server = await startServer({
    api: app.api,
    events: app.bus,
    log: app.log,
    rendererDir: renderer,
    heartbeatMs: opts.heartbeatMs,
    limits: opts.limits,
  });
  const request = (o: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const headers: Record<string, string> = {
        Host: `127.0.0.1:${server.port}`,
        ...(o.auth === false ? {} : { Authorization: `Bearer ${server.token}` }),
        ...o.headers,
      };
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: o.method ?? 'GET', path: o.path, headers, setHost: false },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }),
          );
        },
      );
      req.on('error', reject);
      req.end(o.body);
    });
  return {
    app,
    server,
    request,
    close: async () => {
      await server.close();
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export const postJson = (p: string, body: unknown, headers: Record<string, string> = {}): RawRequest => ({
  method: 'POST',
  path: p,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
