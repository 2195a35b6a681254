// Text the workspace can store. Google's JSON may carry NUL (\u0000) and
// unpaired UTF-16 surrogates; both are valid in a JSON string, but Postgres
// `text` refuses NUL (22P05) and jsonb refuses an unpaired surrogate escape
// (22P02), so such an event would be refused at every push. They are replaced
// here, at the cache boundary, with U+FFFD (one per bad code unit, so lengths
// and positions stay as they were), and the normaliser notes it.
import type { EventRow } from '../store/event-row';

type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };

/** True when Postgres stores `s` as it is. */
export function isStorableText(s: string): boolean {
  return (s as unknown as WellFormed).isWellFormed() && !s.includes('\u0000');
}

/** `s` with each NUL and each unpaired surrogate replaced by U+FFFD; `s` itself when it is storable. */
export function storableText(s: string): string {
  if (isStorableText(s)) return s;
  return (s as unknown as WellFormed).toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/**
 * The row's text fields that reach the workspace. Not `id`: Google's event ids
 * are base32hex (no NUL can occur), and a changed id would no longer match the
 * event's deletion.
 */
export const STORABLE_FIELDS = [
  'iCalUID',
  'recurringEventId',
  'title',
  'description',
  'location',
  'timeZone',
  'eventType',
  'etag',
  'calsyncTaskId',
  'calsyncProposalId',
  'colorId',
] as const satisfies ReadonlyArray<keyof EventRow>;

/**
 * `row`, or a copy with its text fields made storable; when anything changed,
 * one note naming the fields is appended to `notes` (the normaliser's list,
 * which the sync logs). The common case costs one check per field and no copy.
 */
export function storableRow(row: EventRow, notes: string[]): EventRow {
  let out: EventRow | null = null;
  const changed: string[] = [];
  for (const field of STORABLE_FIELDS) {
    const value = row[field];
    if (typeof value !== 'string' || isStorableText(value)) continue;
    out ??= { ...row };
    (out as unknown as Record<string, string>)[field] = storableText(value);
    changed.push(field);
  }
  if (!out) return row;
  notes.push(
    `${changed.join(', ')} held characters Postgres cannot store (NUL or unpaired surrogates); each was replaced with U+FFFD`,
  );
  return out;
}
