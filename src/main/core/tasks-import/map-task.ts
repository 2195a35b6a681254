// Pure mapping of one Google Tasks v1 item to what calsync keeps of it. Google
// owns title, notes, due and status; the planner fields (duration, priority,
// chunks) are calsync's. `due` is a date (Google keeps only the day, sent as
// midnight UTC): the task is due at the end of that day in the user's zone.
// Nothing here throws, whatever the item holds.
import * as z from 'zod';
import type { TaskStatus } from '../../../shared/domain';
import { buildZone, DAY, dayFromIsoDate, firstInstantAtWall } from '../../../shared/time/zone';

export const UNTITLED = '(untitled Google task)';
const MAX_TITLE = 500;
const MAX_NOTES = 100_000;

export type MappedTask =
  | { kind: 'upsert'; id: string; fields: MappedFields }
  | { kind: 'delete'; id: string }
  | { kind: 'skip'; id: string | null; reason: string };

export interface MappedFields {
  title: string;
  notes: string | null;
  status: TaskStatus;
  /** The day Google has, "YYYY-MM-DD", or null (none, or not a usable date). */
  dueDate: string | null;
  /** End of that day in the zone (the first instant of the next day), ISO; null without a due date. */
  due: string | null;
  updated: string | null;
  etag: string | null;
}

const itemSchema = z.object({
  id: z.string().min(1).max(1024),
  title: z.string().nullish().catch(null),
  notes: z.string().nullish().catch(null),
  status: z.string().nullish().catch(null),
  due: z.string().nullish().catch(null),
  deleted: z.boolean().nullish().catch(null),
  hidden: z.boolean().nullish().catch(null),
  updated: z.string().max(64).nullish().catch(null),
  etag: z.string().max(1024).nullish().catch(null),
});

// A lone surrogate is valid in JSON but not in UTF-8 (SQLite would store three
// U+FFFD): one U+FFFD keeps the row equal to what was read back.
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (s: string): string =>
  (s as unknown as WellFormed).isWellFormed() ? s : (s as unknown as WellFormed).toWellFormed();

/** Text as text: kept whole (markup, quotes, control characters), cut to a length the task schema accepts. */
export function cleanText(s: string | null | undefined, max: number): string | null {
  if (s === null || s === undefined) return null;
  const cut = s.length > max ? s.slice(0, max) : s;
  return wellFormed(cut);
}

export function mapGoogleTask(raw: unknown, zone: string): MappedTask {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id || null : null;
    return { kind: 'skip', id, reason: 'task without a usable id' };
  }
  const t = parsed.data;
  if (t.deleted === true) return { kind: 'delete', id: t.id };
  const title = cleanText(t.title?.trim(), MAX_TITLE) || UNTITLED;
  const notes = cleanText(t.notes, MAX_NOTES) || null;
  const dueDate = dueDateOf(t.due ?? null);
  const dueMs = dueDate === null ? null : endOfDay(dueDate, zone);
  return {
    kind: 'upsert',
    id: t.id,
    fields: {
      title,
      notes,
      // Hidden tasks are completed ones the user cleared from the list.
      status: t.status === 'completed' || t.hidden === true ? 'done' : 'open',
      dueDate: dueMs === null ? null : dueDate,
      due: dueMs === null ? null : new Date(dueMs).toISOString(),
      updated: t.updated ?? null,
      etag: t.etag ?? null,
    },
  };
}

/** "2026-08-05T00:00:00.000Z" → "2026-08-05": Google keeps the day only. */
export function dueDateOf(due: string | null): string | null {
  if (!due) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(due);
  return m ? m[1]! : null;
}

/**
 * The end of a calendar day in an IANA zone: the first instant of the next
 * local day (which is not always 00:00 — some zones skip midnight for DST).
 * Null when the date or the zone is not usable.
 */
export function endOfDay(date: string, zone: string): number | null {
  try {
    const next = (dayFromIsoDate(date) + 1) * DAY;
    const ms = firstInstantAtWall(buildZone(zone, next - DAY, next + DAY), next);
    return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : null;
  } catch {
    return null;
  }
}
