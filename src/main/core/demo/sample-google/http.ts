// The HTTP shell: parse, route, apply faults, log every request, write the
// response. Handlers are plain functions of a parsed request, so each API
// module stays free of sockets.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { GoogleApiError, errorBody, ERRORS } from './errors';
import type { FaultEngine } from './faults';
import type { RecordedRequest } from './types';

export interface FakeRequest {
  method: string;
  path: string; // decoded, leading slash
  segments: string[]; // decoded path segments
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value (serialised by the shell) or a pre-serialised string/Buffer. */
  json?: unknown;
  body?: string | Buffer;
}

export type RouteFn = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** The request body as JSON, or Google's 400 parseError. */
export function jsonBody<T>(req: FakeRequest): T {
  try {
    return JSON.parse(req.body.toString('utf8') || '{}') as T;
  } catch {
    throw new GoogleApiError('parseError');
  }
}

export function queryRecord(q: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of q) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function decodeSegments(pathname: string): string[] {
  // Decode per segment: calendar ids carry "@" and "#" encoded as %40 / %23, and a
  // decoded "/" inside an id must not split it.
  return pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serialise(r: FakeResponse): { body: Buffer; type: string | undefined } {
  if (r.json !== undefined)
    return { body: Buffer.from(JSON.stringify(r.json)), type: 'application/json; charset=UTF-8' };
  if (r.body === undefined) return { body: Buffer.alloc(0), type: undefined };
  return { body: Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body), type: undefined };
}

export interface HttpShell {
  listen(): Promise<number>;
  close(): Promise<void>;
}

export function createHttpShell(
  route: RouteFn,
  faults: FaultEngine,
  requests: RecordedRequest[],
  now: () => number,
): HttpShell {
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    let segments: string[];
    try {
      segments = decodeSegments(url.pathname);
    } catch {
      segments = [];
    }
    const freq: FakeRequest = {
      method: req.method ?? 'GET',
      path: '/' + segments.join('/'),
      segments,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const record: RecordedRequest = {
      method: freq.method,
      path: freq.path,
      query: queryRecord(url.searchParams),
      status: 0,
      at: now(),
      ...(body.length ? { body: body.toString('utf8') } : {}),
    };
    requests.push(record);

    const fault = faults.decide(freq);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') return; // the socket stays open until the client gives up or close()
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));

    let out: FakeResponse;
    if (fault?.kind === 'respond') {
      out = fault.response;
    } else {
      try {
        out = await route(freq);
      } catch (e) {
        if (e instanceof GoogleApiError) out = { status: e.status, headers: e.headers, json: e.body };
        else {
          // A bug in the fake must be loud, not look like a Google outage.
          console.error('[fake-google] handler crashed', freq.method, freq.path, e);
          out = { status: 500, json: errorBody(ERRORS.backendError) };
        }
      }
    }
    if (fault?.kind === 'lost-response') {
      record.status = out.status;
      return; // handled, but the socket stays silent until the client gives up or close()
    }
    const { body: payload, type } = serialise(out);
    let bytes = payload;
    if (fault?.kind === 'malformed-json') bytes = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
    const headers: Record<string, string> = { ...(out.headers ?? {}) };
    if (type && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = type;
    if (fault?.kind === 'malformed-json') headers['Content-Type'] = 'application/json; charset=UTF-8';
    record.status = out.status;
    res.writeHead(out.status, { ...headers, 'Content-Length': String(bytes.length) });
    res.end(bytes);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[fake-google] request failed', e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Keep-alive sockets must not outlive close(); hung requests must not block it.
  server.keepAliveTimeout = 5_000;

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          const addr = server.address();
          if (addr && typeof addr === 'object') resolve(addr.port);
          else reject(new Error('no port'));
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
