// Writes to Google Calendar for accepted blocks and mirrors: insert with a
// client-chosen id, get, patch, delete. Same retry policy and error
// classification as syncing. A patch or delete may carry `ifMatch` (the etag
// calsync last saw): Google then refuses with 412 if the event changed since,
// so a change made by hand is never overwritten unseen (see guarded-write.ts).
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { OAuth2Client } from 'google-auth-library';
import { GoogleCallError } from './google-errors';
import { calendarClient } from './calendar-client';
import { withRetry, type CallContext, type RetryHooks, type RetryPolicy } from './retry';

export type GoogleEventBody = calendar_v3.Schema$Event;

/** A write made only if the event is still the version with this etag (null: unconditional). */
export interface WriteGuard {
  ifMatch?: string | null;
}

const guardHeaders = (g: WriteGuard | undefined) => (g?.ifMatch ? { headers: { 'If-Match': g.ifMatch } } : {});

export class EventWriter {
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

  /** Inserts with the given id; a 409 (the id exists, e.g. an earlier try did land) comes back as 'exists'. */
  async insert(
    calendarId: string,
    body: GoogleEventBody,
    ctx: CallContext,
  ): Promise<{ created: GoogleEventBody } | 'exists'> {
    try {
      const res = await withRetry(
        'events.insert',
        () => this.api.events.insert({ calendarId, requestBody: body }),
        this.policy,
        ctx,
        this.hooks,
      );
      return { created: res.data };
    } catch (e) {
      if (e instanceof GoogleCallError && e.failure.status === 409) return 'exists';
      throw e;
    }
  }

  async get(calendarId: string, eventId: string, ctx: CallContext): Promise<GoogleEventBody | null> {
    try {
      const res = await withRetry(
        'events.get',
        () => this.api.events.get({ calendarId, eventId }),
        this.policy,
        ctx,
        this.hooks,
      );
      return res.data;
    } catch (e) {
      if (e instanceof GoogleCallError && e.failure.status === 404) return null;
      throw e;
    }
  }

  async patch(
    calendarId: string,
    eventId: string,
    body: GoogleEventBody,
    ctx: CallContext,
    guard?: WriteGuard,
  ): Promise<GoogleEventBody> {
    const res = await withRetry(
      'events.patch',
      () => this.api.events.patch({ calendarId, eventId, requestBody: body }, guardHeaders(guard)),
      this.policy,
      ctx,
      this.hooks,
    );
    return res.data;
  }

  /** Deletes the event; one already deleted (410) or never there (404) is 'gone', so an undo retried after a lost answer is safe. */
  async remove(calendarId: string, eventId: string, ctx: CallContext, guard?: WriteGuard): Promise<'deleted' | 'gone'> {
    try {
      await withRetry(
        'events.delete',
        () => this.api.events.delete({ calendarId, eventId }, guardHeaders(guard)),
        this.policy,
        ctx,
        this.hooks,
      );
      return 'deleted';
    } catch (e) {
      if (e instanceof GoogleCallError && (e.failure.status === 404 || e.failure.status === 410)) return 'gone';
      throw e;
    }
  }
}
