// A server that writes down every request it gets (headers and body), for
// tests that must prove a secret never reached it. With a target it forwards
// each request there and also keeps the responses (where the secrets a
// project issues are first seen); without one it answers 401 as a project
// that does not know the caller would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  /** Every header and the body, as one string to search for secrets in. */
  text: string;
}

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  /** The bodies this server's target answered with. */
  responses: string[];
  close(): Promise<void>;
}

async function body(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

export async function startCaptureServer(target?: string): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const responses: string[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const payload = await body(req);
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        text: `${JSON.stringify(req.headers)}\n${payload.toString('utf8')}`,
      });
      if (!target) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'PGRST301', message: 'JWT invalid', details: null, hint: null }));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k))
          headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const upstream = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: payload.length && req.method !== 'GET' && req.method !== 'HEAD' ? payload : undefined,
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      responses.push(answer.toString('utf8'));
      const out: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      res.writeHead(upstream.status, out);
      res.end(answer);
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(e));
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    responses,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Every access and refresh token found in `bodies` (JSON answers of a GoTrue token endpoint). */
export function issuedTokens(bodies: string[]): string[] {
  const out = new Set<string>();
  for (const b of bodies) {
    for (const m of b.matchAll(/"(access_token|refresh_token)"\s*:\s*"([^"]+)"/g)) out.add(m[2]!);
  }
  return [...out];
}
