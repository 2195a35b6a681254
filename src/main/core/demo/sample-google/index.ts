// A faithful fake of Google OAuth 2.0 (installed-app flow), Calendar v3 and
// Tasks v1 on 127.0.0.1, driven by the official googleapis clients with
// rootUrl = baseUrl. Test helpers below write data the way the API would,
// without HTTP and without the API's input validation.
import { CalendarListApi } from './calendar/calendar-list-api';
import { Calendars } from './calendar/calendars';
import { EventStore } from './calendar/event-store';
import { EventsApi } from './calendar/events-api';
import { logPage } from './calendar/listing';
import { Sequence, type CalendarRecord } from './calendar/model';
import { instanceIdFor } from './calendar/recurrence';
import { present } from './calendar/views';
import { FaultEngine } from './faults';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { createHttpShell } from './http';
import { deepCopy, IdSource } from './ids';
import { AuthorizeEndpoint } from './oauth/authorize';
import { Guard } from './oauth/guard';
import { OAuthState } from './oauth/state';
import { TokenEndpoint } from './oauth/token';
import { createRouter } from './router';
import { TaskStore } from './tasks/task-store';
import { TasksApi } from './tasks/tasks-api';
import type { AddCalendarInput, FaultControl, GoogleEvent, GoogleTask, GoogleTaskList, RecordedRequest } from './types';

export type * from './types';
export type { RateLimitOptions } from './rate-limit';

export interface FakeGoogleOptions {
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSec?: number;
  now?: () => number;
  seed?: number;
  /** Refresh tokens die this long after consent, as for an unverified "Testing" OAuth app (7 days). */
  refreshTokenTtlSec?: number;
  /** Infinite series are expanded up to this many days after the fake started (default 365). Google has no such bound. */
  recurrenceHorizonDays?: number;
  /** A deleted recurring series is listed as cancelled instances only this far past the delete (default 182 days, as Google: about six months). */
  seriesDeletionWindowDays?: number;
  /** Deleted events are listed (showDeleted, sync tokens) this long, then purged; older sync tokens get 410 (default 30 days). */
  tombstoneTtlDays?: number;
}

export interface FakeGoogle {
  baseUrl: string;
  env: Record<string, string>;
  clientId: string;
  clientSecret: string;
  /** Last instant (ms) up to which recurring series are expanded. */
  recurrenceHorizon: number;
  addUser(u: { email: string; sub?: string; name?: string }): { email: string; sub: string };
  setConsentUser(email: string | null): void;
  denyNextConsent(): void;
  revokeUser(email: string): void;
  expireAccessTokens(): void;
  issuedTokens(): string[];
  addCalendar(email: string, c: AddCalendarInput): string;
  insertEvent(calendarId: string, e: Partial<GoogleEvent>): GoogleEvent;
  patchEvent(calendarId: string, eventId: string, patch: Partial<GoogleEvent>): GoogleEvent;
  deleteEvent(calendarId: string, eventId: string): void;
  moveInstance(calendarId: string, masterId: string, originalStart: string, change: Partial<GoogleEvent>): GoogleEvent;
  cancelInstance(calendarId: string, masterId: string, originalStart: string): void;
  liveEvents(calendarId: string): GoogleEvent[];
  getEvent(calendarId: string, eventId: string): GoogleEvent | undefined;
  invalidateSyncTokens(calendarId?: string): void;
  addTaskList(email: string, title: string): string;
  addTask(listId: string, t: Partial<GoogleTask>): GoogleTask;
  patchTask(listId: string, taskId: string, patch: Partial<GoogleTask>): GoogleTask;
  /** The user ticks the task in Google's own apps: completed, and hidden (listed only with showHidden). */
  completeTaskInApp(listId: string, taskId: string): GoogleTask;
  deleteTask(listId: string, taskId: string): void;
  getTask(listId: string, taskId: string): GoogleTask | undefined;
  /** The user's task lists ("My Tasks" first). */
  taskLists(email: string): GoogleTaskList[];
  /** Every task of a list, deleted and hidden ones too, in position order. */
  tasksOf(listId: string): GoogleTask[];
  /** tasks.clear: completed tasks of the list become hidden. */
  clearTaskList(listId: string): void;
  /** tasklists.delete: the list and its tasks are gone. */
  deleteTaskList(listId: string): void;
  faults: FaultControl;
  /** Google's per-user quota (600 requests a minute, sliding window) on, scaled, or off (null): over it, 403 rateLimitExceeded. */
  rateLimit(opts: RateLimitOptions | null): void;
  /** Requests the rate-limit mode refused since it was last set. */
  rateLimited(): number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const clone = <T>(v: T): T => deepCopy(v);

export async function startFakeGoogle(opts: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const now = opts.now ?? (() => Date.now());
  const ids = new IdSource(opts.seed ?? 1);
  const clientId =
    opts.clientId ??
    `${ids.pick('0123456789', 12)}-${ids.pick('0123456789abcdefghijklmnopqrstuv', 32)}.apps.googleusercontent.com`;
  const clientSecret = opts.clientSecret ?? `GOCSPX-${ids.opaque(28)}`;
  const horizon = now() + (opts.recurrenceHorizonDays ?? 365) * 86_400_000;

  const seq = new Sequence();
  const oauth = new OAuthState(ids, now, opts.accessTokenTtlSec ?? 3600, opts.refreshTokenTtlSec ?? null);
  const guard = new Guard(oauth);
  const calendars = new Calendars(seq, ids, now);
  const store = new EventStore(seq, ids, now, horizon, {
    seriesWindowMs: (opts.seriesDeletionWindowDays ?? 182) * 86_400_000,
    tombstoneTtlMs: (opts.tombstoneTtlDays ?? 30) * 86_400_000,
  });
  const taskStore = new TaskStore(ids, now);
  const limiter = new RateLimiter(now, (token) => oauth.authenticate(token)?.email ?? null);
  const faults = new FaultEngine(limiter);
  const requests: RecordedRequest[] = [];

  const route = createRouter({
    authorize: new AuthorizeEndpoint(oauth, clientId, ids),
    token: new TokenEndpoint(oauth, { clientId, clientSecret }, now),
    guard,
    calendarList: new CalendarListApi(guard, calendars, store, seq),
    events: new EventsApi(guard, calendars, store, seq),
    tasks: new TasksApi(guard, taskStore),
    now,
  });
  const shell = createHttpShell(route, faults, requests, now);
  const port = await shell.listen();
  const baseUrl = `http://127.0.0.1:${port}/`;

  // Test helpers act as the calendar's owner would through the API.
  const owned = (calendarId: string): { cal: CalendarRecord; viewerEmail: string } => ({
    cal: calendars.get(calendarId),
    viewerEmail: calendars.ownerOf(calendarId) ?? calendarId,
  });
  const instanceId = (calendarId: string, masterId: string, originalStart: string): string => {
    const id = instanceIdFor(masterId, originalStart);
    if (!id || !store.get(calendars.get(calendarId), id))
      throw new Error(`fake-google: ${masterId} has no instance at ${originalStart}`);
    return id;
  };

  return {
    baseUrl,
    clientId,
    clientSecret,
    recurrenceHorizon: horizon,
    env: {
      CALSYNC_GOOGLE_API_URL: baseUrl,
      CALSYNC_GOOGLE_AUTH_URL: `${baseUrl}o/oauth2/v2/auth`,
      CALSYNC_GOOGLE_TOKEN_URL: `${baseUrl}token`,
      CALSYNC_GOOGLE_REVOKE_URL: `${baseUrl}revoke`,
      CALSYNC_GOOGLE_CLIENT_ID: clientId,
      CALSYNC_GOOGLE_CLIENT_SECRET: clientSecret,
    },
    addUser(u) {
      const user = oauth.addUser(u);
      calendars.addPrimary(user.email);
      if (taskStore.listsFor(user.email).length === 0) taskStore.addList(user.email, 'My Tasks');
      return { email: user.email, sub: user.sub };
    },
    setConsentUser: (email) => {
      oauth.consentUser = email === null ? null : email.toLowerCase();
    },
    denyNextConsent: () => {
      oauth.denyNext = true;
    },
    revokeUser: (email) => oauth.revokeUser(email),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    issuedTokens: () => [...oauth.issued],
    addCalendar: (email, c) => calendars.add(email.toLowerCase(), c),
    insertEvent(calendarId, e) {
      const { cal, viewerEmail } = owned(calendarId);
      return clone(present(store.insert(cal, e, { viewerEmail, validate: false }), calendarId));
    },
    patchEvent(calendarId, eventId, patch) {
      const { cal, viewerEmail } = owned(calendarId);
      return clone(present(store.patch(cal, eventId, patch, { viewerEmail, validate: false }), calendarId));
    },
    deleteEvent(calendarId, eventId) {
      const { cal, viewerEmail } = owned(calendarId);
      store.remove(cal, eventId, { viewerEmail, validate: false });
    },
    moveInstance(calendarId, masterId, originalStart, change) {
      const { cal, viewerEmail } = owned(calendarId);
      return clone(
        present(
          store.patch(cal, instanceId(calendarId, masterId, originalStart), change, { viewerEmail, validate: false }),
          calendarId,
        ),
      );
    },
    cancelInstance(calendarId, masterId, originalStart) {
      const { cal, viewerEmail } = owned(calendarId);
      store.remove(cal, instanceId(calendarId, masterId, originalStart), { viewerEmail, validate: false });
    },
    liveEvents(calendarId) {
      const cal = calendars.get(calendarId);
      store.purge(cal);
      const q = { singleEvents: true, showDeleted: false, incremental: false, match: () => true, limited: false };
      return logPage(store, cal, q, { seq: 0, idx: 0 }, Number.POSITIVE_INFINITY).items.map((e) =>
        clone(present(e, calendarId)),
      );
    },
    getEvent(calendarId, eventId) {
      store.purge(calendars.get(calendarId));
      const ev = store.get(calendars.get(calendarId), eventId);
      return ev && clone(present(ev, calendarId));
    },
    invalidateSyncTokens(calendarId) {
      for (const cal of calendarId ? [calendars.get(calendarId)] : calendars.records.values()) store.invalidate(cal);
    },
    addTaskList: (email, title) => taskStore.addList(email.toLowerCase(), title),
    addTask: (listId, t) => clone(taskStore.insert(listId, t)),
    patchTask: (listId, taskId, patch) => clone(taskStore.patch(listId, taskId, patch)),
    completeTaskInApp: (listId, taskId) => clone(taskStore.completeInApp(listId, taskId)),
    deleteTask: (listId, taskId) => taskStore.remove(listId, taskId),
    getTask(listId, taskId) {
      const t = taskStore.record(listId).tasks.get(taskId);
      return t && clone(t);
    },
    taskLists: (email) => taskStore.listsFor(email.toLowerCase()).map(clone),
    tasksOf: (listId) =>
      [...taskStore.record(listId).tasks.values()]
        .sort((a, b) => String(a.position).localeCompare(String(b.position)))
        .map(clone),
    clearTaskList: (listId) => taskStore.clear(listId),
    deleteTaskList: (listId) => taskStore.removeList(listId),
    faults,
    rateLimit: (opts) => limiter.set(opts),
    rateLimited: () => limiter.refused,
    requests,
    close: () => shell.close(),
  };
}
