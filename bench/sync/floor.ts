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
import { accessToken } from './oauth';

type When = { dateTime?: string; date?: string; timeZone?: string };
interface Item {
  id: string;
  iCalUID?: string;
  recurringEventId?: string;
  originalStartTime?: When;
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: When;
  end?: When;
  transparency?: string;
  eventType?: string;
  attendees?: Array<{ self?: boolean; responseStatus?: string }>;
  updated?: string;
  etag?: string;
  colorId?: string;
  extendedProperties?: { private?: Record<string, string> };
}
interface Page {
  items?: Item[];
  nextPageToken?: string;
}

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
      `INSERT INTO events (account_id, calendar_id, id, ical_uid, recurring_event_id, original_start, status, title, description, location, all_day,
        start_ms, end_ms, start_date, end_date, time_zone, transparency, event_type, self_response, updated, etag, calsync_task_id, calsync_proposal_id, color_id, full_sync_gen)
       VALUES ('a', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    const writePage = db.transaction((cal: string, items: Item[]) => {
      for (const e of items) {
        const allDay = e.start?.date !== undefined;
        insert.run(
          cal,
          e.id,
          e.iCalUID ?? null,
          e.recurringEventId ?? null,
          e.originalStartTime?.dateTime ?? e.originalStartTime?.date ?? null,
          e.status ?? 'confirmed',
          e.summary ?? '',
          e.description ?? null,
          e.location ?? null,
          allDay ? 1 : 0,
          allDay ? null : Date.parse(e.start!.dateTime!),
          allDay ? null : Date.parse(e.end!.dateTime!),
          allDay ? e.start!.date! : null,
          allDay ? e.end!.date! : null,
          e.start?.timeZone ?? null,
          e.transparency ?? 'opaque',
          e.eventType ?? 'default',
          e.attendees?.find((a) => a.self)?.responseStatus ?? null,
          e.updated ?? null,
          e.etag ?? null,
          e.extendedProperties?.private?.calsyncTaskId ?? null,
          e.extendedProperties?.private?.calsyncProposalId ?? null,
          e.colorId ?? null,
        );
      }
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
