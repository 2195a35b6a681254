// Schema step 7 and the calendars repo: which calendars block my time by
// default, for new calendars and for a cache from before the flag existed;
// the user's choice survives calendarList refreshes.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/core/store/migrations';
import { busyCalendarsMigration } from '../../../../src/main/core/store/busy-calendars-schema';
import { Store } from '../../../../src/main/core/store/store';
import { eventRow } from '../../../helpers/event-row';
import { useTempDir } from '../../../helpers/temp-dir';
import { repoRoot } from '../../../helpers/fixtures';
import { readFileSync } from 'node:fs';

const tmp = useTempDir();

const REMOTE = [
  { id: 'me@example.test', summary: 'Me', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
  {
    id: 'side@group.calendar.google.com',
    summary: 'Side project',
    timeZone: 'UTC',
    accessRole: 'owner',
    primary: false,
    color: null,
  },
  { id: 'bob@example.test', summary: 'Bob', timeZone: 'UTC', accessRole: 'reader', primary: false, color: null },
  {
    id: 'team@group.calendar.google.com',
    summary: 'Team',
    timeZone: 'UTC',
    accessRole: 'writer',
    primary: false,
    color: null,
  },
  {
    id: 'en.usa#holiday@group.v.calendar.google.com',
    summary: 'Holidays',
    timeZone: 'UTC',
    accessRole: 'reader',
    primary: false,
    color: null,
  },
  {
    id: 'carol@example.test',
    summary: 'Carol',
    timeZone: 'UTC',
    accessRole: 'freeBusyReader',
    primary: false,
    color: null,
  },
];
const EXPECTED = {
  'me@example.test': true,
  'side@group.calendar.google.com': true,
  'bob@example.test': false,
  'team@group.calendar.google.com': false,
  'en.usa#holiday@group.v.calendar.google.com': false,
  'carol@example.test': false,
};

const blocks = (s: Store) => Object.fromEntries(s.calendars.list().map((c) => [c.id, c.blocksTime]));

describe('calendars that block my time', () => {
  it('new calendars: on for the primary and owned ones, off for shared-in and subscribed ones', () => {
    const s = Store.open(':memory:');
    s.accounts.upsert({ id: 'acc', email: 'me@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc', REMOTE);
    expect(blocks(s)).toEqual(EXPECTED);
    s.close();
  });

  it('the recorded calendarList of every non-owner role (tests/fixtures/google-real): none blocks by default', () => {
    const file = path.join(
      repoRoot,
      'tests/fixtures/google-real/allodia-eu__email-calendar-sync-engine__crates_provider-google_tests_fixtures_calendar_calendars_shared_roles.json',
    );
    const items = (
      JSON.parse(readFileSync(file, 'utf8')) as {
        items: Array<{ id: string; summary: string; accessRole: string; primary?: boolean }>;
      }
    ).items;
    const s = Store.open(':memory:');
    s.accounts.upsert({ id: 'acc', email: 'me@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc', [
      REMOTE[0]!,
      ...items.map((c) => ({
        id: c.id,
        summary: c.summary,
        timeZone: null,
        accessRole: c.accessRole,
        primary: c.primary ?? false,
        color: null,
      })),
    ]);
    expect(blocks(s)).toEqual(Object.fromEntries([[REMOTE[0]!.id, true], ...items.map((c) => [c.id, false])]));
    expect(items.map((c) => c.accessRole).sort()).toEqual([
      'freeBusyReader',
      'reader',
      'writer',
      'writerWithoutPrivateAccess',
    ]);
    s.close();
  });

  it("keeps the user's choice across calendarList refreshes, and leaves events cached either way", () => {
    const s = Store.open(':memory:');
    s.accounts.upsert({ id: 'acc', email: 'me@example.test', scopes: [], tokenIssuedAt: 0 }, 0);
    s.calendars.replaceForAccount('acc', REMOTE);
    s.events.upsert('acc', 'me@example.test', eventRow('e1'), null);
    s.calendars.setBlocksTime('acc', 'me@example.test', false);
    s.calendars.setBlocksTime('acc', 'bob@example.test', true);
    s.calendars.replaceForAccount('acc', REMOTE);
    expect(blocks(s)).toEqual({ ...EXPECTED, 'me@example.test': false, 'bob@example.test': true });
    expect(s.events.list().map((e) => e.id)).toEqual(['e1']);
    s.close();
  });

  it('a cache from before the flag gets the default for every calendar it has', () => {
    const file = path.join(tmp(), 'old.db');
    const old = new Database(file);
    migrate(
      old,
      migrations.filter((m) => m.version < busyCalendarsMigration.version),
    );
    old
      .prepare('INSERT INTO accounts (id, email, created_at, updated_at) VALUES (?, ?, 0, 0)')
      .run('acc', 'me@example.test');
    const insert = old.prepare(
      'INSERT INTO calendars (account_id, id, summary, time_zone, access_role, is_primary) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const c of REMOTE) insert.run('acc', c.id, c.summary, c.timeZone, c.accessRole, c.primary ? 1 : 0);
    old.close();
    const s = Store.open(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(blocks(s)).toEqual(EXPECTED);
    s.close();
  });
});
