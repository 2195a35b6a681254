// The CalendarSource port and its Google implementation (googleapis). Every
// call goes through withRetry with the run's deadline; responses are checked
// before the engine trusts them.
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { OAuth2Client } from 'google-auth-library';
import * as z from 'zod';
import type { RemoteCalendar } from '../store/calendars-repo';
import { MalformedResponseError } from './google-errors';
import { calendarClient } from './calendar-client';
import { EVENTS_LIST_FIELDS } from './list-fields';
import { withRetry, type CallContext, type RetryHooks, type RetryPolicy } from './retry';

export interface EventsQuery {
  syncToken?: string;
  pageToken?: string;
  timeMin?: string;
  maxResults: number;
}

export interface EventsPage {
  items: unknown[];
  nextPageToken: string | null;
  nextSyncToken: string | null;
  timeZone: string | null;
}

export interface CalendarSource {
  listCalendars(ctx: CallContext): Promise<RemoteCalendar[]>;
  listEvents(calendarId: string, q: EventsQuery, ctx: CallContext): Promise<EventsPage>;
}

// The envelope only: each item is checked by the normaliser (sync/event-fields.ts),
// and z.array would copy the 2,500-item array of every page to no purpose.
const pageSchema = z.object({
  items: z.custom<unknown[]>((v) => Array.isArray(v), 'items is not an array').optional(),
  nextPageToken: z.string().min(1).optional(),
  nextSyncToken: z.string().min(1).optional(),
  timeZone: z.string().optional(),
});

const calendarListSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string().min(1),
        summary: z.string().optional(),
        summaryOverride: z.string().optional(),
        timeZone: z.string().optional(),
        accessRole: z.string().optional(),
        primary: z.boolean().optional(),
        backgroundColor: z.string().optional(),
        deleted: z.boolean().optional(),
      }),
    )
    .optional(),
  nextPageToken: z.string().min(1).optional(),
});

export class GoogleCalendarSource implements CalendarSource {
  private readonly api: calendar_v3.Calendar;
  private readonly hooks: RetryHooks;

  constructor(
    auth: OAuth2Client,
    rootUrl: string,
    private readonly policy: RetryPolicy,
    timeoutMs: number,
  ) {
    ({ api: this.api, hooks: this.hooks } = calendarClient(auth, rootUrl, timeoutMs));
  }

  async listCalendars(ctx: CallContext): Promise<RemoteCalendar[]> {
    const out: RemoteCalendar[] = [];
    let pageToken: string | undefined;
    do {
      const res = await withRetry(
        'calendarList.list',
        async () => {
          const r = await this.api.calendarList.list({ maxResults: 250, pageToken, showHidden: true });
          const parsed = calendarListSchema.safeParse(r.data);
          if (!parsed.success) throw new MalformedResponseError('calendar list');
          return parsed.data;
        },
        this.policy,
        ctx,
        this.hooks,
      );
      for (const c of res.items ?? []) {
        if (c.deleted) continue;
        out.push({
          id: c.id,
          summary: c.summaryOverride ?? c.summary ?? c.id,
          timeZone: c.timeZone ?? null,
          accessRole: c.accessRole ?? 'reader',
          primary: c.primary === true,
          color: c.backgroundColor ?? null,
        });
      }
      pageToken = res.nextPageToken;
    } while (pageToken);
    return out;
  }

  async listEvents(calendarId: string, q: EventsQuery, ctx: CallContext): Promise<EventsPage> {
    // Incremental requests carry only the token (+page) and the same shape
    // parameters; timeMin with a syncToken is a 400 at Google.
    const params: calendar_v3.Params$Resource$Events$List = {
      calendarId,
      maxResults: q.maxResults,
      singleEvents: true,
      showDeleted: true,
      fields: EVENTS_LIST_FIELDS,
      pageToken: q.pageToken,
      ...(q.syncToken ? { syncToken: q.syncToken } : q.timeMin ? { timeMin: q.timeMin } : {}),
    };
    const page = await withRetry(
      'events.list',
      async () => {
        const r = await this.api.events.list(params);
        const parsed = pageSchema.safeParse(r.data);
        if (!parsed.success) throw new MalformedResponseError('events page');
        return parsed.data;
      },
      this.policy,
      ctx,
      this.hooks,
    );
    if (!page.nextPageToken && !page.nextSyncToken)
      throw new MalformedResponseError('last events page (no nextSyncToken)');
    return {
      items: page.items ?? [],
      nextPageToken: page.nextPageToken ?? null,
      nextSyncToken: page.nextPageToken ? null : (page.nextSyncToken ?? null),
      timeZone: page.timeZone ?? null,
    };
  }
}
