// Child process: the floor a sync engine cannot beat — fetch the same pages
// with plain fetch, and insert one row per event with one prepared statement
// in one transaction.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { peakRssMb, serve } from './child';

interface Page {
  items?: Array<{ id: string; status?: string; summary?: string; start?: { dateTime?: string; date?: string }; end?: { dateTime?: string; date?: string }; updated?: string; etag?: string }>;
  nextPageToken?: string;
}

async function accessToken(env: Record<string, string>): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const redirect = 'http://127.0.0.1:9/cb';
  const auth = new URL(env.CALSYNC_GOOGLE_AUTH_URL!);
  const q = { client_id: env.CALSYNC_GOOGLE_CLIENT_ID!, redirect_uri: redirect, response_type: 'code', scope: 'openid email https://www.googleapis.com/auth/calendar.readonly', state: 's', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', access_type: 'offline' };
  for (const [k, v] of Object.entries(q)) auth.searchParams.set(k, v);
  const code = new URL((await fetch(auth, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(env.CALSYNC_GOOGLE_TOKEN_URL!, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: q.client_id, client_secret: env.CALSYNC_GOOGLE_CLIENT_SECRET!, code_verifier: verifier }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

serve({
  async run(m) {
    const env = m.env as Record<string, string>;
    const calendars = m.calendars as string[];
    const token = await accessToken(env);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calsync-floor-'));
    const db = new Database(path.join(dir, 'floor.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE events (calendar_id TEXT, id TEXT, title TEXT, start TEXT, end TEXT, updated TEXT, etag TEXT, PRIMARY KEY (calendar_id, id))');
    const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
    const t0 = performance.now();
    const pages: Page[][] = [];
    let events = 0;
    for (const cal of calendars) {
      const list: Page[] = [];
      let pageToken: string | undefined;
      do {
        const url = new URL(`${env.CALSYNC_GOOGLE_API_URL}calendar/v3/calendars/${encodeURIComponent(cal)}/events`);
        url.search = new URLSearchParams({ maxResults: '2500', singleEvents: 'true', showDeleted: 'true', ...(pageToken ? { pageToken } : {}) }).toString();
        const page = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as Page;
        list.push(page);
        events += page.items?.length ?? 0;
        pageToken = page.nextPageToken;
      } while (pageToken);
      pages.push(list);
    }
    db.transaction(() => {
      for (const [ci, list] of pages.entries())
        for (const page of list)
          for (const e of page.items ?? []) insert.run(calendars[ci], e.id, e.summary ?? '', e.start?.dateTime ?? e.start?.date ?? null, e.end?.dateTime ?? e.end?.date ?? null, e.updated ?? null, e.etag ?? null);
    })();
    const ms = performance.now() - t0;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    return { type: 'done', ms, events, peakRssMb: peakRssMb() };
  },
});
