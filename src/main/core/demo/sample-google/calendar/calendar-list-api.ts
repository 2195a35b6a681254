// users/me/calendarList (list, get) and freeBusy.query.
import { GoogleApiError } from '../errors';
import { selectFields } from '../fields';
import { jsonBody, type FakeRequest, type FakeResponse } from '../http';
import type { Guard } from '../oauth/guard';
import type { Calendars } from './calendars';
import { eventBounds, makeEtag } from './event-model';
import type { EventStore } from './event-store';
import { slotsFor } from './listing';
import type { Sequence, Subscription } from './model';
import { formatInZone, parseRfc3339 } from './time';
import { decodePageToken, decodeSyncToken, encodePageToken, encodeSyncToken } from './tokens';

const ROLE_RANK: Record<string, number> = {
  freeBusyReader: 0,
  reader: 1,
  writerWithoutPrivateAccess: 2,
  writer: 2,
  owner: 3,
};

// What Google attaches to the owner's primary entry (find_calendar_list.json).
const NOTIFICATIONS = {
  notifications: ['eventCreation', 'eventChange', 'eventCancellation', 'eventResponse'].map((type) => ({
    type,
    method: 'email',
  })),
};

export class CalendarListApi {
  constructor(
    private readonly guard: Guard,
    private readonly calendars: Calendars,
    private readonly store: EventStore,
    private readonly seq: Sequence,
  ) {}

  entry(sub: Subscription, viewer: string): Record<string, unknown> {
    const cal = this.calendars.get(sub.calendarId);
    const e: Record<string, unknown> = {
      kind: 'calendar#calendarListEntry',
      etag: makeEtag(sub.updatedMs, sub.seq),
      id: cal.id,
      summary: cal.summary,
    };
    if (cal.description) e.description = cal.description;
    Object.assign(e, {
      timeZone: cal.timeZone,
      colorId: sub.colorId,
      backgroundColor: sub.backgroundColor,
      foregroundColor: sub.foregroundColor,
    });
    if (sub.hidden) e.hidden = true;
    if (sub.selected) e.selected = true;
    e.accessRole = sub.accessRole;
    // Someone else's calendar shared for writing names its owner (calendars_shared_roles.json).
    const owner = this.calendars.ownerOf(cal.id);
    if (owner && owner !== viewer && (sub.accessRole === 'writer' || sub.accessRole === 'writerWithoutPrivateAccess'))
      e.dataOwner = owner;
    e.defaultReminders = sub.accessRole === 'owner' || sub.accessRole === 'writer' ? sub.defaultReminders : [];
    if (sub.primary) Object.assign(e, { notificationSettings: NOTIFICATIONS, primary: true });
    e.conferenceProperties = { allowedConferenceSolutionTypes: ['hangoutsMeet'] };
    return e;
  }

  list(req: FakeRequest): FakeResponse {
    const caller = this.guard.require(req, 'calendarListRead');
    const q = req.query;
    const syncToken = q.get('syncToken');
    if (syncToken && (q.has('minAccessRole') || q.has('showOwnOrganizationOnly'))) {
      throw new GoogleApiError('invalid', {
        message: 'The parameter minAccessRole cannot be combined with syncToken.',
        location: 'minAccessRole',
      });
    }
    const rawMax = Number(q.get('maxResults') ?? 100);
    if (!Number.isInteger(rawMax) || rawMax < 1) throw new GoogleApiError('invalid', { location: 'maxResults' });
    const max = Math.min(rawMax, 250); // documented cap
    const key = `calendarList:${caller.email}`;
    let since = -1;
    if (syncToken) {
      const sc = decodeSyncToken(syncToken);
      if (!sc || sc.c !== key)
        throw new GoogleApiError('invalid', { message: 'Invalid sync token value.', location: 'syncToken' });
      since = sc.s;
    }
    const minRole = q.get('minAccessRole');
    // With a sync token, hidden entries always come back (documented).
    const showHidden = syncToken !== null || q.get('showHidden') === 'true';
    const all = this.calendars
      .listFor(caller.email)
      .filter(
        (s) =>
          s.seq > since &&
          (showHidden || !s.hidden) &&
          (!minRole || (ROLE_RANK[s.accessRole] ?? 0) >= (ROLE_RANK[minRole] ?? 0)),
      );
    let offset = 0;
    const pageToken = q.get('pageToken');
    if (pageToken) {
      const pc = decodePageToken(pageToken);
      if (!pc || pc.c !== key)
        throw new GoogleApiError('invalid', { message: 'Invalid page token value.', location: 'pageToken' });
      offset = pc.o ?? 0;
    }
    const page = all.slice(offset, offset + max);
    const lastChange = Math.max(0, ...this.calendars.listFor(caller.email).map((s) => s.updatedMs));
    const body: Record<string, unknown> = {
      kind: 'calendar#calendarList',
      etag: makeEtag(lastChange, this.seq.current),
    };
    if (offset + max < all.length)
      body.nextPageToken = encodePageToken({ c: key, h: '', s: 0, i: 0, o: offset + max, e: 1 });
    else body.nextSyncToken = encodeSyncToken({ c: key, s: this.seq.current, e: 1 });
    body.items = page.map((s) => this.entry(s, caller.email));
    return { status: 200, json: selectFields(body, q.get('fields')) };
  }

  get(req: FakeRequest, calendarId: string): FakeResponse {
    const caller = this.guard.require(req, 'calendarListRead');
    const { sub } = this.calendars.resolve(caller.email, calendarId);
    return { status: 200, json: selectFields(this.entry(sub, caller.email), req.query.get('fields')) };
  }

  freeBusy(req: FakeRequest): FakeResponse {
    const caller = this.guard.require(req, 'freeBusy');
    const body = jsonBody<{ timeMin?: string; timeMax?: string; timeZone?: string; items?: Array<{ id?: string }> }>(
      req,
    );
    if (!body.timeMin)
      throw new GoogleApiError('required', { message: 'Missing timeMin parameter.', location: 'timeMin' });
    if (!body.timeMax)
      throw new GoogleApiError('required', { message: 'Missing timeMax parameter.', location: 'timeMax' });
    const min = parseRfc3339(body.timeMin);
    const max = parseRfc3339(body.timeMax);
    if (min === null || max === null) throw new GoogleApiError('badRequest');
    if (max <= min) throw new GoogleApiError('timeRangeEmpty');
    const items = body.items ?? [];
    if (items.length > 50) throw new GoogleApiError('tooManyCalendarsRequested');
    const tz = body.timeZone ?? 'UTC';
    const fmt = (ms: number) =>
      tz === 'UTC' ? new Date(ms).toISOString().replace('.000Z', 'Z') : formatInZone(ms, tz);
    const calendars: Record<string, unknown> = {};
    for (const { id = '' } of items) {
      const calId = id === 'primary' ? caller.email : id;
      const sub = this.calendars.subscription(caller.email, calId);
      if (!sub) {
        calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      calendars[id] = {
        busy: this.busy(calId, caller.email, min, max).map(([s, e]) => ({ start: fmt(s), end: fmt(e) })),
      };
    }
    return {
      status: 200,
      json: {
        kind: 'calendar#freeBusy',
        timeMin: new Date(min).toISOString(),
        timeMax: new Date(max).toISOString(),
        calendars,
      },
    };
  }

  /** Opaque, not cancelled, not declined by the caller; clipped to the window and merged. */
  private busy(calendarId: string, email: string, min: number, max: number): Array<[number, number]> {
    const cal = this.calendars.get(calendarId);
    const q = {
      singleEvents: true,
      showDeleted: false,
      incremental: false,
      timeMin: min,
      timeMax: max,
      match: () => true,
      limited: false,
    };
    const spans: Array<[number, number]> = [];
    for (const s of cal.events.values()) {
      for (const ev of slotsFor(this.store, cal, s, q)) {
        if (!ev || ev.status === 'cancelled' || ev.transparency === 'transparent') continue;
        if (ev.attendees?.some((a) => (a.self || a.email === email) && a.responseStatus === 'declined')) continue;
        const b = eventBounds(ev, cal.timeZone);
        if (b) spans.push([Math.max(b.start, min), Math.min(b.end, max)]);
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else if (span[1] > span[0]) merged.push([span[0], span[1]]);
    }
    return merged;
  }
}
