// The pages of every calendar's full listing, rendered once by the fake Google
// (trimmed to the fields the engine asks for, as Google trims a partial
// response) and then served from memory as bytes: the bench measures the client (engine
// or floor), not the fake building 2,500-event pages. Everything else
// (OAuth, the calendar list, incremental listings with a sync token) passes
// through to the fake, which issued the sync tokens the cached last pages hold.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_LIST_FIELDS } from '../../src/main/core/google/list-fields';
import { accessToken } from './oauth';

export interface PageCache {
  apiUrl: string;
  pages: number;
  close(): Promise<void>;
}

const eventsPath = /^\/calendar\/v3\/calendars\/[^/]+\/events$/;

export async function startPageCache(
  env: Record<string, string>,
  calendars: string[],
  pageSize: number,
): Promise<PageCache> {
  const upstream = env.CALSYNC_GOOGLE_API_URL!;
  const token = await accessToken(env);
  const cache = new Map<string, Buffer>();
  for (const cal of calendars) {
    const path = `/calendar/v3/calendars/${encodeURIComponent(cal)}/events`;
    let pageToken: string | undefined;
    do {
      const url = new URL(path.slice(1), upstream);
      url.search = new URLSearchParams({
        maxResults: String(pageSize),
        singleEvents: 'true',
        showDeleted: 'true',
        fields: EVENTS_LIST_FIELDS,
        ...(pageToken ? { pageToken } : {}),
      }).toString();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`page cache: ${res.status} from the fake for ${url.pathname}`);
      const body = Buffer.from(await res.arrayBuffer());
      cache.set(`${decodeURIComponent(path)}?${pageToken ?? ''}`, body);
      pageToken = (JSON.parse(body.toString('utf8')) as { nextPageToken?: string }).nextPageToken;
    } while (pageToken);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    // Only the request the pages were rendered for: any other `fields` goes to the fake, which trims as Google does.
    if (
      req.method === 'GET' &&
      eventsPath.test(url.pathname) &&
      !url.searchParams.has('syncToken') &&
      url.searchParams.get('fields') === EVENTS_LIST_FIELDS
    ) {
      const body = cache.get(`${path}?${url.searchParams.get('pageToken') ?? ''}`);
      if (body) {
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': body.length });
        res.end(body);
        return;
      }
    }
    // Pass through, body and all.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = new URL(url.pathname.slice(1) + url.search, upstream);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>;
      fetch(target, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: 'manual',
      })
        .then(async (up) => {
          const body = Buffer.from(await up.arrayBuffer());
          const out: Record<string, string> = {};
          up.headers.forEach((v, k) => {
            if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
          });
          res.writeHead(up.status, out);
          res.end(body);
        })
        .catch((e: unknown) => {
          res.writeHead(502);
          res.end(String(e));
        });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/`,
    pages: cache.size,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
