// The fields of one Google event the normaliser reads, checked by hand.
//
// Why not zod here: a full sync reads 2,500 events a page, and zod's object
// parse builds a deep copy of each one (every nested object and array) only
// for the normaliser to read a few fields of it and drop it; that copy was
// ~0.3 s and most of the garbage of a 100,000-event sync. The page envelope is
// still checked with zod (calendar-source.ts); this reader keeps the per-item
// schema's meaning exactly — tests/main/core/sync/event-fields.test.ts holds
// it to that schema on arbitrary input:
//   - the item must be an object (not an array) with a string `id` of 1–1024
//     UTF-16 units, or it is refused;
//   - every other field that is not of its type reads as absent (zod's
//     `.catch(undefined)`), never refuses the event;
//   - `extendedProperties.private` counts only when all its values are strings
//     (a record of strings), as `z.record(z.string(), z.string())`.

type Obj = Record<string, unknown>;

export interface When {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface EventFields {
  id: string;
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  iCalUID?: string;
  recurringEventId?: string;
  originalStartTime?: When;
  start?: When;
  end?: When;
  transparency?: string;
  eventType?: string;
  updated?: string;
  etag?: string;
  colorId?: string;
  endTimeUnspecified?: boolean;
  /** `recurrence` is an array: a series master. */
  isSeriesMaster: boolean;
  /** `responseStatus` (when a string) of the first attendee whose `self` is true. */
  selfResponseStatus?: string;
  /** calsync's markers in `extendedProperties.private`, read only when that is a record of strings. */
  taskMarker?: string;
  proposalMarker?: string;
  /** Busy mirroring's rule marker: this event is a mirror calsync wrote (core/mirror). */
  mirrorRuleMarker?: string;
}

export const MARKER_TASK = 'calsyncTaskId';
export const MARKER_PROPOSAL = 'calsyncProposalId';
/** Busy mirroring's markers (core/mirror): the rule, the source event, the source version mirrored. */
export const MARKER_MIRROR_RULE = 'calsyncMirrorRule';
export const MARKER_MIRROR_SOURCE = 'calsyncMirrorSource';
export const MARKER_MIRROR_VERSION = 'calsyncMirrorVersion';

/** zod's object check: a non-null object that is not an array. */
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function when(v: unknown): When | undefined {
  if (!isObj(v)) return undefined;
  return { date: str(v.date), dateTime: str(v.dateTime), timeZone: str(v.timeZone) };
}

function selfResponseStatus(attendees: unknown): string | undefined {
  if (!Array.isArray(attendees)) return undefined;
  for (const a of attendees as unknown[]) if (isObj(a) && a.self === true) return str(a.responseStatus);
  return undefined;
}

function privateRecord(ext: unknown): Readonly<Record<string, string>> | undefined {
  if (!isObj(ext)) return undefined;
  const p = ext.private;
  if (!isObj(p)) return undefined;
  // zod's record skips a `__proto__` key (JSON.parse makes it an own property).
  for (const k of Object.keys(p)) if (k !== '__proto__' && typeof p[k] !== 'string') return undefined;
  return p as Record<string, string>;
}

/** The event's fields, or null when it has no usable id (or is not an object). */
export function readEventFields(raw: unknown): EventFields | null {
  if (!isObj(raw)) return null;
  const id = raw.id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 1024) return null;
  const priv = privateRecord(raw.extendedProperties);
  return {
    id,
    status: str(raw.status),
    summary: str(raw.summary),
    description: str(raw.description),
    location: str(raw.location),
    iCalUID: str(raw.iCalUID),
    recurringEventId: str(raw.recurringEventId),
    originalStartTime: when(raw.originalStartTime),
    start: when(raw.start),
    end: when(raw.end),
    transparency: str(raw.transparency),
    eventType: str(raw.eventType),
    updated: str(raw.updated),
    etag: str(raw.etag),
    colorId: str(raw.colorId),
    endTimeUnspecified: typeof raw.endTimeUnspecified === 'boolean' ? raw.endTimeUnspecified : undefined,
    isSeriesMaster: Array.isArray(raw.recurrence),
    selfResponseStatus: selfResponseStatus(raw.attendees),
    // Own keys only: a marker is never read from Object.prototype.
    taskMarker: priv && Object.hasOwn(priv, MARKER_TASK) ? priv[MARKER_TASK] : undefined,
    proposalMarker: priv && Object.hasOwn(priv, MARKER_PROPOSAL) ? priv[MARKER_PROPOSAL] : undefined,
    mirrorRuleMarker: priv && Object.hasOwn(priv, MARKER_MIRROR_RULE) ? priv[MARKER_MIRROR_RULE] : undefined,
  };
}
