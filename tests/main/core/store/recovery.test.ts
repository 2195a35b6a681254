import Database from 'better-sqlite3';
import {
  existsSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/core/store/migrations';
import { salvage } from '../../../../src/main/core/store/recovery';
import { Store } from '../../../../src/main/core/store/store';
import { leaveCrashMarker } from '../../../helpers/crash-marker';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

function filled(file: string, events = 3000): void {
  const s = Store.open(file);
  s.accounts.upsert({ id: 'acc', email: 'a@example.test', scopes: ['openid'], tokenIssuedAt: 1 }, 1);
  s.calendars.replaceForAccount('acc', [
    { id: 'cal', summary: 'Work', timeZone: 'UTC', accessRole: 'owner', primary: true, color: null },
  ]);
  s.calendars.setSyncToken('acc', 'cal', 'tok', 1);
  // The user's "does not block my time" choice (default: on for a primary calendar).
  s.calendars.setBlocksTime('acc', 'cal', false);
  for (let i = 0; i < 5; i++)
    s.tasks.add(
      {
        title: `task ${i}`,
        notes: null,
        durationMinutes: 30,
        priority: 2,
        due: null,
        earliest: null,
        minChunkMinutes: 30,
        maxChunkMinutes: 30,
      },
      1,
    );
  const insert = s.db.prepare(
    "INSERT INTO events (account_id, calendar_id, id, status, title, all_day, start_ms, end_ms, transparency, event_type) VALUES ('acc', 'cal', ?, 'confirmed', ?, 0, 1, 2, 'opaque', 'default')",
  );
  s.transaction(() => {
    for (let i = 0; i < events; i++) insert.run(`e${i}`, `event ${i} ${'x'.repeat(200)}`);
  });
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
}

describe('a damaged cache', () => {
  it('that is not a database at all is moved aside and replaced, and says so', () => {
    const file = path.join(tmp(), 'calsync.db');
    writeFileSync(file, 'this is not sqlite '.repeat(500));
    const s = Store.open(file);
    expect(s.recovery).toMatchObject({ backup: expect.stringContaining('calsync.db.damaged-') });
    expect(readFileSync(s.recovery!.backup, 'utf8')).toContain('this is not sqlite');
    expect(s.tasks.list()).toEqual([]);
    s.tasks.add(
      {
        title: 'works again',
        notes: null,
        durationMinutes: 30,
        priority: 1,
        due: null,
        earliest: null,
        minChunkMinutes: 30,
        maxChunkMinutes: 30,
      },
      2,
    );
    expect(s.kv.get('recovery.report')).toContain('damaged');
    s.close();
  });

  it('with bad pages keeps accounts, calendars (without tokens) and tasks; events come back from Google', () => {
    const file = path.join(tmp(), 'calsync.db');
    filled(file);
    // Scribble over pages near the end (event rows); the first pages hold the small tables.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, size - 20_000);
    closeSync(fd);
    leaveCrashMarker(file); // the write that damaged it was a crash's (a clean end is not checked at open)
    const s = Store.open(file);
    expect(s.recovery).not.toBeNull();
    expect(s.accounts.list().map((a) => a.email)).toEqual(['a@example.test']);
    expect(s.calendars.list()).toMatchObject([{ id: 'cal', syncToken: null, hasSyncToken: false, blocksTime: false }]);
    expect(
      s.tasks
        .list()
        .map((t) => t.title)
        .sort(),
    ).toEqual(['task 0', 'task 1', 'task 2', 'task 3', 'task 4']);
    expect(s.events.count()).toBe(0);
    expect(s.recovery!.copied).toMatchObject({ accounts: 1, calendars: 1, tasks: 5 });
    s.close();
  });

  it('that was truncated opens as a fresh cache with what could still be read', () => {
    const file = path.join(tmp(), 'calsync.db');
    filled(file);
    truncateSync(file, Math.floor(statSync(file).size / 3));
    leaveCrashMarker(file);
    const s = Store.open(file);
    expect(s.recovery).not.toBeNull();
    expect(existsSync(s.recovery!.backup)).toBe(true);
    expect(new Database(file).pragma('quick_check', { simple: true })).toBe('ok');
    s.close();
  });

  it('is recovered once: the next open finds the fresh cache', () => {
    const file = path.join(tmp(), 'calsync.db');
    writeFileSync(file, 'garbage'.repeat(1000));
    const a = Store.open(file);
    const b = Store.open(file);
    expect([a.recovery, b.recovery].filter(Boolean)).toHaveLength(1);
    a.close();
    b.close();
  });
});

describe('recovery and the Google Tasks import', () => {
  it('keeps imported tasks with their Google columns and local edits, and which ones were dismissed; task lists lose their watermark', () => {
    const file = path.join(tmp(), 'calsync.db');
    filled(file);
    const s = Store.open(file);
    s.transaction(() => {
      s.googleTasks.insert(
        'gt1',
        'acc',
        'acc:T1',
        {
          title: 'From Google',
          notes: null,
          dueMs: 5,
          dueDate: '1970-01-01',
          dueZone: 'UTC',
          status: 'open',
          listId: 'L1',
          updated: 'u1',
          etag: '"e1"',
        },
        { durationMinutes: 90, priority: 1, minChunkMinutes: 30, maxChunkMinutes: 120 },
        1,
      );
      s.googleTasks.saveList('acc', {
        id: 'L1',
        title: 'List',
        watermark: '2026-01-01T00:00:00.000Z',
        fullListedAt: 1,
      });
      s.googleTasks.dismiss('acc:T2', 1);
    });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, size - 20_000);
    closeSync(fd);
    leaveCrashMarker(file);
    const r = Store.open(file);
    expect(r.recovery).not.toBeNull();
    expect(r.recovery!.lost).toEqual({});
    expect(r.tasks.get('gt1')).toMatchObject({
      title: 'From Google',
      source: 'google',
      externalId: 'acc:T1',
      durationMinutes: 90,
      priority: 1,
    });
    expect(r.googleTasks.importedOf('acc').get('acc:T1')).toMatchObject({
      listId: 'L1',
      etag: '"e1"',
      updated: 'u1',
      dueDate: '1970-01-01',
      dueZone: 'UTC',
    });
    expect(r.googleTasks.lists('acc')).toEqual([{ id: 'L1', title: 'List', watermark: null, fullListedAt: null }]);
    expect(r.googleTasks.isDismissed('acc:T2')).toBe(true);
    r.close();
  });

  it('a damaged cache from before the import existed (schema 4) is salvaged without reporting the new tables as lost', () => {
    const dir = tmp();
    const old = new Database(path.join(dir, 'old.db'));
    migrate(
      old,
      migrations.filter((m) => m.version <= 4),
    );
    old
      .prepare(
        "INSERT INTO tasks (id, title, duration_minutes, priority, min_chunk_minutes, max_chunk_minutes, created_at, updated_at) VALUES ('t', 'kept', 30, 2, 30, 60, 1, 1)",
      )
      .run();
    old.close();
    const fresh = Store.open(path.join(dir, 'fresh.db'));
    const report = salvage(path.join(dir, 'old.db'), fresh.db);
    expect(report.lost).toEqual({});
    expect(report.copied).toMatchObject({ tasks: 1 });
    expect(fresh.tasks.get('t')).toMatchObject({ title: 'kept', source: 'local' });
    fresh.close();
  });
});
