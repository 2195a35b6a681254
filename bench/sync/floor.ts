// Child process: the floor a sync engine cannot beat, written as plainly as
// possible but on the engine's terms: the same pages (served from memory),
// the same table with the same indexes (the engine's own schema), every
// column the engine stores, one transaction per page, the next page fetched
// while this one is written, and one calendar at a time as the engine's full
// sync does, asking for the same fields (a partial response). What it leaves out is the engine's care: validation, repair, counts,
// progress, the run log and the sweep.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EVENTS_LIST_FIELDS } from '../../src/main/core/google/list-fields';
import { migrate } from '../../src/main/core/store/migrations';
import { mapBounded } from '../../src/main/core/sync/bounded';
import { peakRssMb, serve } from './child';
import { EVENT_COLUMNS, eventValues, type Item, type Page } from './floor-rows';
import { accessToken } from './oauth';

serve({
  async run(m) {
    const env = m.env as Record<string, string>;
    const calendars = m.calendars as string[];
    const token = await accessToken(env);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'calsync-floor-'));
    const db = new Database(path.join(dir, 'floor.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare(
      "INSERT INTO accounts (id, email, scopes, status, created_at, updated_at) VALUES ('a', 'a@x', '[]', 'active', 0, 0)",
    ).run();
    const addCal = db.prepare(
      "INSERT INTO calendars (account_id, id, summary, time_zone, access_role, is_primary, enabled) VALUES ('a', ?, ?, 'UTC', 'owner', 0, 1)",
    );
    for (const c of calendars) addCal.run(c, c);
    const insert = db.prepare(
      `INSERT INTO events (account_id, calendar_id, ${EVENT_COLUMNS.join(', ')}, full_sync_gen)
       VALUES ('a', ?, ${EVENT_COLUMNS.map(() => '?').join(', ')}, 1)`,
    );
    const writePage = db.transaction((cal: string, items: Item[]) => {
      for (const e of items) insert.run(cal, ...eventValues(e));
    });
    const fetchPage = async (cal: string, pageToken: string | undefined): Promise<Page> => {
      const url = new URL(`calendar/v3/calendars/${encodeURIComponent(cal)}/events`, env.CALSYNC_GOOGLE_API_URL);
      url.search = new URLSearchParams({
        maxResults: '2500',
        singleEvents: 'true',
        showDeleted: 'true',
        fields: EVENTS_LIST_FIELDS, // the engine's partial response: the same bytes to receive and parse
        ...(pageToken ? { pageToken } : {}),
      }).toString();
      return (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as Page;
    };
    let events = 0;
    const t0 = performance.now();
    await mapBounded(calendars, 1, async (cal) => {
      let pending = fetchPage(cal, undefined);
      for (;;) {
        const page = await pending;
        if (page.nextPageToken) pending = fetchPage(cal, page.nextPageToken);
        writePage(cal, page.items ?? []);
        events += page.items?.length ?? 0;
        if (!page.nextPageToken) return;
      }
    });
    const ms = performance.now() - t0;
    db.close();
    rmSync(dir, { recursive: true, force: true });
    return { type: 'done', ms, events, peakRssMb: peakRssMb() };
  },
  async stop() {
    setImmediate(() => process.exit(0));
    return { type: 'stopped' };
  },
});
