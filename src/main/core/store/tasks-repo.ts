import { randomUUID } from 'node:crypto';
import type { Priority, Task, TaskStatus } from '../../../shared/domain';
import type { Db } from './database';

interface TaskRow {
  id: string;
  title: string;
  notes: string | null;
  duration_minutes: number;
  priority: Priority;
  due_ms: number | null;
  earliest_ms: number | null;
  min_chunk_minutes: number;
  max_chunk_minutes: number;
  status: TaskStatus;
  source: 'local' | 'google';
  external_id: string | null;
}

export interface TaskFields {
  title: string;
  notes: string | null;
  durationMinutes: number;
  priority: Priority;
  due: string | null;
  earliest: string | null;
  minChunkMinutes: number;
  maxChunkMinutes: number;
}

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());

const toTask = (r: TaskRow): Task => ({
  id: r.id,
  title: r.title,
  notes: r.notes,
  durationMinutes: r.duration_minutes,
  priority: r.priority,
  due: iso(r.due_ms),
  earliest: iso(r.earliest_ms),
  minChunkMinutes: r.min_chunk_minutes,
  maxChunkMinutes: r.max_chunk_minutes,
  status: r.status,
  source: r.source,
  externalId: r.external_id,
});

export class TasksRepo {
  constructor(private readonly db: Db) {}

  list(status: TaskStatus | 'all' = 'open'): Task[] {
    const rows =
      status === 'all'
        ? this.db.prepare('SELECT * FROM tasks ORDER BY created_at, id').all()
        : this.db.prepare('SELECT * FROM tasks WHERE status = ? ORDER BY created_at, id').all(status);
    return (rows as TaskRow[]).map(toTask);
  }

  get(id: string): Task | null {
    const row = this.db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  add(t: TaskFields, now: number): Task {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO tasks (id, title, notes, duration_minutes, priority, due_ms, earliest_ms, min_chunk_minutes, max_chunk_minutes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        t.title,
        t.notes,
        t.durationMinutes,
        t.priority,
        ms(t.due),
        ms(t.earliest),
        t.minChunkMinutes,
        t.maxChunkMinutes,
        now,
        now,
      );
    return this.get(id)!;
  }

  update(id: string, t: TaskFields & { status: TaskStatus }, now: number): Task {
    this.db
      .prepare(
        `UPDATE tasks SET title = ?, notes = ?, duration_minutes = ?, priority = ?, due_ms = ?, earliest_ms = ?, min_chunk_minutes = ?,
           max_chunk_minutes = ?, status = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        t.title,
        t.notes,
        t.durationMinutes,
        t.priority,
        ms(t.due),
        ms(t.earliest),
        t.minChunkMinutes,
        t.maxChunkMinutes,
        t.status,
        now,
        id,
      );
    return this.get(id)!;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM tasks WHERE id = ?').run(id);
  }
}
