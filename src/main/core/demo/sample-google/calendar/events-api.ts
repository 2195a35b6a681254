// HTTP handlers for calendars/{calendarId}/events[/{eventId}]: list, get,
// insert, patch, update, delete.
import { GoogleApiError } from '../errors';
import { selectFields } from '../fields';
import { jsonBody, type FakeRequest, type FakeResponse } from '../http';
import { isValidClientEventId } from '../ids';
import type { Guard } from '../oauth/guard';
import type { GoogleEvent } from '../types';
import type { Calendars } from './calendars';
import type { EventStore } from './event-store';
import { parseListParams, type ListParams } from './list-query';
import { logPage, sortedPage, type Cursor, type ViewQuery } from './listing';
import type { CalendarRecord, Sequence, Subscription } from './model';
import { rfc3339Millis } from './time';
import { decodePageToken, decodeSyncToken, encodePageToken, encodeSyncToken } from './tokens';
import { present } from './views';

const WRITERS = new Set(['owner', 'writer', 'writerWithoutPrivateAccess']);

const json = (value: unknown, req: FakeRequest): FakeResponse => ({
  status: 200,
  json: selectFields(value, req.query.get('fields')),
});

export function collectionEtag(seq: number): string {
  return `"p3${seq.toString(32).padStart(14, '0')}"`;
}

export class EventsApi {
  constructor(
    private readonly guard: Guard,
    private readonly calendars: Calendars,
    private readonly store: EventStore,
    private readonly seq: Sequence,
  ) {}

  private target(
    req: FakeRequest,
    need: 'eventsRead' | 'eventsWrite',
    calendarId: string,
  ): { cal: CalendarRecord; sub: Subscription; email: string } {
    const caller = this.guard.require(req, need);
    const { cal, sub } = this.calendars.resolve(caller.email, calendarId);
    if (need === 'eventsWrite' && !WRITERS.has(sub.accessRole)) throw new GoogleApiError('requiredAccessLevel');
    this.store.purge(cal); // expired tombstones are gone for every call
    return { cal, sub, email: caller.email };
  }

  list(req: FakeRequest, calendarId: string): FakeResponse {
    const { cal, sub } = this.target(req, 'eventsRead', calendarId);
    const p = parseListParams(req.query);
    const { from, fromSeq, offset } = this.startCursor(cal, p);
    const q: ViewQuery = {
      singleEvents: p.singleEvents,
      showDeleted: p.showDeleted,
      incremental: fromSeq !== undefined,
      timeMin: p.timeMin,
      timeMax: p.timeMax,
      updatedMin: p.updatedMin,
      match: p.match,
      limited: sub.accessRole === 'freeBusyReader',
    };
    let items: GoogleEvent[];
    let next: { s: number; i: number; o?: number } | null;
    if (p.orderBy) {
      const page = sortedPage(this.store, cal, q, p.orderBy, offset, p.maxResults);
      items = page.items;
      next = page.nextOffset === null ? null : { s: 0, i: 0, o: page.nextOffset };
    } else {
      const page = logPage(this.store, cal, q, from, p.maxResults);
      items = page.items;
      next = page.next && { s: page.next.seq, i: page.next.idx };
    }
    const body: Record<string, unknown> = {
      kind: 'calendar#events',
      etag: collectionEtag(cal.seq),
      summary: cal.summary,
    };
    if (cal.description !== undefined) body.description = cal.description;
    Object.assign(body, {
      updated: rfc3339Millis(cal.updatedMs),
      timeZone: p.timeZone ?? cal.timeZone,
      accessRole: sub.accessRole,
      defaultReminders: WRITERS.has(sub.accessRole) ? cal.defaultReminders : [],
    });
    // nextSyncToken only on the last page; the log was walked to its end, so every write so far is covered.
    if (next) body.nextPageToken = encodePageToken({ c: cal.id, h: p.hash, ...next, f: fromSeq, e: cal.epoch });
    else body.nextSyncToken = encodeSyncToken({ c: cal.id, s: this.seq.current, e: cal.epoch });
    body.items = items.map((e) => present(e, cal.id));
    return json(body, req);
  }

  private startCursor(cal: CalendarRecord, p: ListParams): { from: Cursor; fromSeq?: number; offset: number } {
    if (p.pageToken) {
      const pc = decodePageToken(p.pageToken);
      if (!pc || pc.c !== cal.id || pc.h !== p.hash)
        throw new GoogleApiError('invalid', { message: 'Invalid page token value.', location: 'pageToken' });
      if (pc.f !== undefined && (pc.e !== cal.epoch || pc.f < cal.purgedSeq))
        throw new GoogleApiError('fullSyncRequired');
      return { from: { seq: pc.s, idx: pc.i }, fromSeq: pc.f, offset: pc.o ?? 0 };
    }
    if (p.syncToken) {
      const sc = decodeSyncToken(p.syncToken);
      if (!sc || sc.c !== cal.id)
        throw new GoogleApiError('invalid', { message: 'Invalid sync token value.', location: 'syncToken' });
      // A token from before a tombstone that has since expired would miss that deletion.
      if (sc.e !== cal.epoch || sc.s < cal.purgedSeq) throw new GoogleApiError('fullSyncRequired');
      return { from: { seq: sc.s + 1, idx: 0 }, fromSeq: sc.s, offset: 0 };
    }
    return { from: { seq: 0, idx: 0 }, offset: 0 };
  }

  get(req: FakeRequest, calendarId: string, eventId: string): FakeResponse {
    const { cal } = this.target(req, 'eventsRead', calendarId);
    const ev = this.store.get(cal, eventId);
    if (!ev) throw new GoogleApiError('notFound');
    // A deleted event still answers 200, with status "cancelled".
    return json(present(ev, cal.id), req);
  }

  insert(req: FakeRequest, calendarId: string): FakeResponse {
    const { cal, email } = this.target(req, 'eventsWrite', calendarId);
    const body = jsonBody<Partial<GoogleEvent>>(req);
    if (body.id !== undefined && body.id !== null && !isValidClientEventId(String(body.id))) {
      throw new GoogleApiError('invalid', { message: 'Invalid resource id value.' });
    }
    const ev = this.store.insert(
      cal,
      { ...body, id: body.id ?? undefined, iCalUID: undefined },
      { viewerEmail: email, validate: true },
    );
    return json(present(ev, cal.id), req);
  }

  patch(req: FakeRequest, calendarId: string, eventId: string, replace: boolean): FakeResponse {
    const { cal, email } = this.target(req, 'eventsWrite', calendarId);
    const body = jsonBody<Partial<GoogleEvent>>(req);
    const ifMatch = req.headers['if-match'];
    const ev = this.store.patch(cal, eventId, body, {
      viewerEmail: email,
      validate: true,
      ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
      replace,
    });
    return json(present(ev, cal.id), req);
  }

  remove(req: FakeRequest, calendarId: string, eventId: string): FakeResponse {
    const { cal, email } = this.target(req, 'eventsWrite', calendarId);
    const ifMatch = req.headers['if-match'];
    this.store.remove(cal, eventId, {
      viewerEmail: email,
      validate: true,
      ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
    });
    return { status: 204 };
  }
}
