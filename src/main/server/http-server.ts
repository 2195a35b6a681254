// The loopback server of `calsync serve`: the renderer's files, the API as
// JSON over POST, and engine events over SSE. It binds 127.0.0.1 only; every
// request passes the Host/Origin guard, every /api request the bearer token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CalsyncApi } from '../../shared/api';
import { toErrorData } from '../../shared/errors';
import { registerSecret } from '../../shared/scrub';
import { newAccessToken, tokenMatches } from './access-token';
import { handleApiCall } from './api-route';
import { EventStreams, type EventSource } from './event-stream';
import { sendError } from './json-io';
import { refuseForeign } from './request-guard';
import { setSecurityHeaders } from './security-headers';
import { serveStatic } from './static-files';

export interface ServerOptions {
  api: CalsyncApi;
  events: EventSource;
  /** Directory of the built renderer, or null to serve a "not built" page. */
  rendererDir: string | null;
  port?: number;
  token?: string;
  heartbeatMs?: number;
  onError?: (e: unknown) => void;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The window's address, the token in the fragment (browsers never send it). */
  url: string;
  streams: EventStreams;
  close(): Promise<void>;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const token = o.token ?? newAccessToken();
  registerSecret(token);
  const streams = new EventStreams(o.events, o.heartbeatMs);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    const refusal = refuseForeign(req, port);
    if (refusal) return sendError(res, 403, { code: 'auth-failed', message: refusal });
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname !== '/api' && !pathname.startsWith('/api/')) return serveStatic(o.rendererDir, req, res);
    if (!tokenMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="calsync"');
      return sendError(res, 401, { code: 'auth-failed', message: 'missing or wrong access token; open the URL that `calsync serve` printed' });
    }
    const name = pathname.slice('/api/'.length);
    if (name === 'events') {
      if (req.method !== 'GET') return sendError(res, 405, { code: 'bad-input', message: 'use GET for /api/events' });
      return streams.attach(req, res);
    }
    return handleApiCall(o.api, name, req, res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      o.onError?.(e);
      if (!res.headersSent) sendError(res, 500, toErrorData(e));
      else res.destroy();
    });
  });
  // Slow-loris bounds; SSE responses are long-lived on purpose and unaffected by these.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
