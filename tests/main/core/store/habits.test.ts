// Schema step 14 (store/habits-schema.ts): habits, and proposals owned by a
// task or a habit. An older cache keeps every proposal through the table's
// rebuild; a damaged cache carries habits and their blocks over.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../../src/main/core/store/migrations';
import { salvage } from '../../../../src/main/core/store/recovery';
import { Store } from '../../../../src/main/core/store/store';
import type { HabitFields } from '../../../../src/main/core/store/habits-repo';
import { useTempDir } from '../../../helpers/temp-dir';

const tmp = useTempDir();

const lunch: HabitFields = {
  title: 'Lunch',
  durationMinutes: 60,
  minDurationMinutes: 30,
  frequency: { kind: 'weekdays', days: ['mon', 'wed'] },
  window: { start: '11:30', end: '13:30' },
  priority: 2,
  droppable: false,
  enabled: true,
};

describe('habits in the cache', () => {
  it('a cache at step 13 keeps its tasks and every proposal column through step 14', () => {
    const file = path.join(tmp(), 'old.db');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version <= 13),
    );
    db.prepare(
      "INSERT INTO tasks (id, title, duration_minutes, priority, min_chunk_minutes, max_chunk_minutes, created_at, updated_at) VALUES ('t', 'Report', 60, 2, 30, 60, 1, 1)",
    ).run();
    db.prepare(
      `INSERT INTO proposals (id, task_id, start_ms, end_ms, status, google_event_id, account_id, calendar_id, move_start_ms, move_end_ms, created_at, updated_at)
       VALUES ('p1', 't', 1000, 2000, 'conflict', 'g1', 'acc', 'cal', 3000, 4000, 5, 6), ('p2', 't', 7000, 8000, 'proposed', NULL, NULL, NULL, NULL, NULL, 9, 9)`,
    ).run();
    const before = db.prepare('SELECT * FROM proposals ORDER BY id').all();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.prepare('SELECT * FROM proposals ORDER BY id').all()).toEqual(
      (before as Array<Record<string, unknown>>).map((r) => ({ ...r, habit_id: null })),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    const s = Store.open(file);
    expect(s.proposals.get('p1')).toMatchObject({
      taskId: 't',
      status: 'conflict',
      moveTo: { start: new Date(3000).toISOString() },
    });
    expect(s.proposals.get('p1')).not.toHaveProperty('habitId');
    s.close();
  });

  it('adds, lists, updates and deletes habits; a habit owns its proposals', () => {
    const s = Store.open(path.join(tmp(), 'c.db'));
    const h = s.habits.add(lunch, 1);
    expect(s.habits.get(h.id)).toEqual({ id: h.id, ...lunch });
    const off = s.habits.update(h.id, { ...lunch, enabled: false, frequency: { kind: 'timesPerWeek', times: 3 } }, 2);
    expect(off).toMatchObject({ enabled: false, frequency: { kind: 'timesPerWeek', times: 3 } });
    expect(s.habits.list('enabled')).toEqual([]);
    expect(s.habits.list()).toHaveLength(1);

    s.proposals.replaceProposed([{ id: 'hp', taskId: h.id, start: 1000, end: 2000 }], 3);
    expect(s.proposals.get('hp')).toMatchObject({ taskId: h.id, habitId: h.id, status: 'proposed' });
    s.proposals.setStatus('hp', 'accepted', 4);
    // A block for an owner that exists nowhere is refused, not stored ownerless.
    expect(() => s.proposals.replaceProposed([{ id: 'x', taskId: 'nobody', start: 1, end: 2 }], 5)).toThrow();
    s.habits.delete(h.id);
    expect(s.proposals.get('hp')).toBeNull();
    s.close();
  });

  it('a damaged cache hands habits and their blocks to the fresh one', () => {
    const dir = tmp();
    const old = Store.open(path.join(dir, 'old.db'));
    const h = old.habits.add(lunch, 1);
    old.proposals.replaceProposed([{ id: 'hp', taskId: h.id, start: 1000, end: 2000 }], 3);
    old.db.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const fresh = Store.open(path.join(dir, 'fresh.db'));
    const report = salvage(path.join(dir, 'old.db'), fresh.db);
    expect(report.lost).toEqual({});
    expect(report.copied).toMatchObject({ habits: 1, proposals: 1 });
    expect(fresh.habits.get(h.id)).toEqual({ id: h.id, ...lunch });
    expect(fresh.proposals.get('hp')).toMatchObject({ habitId: h.id });
    fresh.close();
  });
});
