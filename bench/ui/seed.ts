// A heavy cache for the UI bench, written straight through Store: 50,000
// events over 8 calendars spread across two years around now (so the current
// week holds ~480 of them, a dense but real-looking week), and 10,000 sync
// runs with per-calendar rows, some failed with an error.
import type { EventRow } from '../../src/main/core/store/event-row';
import type { Store } from '../../src/main/core/store/store';

export const ACCOUNT = { id: 'bench-sub-1', email: 'bench@example.test' };

export function seedStore(
  store: Store,
  opts: { events: number; runs: number; calendars: number; now: number },
): { calendars: string[] } {
  const { now } = opts;
  store.accounts.upsert(
    { id: ACCOUNT.id, email: ACCOUNT.email, scopes: ['https://www.googleapis.com/auth/calendar'], tokenIssuedAt: now },
    now,
  );
  const calendars = Array.from({ length: opts.calendars }, (_, i) =>
    i === 0 ? ACCOUNT.email : `cal-${i}@group.calendar.google.com`,
  );
  store.calendars.replaceForAccount(
    ACCOUNT.id,
    calendars.map((id, i) => ({
      id,
      summary: i === 0 ? ACCOUNT.email : `Team ${i}`,
      timeZone: 'Europe/Berlin',
      accessRole: 'owner',
      primary: i === 0,
      color: '#4986e7',
    })),
  );
  const span = 730 * 86_400_000;
  const first = now - span / 2;
  store.transaction(() => {
    for (let i = 0; i < opts.events; i++) {
      // Starts on the half hour between 07:00 and 19:00 UTC, 30–120 min long.
      const day = Math.floor((((i * 7919) % opts.events) / opts.events) * (span / 86_400_000));
      const start =
        first + day * 86_400_000 - ((first + day * 86_400_000) % 86_400_000) + (7 * 60 + (i % 24) * 30) * 60_000;
      const allDay = i % 50 === 0;
      const date = new Date(start).toISOString().slice(0, 10);
      const row: EventRow = {
        id: `ev${i.toString(36)}`,
        iCalUID: null,
        recurringEventId: null,
        originalStart: null,
        status: 'confirmed',
        title: `Event ${i} — ${['Standup', 'Review', '1:1', 'Planning', 'Focus'][i % 5]}`,
        description: null,
        location: i % 3 === 0 ? 'Room 4' : null,
        allDay,
        startMs: allDay ? null : start,
        endMs: allDay ? null : start + (30 + (i % 4) * 30) * 60_000,
        startDate: allDay ? date : null,
        endDate: allDay ? new Date(start + 86_400_000).toISOString().slice(0, 10) : null,
        timeZone: 'Europe/Berlin',
        endTimeUnspecified: false,
        transparency: i % 11 === 0 ? 'transparent' : 'opaque',
        eventType: 'default',
        selfResponse: i % 13 === 0 ? 'declined' : 'accepted',
        updated: new Date(now).toISOString(),
        etag: `"${i}"`,
        calsyncTaskId: null,
        calsyncProposalId: null,
        colorId: null,
      };
      store.events.insert(ACCOUNT.id, calendars[i % calendars.length]!, row, null);
    }
    const run = store.db.prepare(
      `INSERT INTO sync_runs (trigger, kind, status, owner, started_at, heartbeat_at, ended_at, error, api_calls, retries, pages) VALUES (?, ?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const cal = store.db.prepare(
      `INSERT INTO sync_run_calendars (run_id, account_id, calendar_id, kind, status, inserted, updated, deleted, skipped, pages, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    for (let i = 0; i < opts.runs; i++) {
      const started = now - (opts.runs - i) * 15 * 60_000;
      const failed = i % 37 === 0;
      const error = failed
        ? `${calendars[i % calendars.length]}: events.list (gave up after 6 attempts) failed (HTTP 503 backendError)`
        : null;
      const id = Number(
        run.run(
          i % 10 === 0 ? 'manual' : 'cron',
          i === 0 ? 'full' : 'incremental',
          failed ? 'failed' : 'succeeded',
          started,
          started,
          started + 400 + (i % 17) * 90,
          error,
          3,
          failed ? 5 : 0,
          3,
        ).lastInsertRowid,
      );
      for (let c = 0; c < 3; c++)
        cal.run(
          id,
          ACCOUNT.id,
          calendars[(i + c) % calendars.length]!,
          'incremental',
          failed && c === 0 ? 'failed' : 'succeeded',
          i % 5,
          i % 7,
          i % 3,
          1,
          failed && c === 0 ? error : null,
        );
    }
  });
  return { calendars };
}
