// The loopback server of `calsync serve`: the renderer's files, the API as
// JSON over POST, and engine events over SSE. It binds 127.0.0.1 only; every
// request passes the Host/Origin guard, every /api request the bearer token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CalsyncApi } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { registerSecret } from '../../shared/scrub';
import type { Logger } from '../core/log/logger';
import { newAccessToken, tokenMatches } from '../core/loopback/access-token';
import { handleApiCall, sendFailure } from './api-route';
import { EventStreams, type EventSource } from './event-stream';
import { sendBusy, sendError } from '../core/loopback/json-io';
import { refuseForeign } from '../core/loopback/request-guard';
import { setSecurityHeaders } from './security-headers';
import { serveStatic } from './static-files';

export interface ServerOptions {
  api: CalsyncApi;
  events: EventSource;
  /** Directory of the built renderer, or null to serve a "not built" page; a function is asked on every request. */
  rendererDir: string | null | (() => string | null);
  port?: number;
  token?: string;
  heartbeatMs?: number;
  limits?: Partial<ServerLimits>;
  /** Failed calls at their error-map.ts level; unexpected failures with their stack. */
  log: Logger;
}

export interface ServerLimits {
  /** Open connections (sockets); a request on one beyond this is answered 503 and its connection closed. */
  maxConnections: number;
  /** Open GET /api/events streams; one more is answered 503. */
  maxEventStreams: number;
}

// A window needs one stream and a few connections; this leaves room for many windows and tabs.
export const DEFAULT_LIMITS: ServerLimits = { maxConnections: 64, maxEventStreams: 16 };

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
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const streams = new EventStreams(o.events, o.heartbeatMs, limits.maxEventStreams);
  const sockets = new Set<Socket>();
  let port = 0;
  const rendererDir = typeof o.rendererDir === 'function' ? o.rendererDir : () => o.rendererDir as string | null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (sockets.size > limits.maxConnections) {
      res.setHeader('Connection', 'close');
      return sendBusy(
        res,
        `calsync serve has too many open connections (limit ${limits.maxConnections}); close some windows or tabs and try again`,
      );
    }
    const refusal = refuseForeign(req, port);
    if (refusal) return sendFailure(res, o.log, pathOf(req), new AppError('refused', refusal));
    const pathname = pathOf(req);
    if (pathname !== '/api' && !pathname.startsWith('/api/')) return serveStatic(rendererDir(), req, res);
    if (!tokenMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="calsync"');
      return sendFailure(
        res,
        o.log,
        pathname,
        new AppError('bad-token', 'missing or wrong access token; open the URL that `calsync serve` printed'),
      );
    }
    const name = pathname.slice('/api/'.length);
    if (name === 'events') {
      if (req.method !== 'GET') return sendError(res, 405, { code: 'bad-input', message: 'use GET for /api/events' });
      return streams.attach(req, res);
    }
    return handleApiCall(o.api, o.log, name, req, res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (wasAborted(e, req)) {
        // A client went away before its request was read (a closed tab, a cancelled fetch): not an error of ours.
        o.log.info(
          { request: `${req.method ?? '?'} ${pathOf(req)}` },
          'a client closed its request before calsync had read it',
        );
        return;
      }
      if (!res.headersSent) sendFailure(res, o.log, pathOf(req), e);
      else {
        o.log.error({ err: e, request: pathOf(req) }, 'HTTP response failed part-way');
        res.destroy();
      }
    });
  });
  // Slow-loris bounds; SSE responses are long-lived on purpose and unaffected by these.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Past twice the cap a socket is dropped at once (no answer): a client opening sockets in a loop cannot grow the process.
  server.maxConnections = limits.maxConnections * 2;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
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

function pathOf(req: IncomingMessage): string {
  // URL.canParse: a request line like "//" is no URL, and this also names the request in the log after a failure.
  const raw = req.url ?? '/';
  return URL.canParse(raw, 'http://127.0.0.1') ? new URL(raw, 'http://127.0.0.1').pathname : raw.slice(0, 200);
}

/** The client closed the connection while its request was being read. */
function wasAborted(e: unknown, req: IncomingMessage): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (req.destroyed && !req.complete) || code === 'ECONNRESET' || (e instanceof Error && e.message === 'aborted');
}
