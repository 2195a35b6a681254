// Habits (schema step 14). The frequency is kept as JSON: it is read whole,
// never queried by its parts.
import { randomUUID } from 'node:crypto';
import type { Habit, HabitFrequency, Priority } from '../../../shared/domain';
import type { Db } from './database';

interface HabitRow {
  id: string;
  title: string;
  duration_minutes: number;
  min_duration_minutes: number | null;
  frequency: string;
  window_start: string;
  window_end: string;
  priority: Priority;
  droppable: number;
  enabled: number;
}

export type HabitFields = Omit<Habit, 'id'>;

const toHabit = (r: HabitRow): Habit => ({
  id: r.id,
  title: r.title,
  durationMinutes: r.duration_minutes,
  minDurationMinutes: r.min_duration_minutes,
  frequency: JSON.parse(r.frequency) as HabitFrequency,
  window: { start: r.window_start, end: r.window_end },
  priority: r.priority,
  droppable: r.droppable === 1,
  enabled: r.enabled === 1,
});

const values = (h: HabitFields) => [
  h.title,
  h.durationMinutes,
  h.minDurationMinutes,
  JSON.stringify(h.frequency),
  h.window.start,
  h.window.end,
  h.priority,
  h.droppable ? 1 : 0,
  h.enabled ? 1 : 0,
];

export class HabitsRepo {
  constructor(private readonly db: Db) {}

  list(which: 'enabled' | 'all' = 'all'): Habit[] {
    const rows = this.db
      .prepare(`SELECT * FROM habits ${which === 'enabled' ? 'WHERE enabled = 1' : ''} ORDER BY created_at, id`)
      .all() as HabitRow[];
    return rows.map(toHabit);
  }

  get(id: string): Habit | null {
    const row = this.db.prepare('SELECT * FROM habits WHERE id = ?').get(id) as HabitRow | undefined;
    return row ? toHabit(row) : null;
  }

  add(h: HabitFields, now: number): Habit {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO habits (title, duration_minutes, min_duration_minutes, frequency, window_start, window_end, priority, droppable, enabled, id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...values(h), id, now, now);
    return this.get(id)!;
  }

  update(id: string, h: HabitFields, now: number): Habit {
    this.db
      .prepare(
        `UPDATE habits SET title = ?, duration_minutes = ?, min_duration_minutes = ?, frequency = ?, window_start = ?, window_end = ?,
           priority = ?, droppable = ?, enabled = ?, updated_at = ? WHERE id = ?`,
      )
      .run(...values(h), now, id);
    return this.get(id)!;
  }

  /** Its proposals go with it (FK cascade); accepted blocks stay in the calendar as plain events. */
  delete(id: string): void {
    this.db.prepare('DELETE FROM habits WHERE id = ?').run(id);
  }
}
