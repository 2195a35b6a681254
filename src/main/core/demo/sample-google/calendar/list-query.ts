// events.list parameters, parsed and checked as the Calendar API documents
// them (defaults, bounds, and the parameters a syncToken refuses).
import { createHash } from 'node:crypto';
import { GoogleApiError } from '../errors';
import type { GoogleEvent } from '../types';
import { parseRfc3339 } from './time';

export interface ListParams {
  maxResults: number;
  singleEvents: boolean;
  showDeleted: boolean;
  timeMin?: number;
  timeMax?: number;
  updatedMin?: number;
  orderBy?: 'startTime' | 'updated';
  syncToken?: string;
  pageToken?: string;
  timeZone?: string;
  /** Hash of everything that defines the result set; page tokens are bound to it. */
  hash: string;
  match: (ev: GoogleEvent) => boolean;
}

/** The events.list parameters that cannot be combined with syncToken. */
export const NOT_WITH_SYNC_TOKEN = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

// Parameters that do not change which items come back.
const NOT_HASHED = new Set([
  'pageToken',
  'maxResults',
  'fields',
  'prettyPrint',
  'alt',
  'key',
  'quotaUser',
  'access_token',
  'maxAttendees',
  'alwaysIncludeEmail',
  'timeZone',
  'showHiddenInvitations',
]);

function bool(q: URLSearchParams, name: string, dflt: boolean): boolean {
  const v = q.get(name);
  if (v === null) return dflt;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new GoogleApiError('invalid', { message: `Invalid value for: ${name}`, location: name });
}

function time(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  const ms = parseRfc3339(v);
  if (ms === null) throw new GoogleApiError('badRequest', { location: name });
  return ms;
}

function matcher(q: URLSearchParams): (ev: GoogleEvent) => boolean {
  const terms = (q.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const iCalUID = q.get('iCalUID');
  const priv = q.getAll('privateExtendedProperty').map((p) => p.split('=') as [string, string?]);
  const shared = q.getAll('sharedExtendedProperty').map((p) => p.split('=') as [string, string?]);
  const types = q.getAll('eventTypes');
  return (ev) => {
    if (iCalUID && (ev.iCalUID ?? `${ev.id}@google.com`) !== iCalUID) return false;
    if (types.length && !types.includes(ev.eventType ?? 'default')) return false;
    if (priv.some(([k, v]) => ev.extendedProperties?.private?.[k] !== (v ?? ''))) return false;
    if (shared.some(([k, v]) => ev.extendedProperties?.shared?.[k] !== (v ?? ''))) return false;
    if (terms.length) {
      const people = [ev.organizer, ...(ev.attendees ?? [])].flatMap((p) => [p?.displayName ?? '', p?.email ?? '']);
      const hay = [ev.summary, ev.description, ev.location, ...people].join('\n').toLowerCase();
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  };
}

export function parseListParams(q: URLSearchParams): ListParams {
  const syncToken = q.get('syncToken') ?? undefined;
  if (syncToken !== undefined) {
    const bad = NOT_WITH_SYNC_TOKEN.find((p) => q.has(p));
    if (bad)
      throw new GoogleApiError('invalid', {
        message: `The parameter ${bad} cannot be combined with syncToken.`,
        location: bad,
      });
  }
  const rawMax = q.get('maxResults');
  let maxResults = 250;
  if (rawMax !== null) {
    maxResults = Number(rawMax);
    if (!Number.isInteger(maxResults) || maxResults < 1)
      throw new GoogleApiError('invalid', {
        message: `Invalid value '${rawMax}'. Values must be within the range: [1, 2500]`,
        location: 'maxResults',
      });
    // Documented: "The page size can never be larger than 2500 events."
    maxResults = Math.min(maxResults, 2500);
  }
  const singleEvents = bool(q, 'singleEvents', false);
  const orderBy = q.get('orderBy') ?? undefined;
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated')
    throw new GoogleApiError('invalid', { message: `Invalid value for: orderBy`, location: 'orderBy' });
  if (orderBy === 'startTime' && !singleEvents)
    throw new GoogleApiError('badRequest', {
      message: 'The requested ordering is not available for the particular query.',
    });
  const timeMin = time(q, 'timeMin');
  const timeMax = time(q, 'timeMax');
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin)
    throw new GoogleApiError('timeRangeEmpty', { location: 'timeMax' });
  const hashed = [...q.entries()].filter(([k]) => !NOT_HASHED.has(k)).sort(([a], [b]) => a.localeCompare(b));
  return {
    maxResults,
    singleEvents,
    showDeleted: bool(q, 'showDeleted', false),
    timeMin,
    timeMax,
    updatedMin: time(q, 'updatedMin'),
    orderBy,
    syncToken,
    pageToken: q.get('pageToken') ?? undefined,
    timeZone: q.get('timeZone') ?? undefined,
    hash: createHash('sha1').update(JSON.stringify(hashed)).digest('base64url').slice(0, 12),
    match: matcher(q),
  };
}
