// The floor of `calsync sync` end to end: a new process that does only the
// work the command must do, written as plainly as possible. It opens the
// cache (a copy of the engine's, with the same sync tokens), lists each
// enabled calendar's changes since its token (4 calendars at a time, as the
// engine), and writes each page with its next token in one transaction:
// changed events upserted into the same table with the same indexes, cancelled
// ones deleted. Plain node:http, no Google client library, no validation, no run
// log, no outbox, no output: what the engine adds to this is what the bench
// shows as the ratio. Run bundled (bench/sync/child.ts bundleScript), as the CLI is.
// Env: CALSYNC_HOME, CALSYNC_GOOGLE_API_URL, FLOOR_ACCESS_TOKEN.
import Database from 'better-sqlite3';
import http from 'node:http';
import path from 'node:path';
import { EVENTS_LIST_FIELDS } from '../../src/main/core/google/list-fields';
import { mapBounded } from '../../src/main/core/sync/bounded';
import { EVENT_COLUMNS, eventValues, type Page } from './floor-rows';

const env = process.env as Record<string, string>;
const db = new Database(path.join(env.CALSYNC_HOME!, 'calsync.db'));
db.pragma('synchronous = NORMAL');
const calendars = db
  .prepare('SELECT account_id, id, sync_token FROM calendars WHERE enabled = 1 AND sync_token IS NOT NULL')
  .all() as Array<{ account_id: string; id: string; sync_token: string }>;
const upsert = db.prepare(
  `INSERT INTO events (account_id, calendar_id, ${EVENT_COLUMNS.join(', ')})
   VALUES (?, ?, ${EVENT_COLUMNS.map(() => '?').join(', ')})
   ON CONFLICT (account_id, calendar_id, id) DO UPDATE SET
   ${EVENT_COLUMNS.filter((c) => c !== 'id')
     .map((c) => `${c} = excluded.${c}`)
     .join(', ')}`,
);
const remove = db.prepare('DELETE FROM events WHERE account_id = ? AND calendar_id = ? AND id = ?');
const saveToken = db.prepare('UPDATE calendars SET sync_token = ? WHERE account_id = ? AND id = ?');
const writePage = db.transaction((account: string, cal: string, page: Page) => {
  for (const e of page.items ?? []) {
    if (e.status === 'cancelled') remove.run(account, cal, e.id);
    else upsert.run(account, cal, ...eventValues(e));
  }
  if (page.nextSyncToken) saveToken.run(page.nextSyncToken, account, cal);
});

// node:http, not fetch: the first fetch of a process loads undici (~75 ms here),
// which a floor need not pay. The fake serves plain HTTP on 127.0.0.1.
const agent = new http.Agent({ keepAlive: true });
const getJson = (url: URL): Promise<Page> =>
  new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${env.FLOOR_ACCESS_TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`floor: ${res.statusCode} for ${url.pathname}`));
        else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Page);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });

const fetchPage = (cal: string, syncToken: string, pageToken: string | undefined): Promise<Page> => {
  const url = new URL(`calendar/v3/calendars/${encodeURIComponent(cal)}/events`, env.CALSYNC_GOOGLE_API_URL);
  url.search = new URLSearchParams({
    maxResults: '2500',
    singleEvents: 'true',
    showDeleted: 'true',
    fields: EVENTS_LIST_FIELDS,
    syncToken,
    ...(pageToken ? { pageToken } : {}),
  }).toString();
  return getJson(url);
};

await mapBounded(calendars, 4, async (c) => {
  let pageToken: string | undefined;
  do {
    const page = await fetchPage(c.id, c.sync_token, pageToken);
    writePage(c.account_id, c.id, page);
    pageToken = page.nextPageToken;
  } while (pageToken);
});
db.close();
agent.destroy();
