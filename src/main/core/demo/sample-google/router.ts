// The URL table: paths exactly as googleapis/google-auth-library call them with
// rootUrl = baseUrl. Path segments arrive decoded, so calendar ids with "@"
// and "#" match as one segment.
import type { CalendarListApi } from './calendar/calendar-list-api';
import type { EventsApi } from './calendar/events-api';
import type { FakeRequest, FakeResponse, RouteFn } from './http';
import type { AuthorizeEndpoint } from './oauth/authorize';
import type { Guard } from './oauth/guard';
import type { TokenEndpoint } from './oauth/token';
import type { TasksApi } from './tasks/tasks-api';

type Params = Record<string, string>;
type Handler = (req: FakeRequest, p: Params) => FakeResponse;

export interface Apis {
  authorize: AuthorizeEndpoint;
  token: TokenEndpoint;
  guard: Guard;
  calendarList: CalendarListApi;
  events: EventsApi;
  tasks: TasksApi;
  now: () => number;
}

function table(a: Apis): Array<[string, string, Handler]> {
  const p = (x: Params, k: string) => x[k] as string;
  return [
    ['GET', 'o/oauth2/v2/auth', (r) => a.authorize.authorize(r)],
    ['POST', 'o/oauth2/v2/auth/consent', (r) => a.authorize.consent(r)],
    ['POST', 'token', (r) => a.token.handle(r)],
    ['GET', 'token', (r) => a.token.handle(r)],
    ['POST', 'revoke', (r) => a.token.revoke(r)],
    ['GET', 'revoke', (r) => a.token.revoke(r)],
    ['GET', 'tokeninfo', (r) => a.guard.tokeninfo(r, a.now())],
    ['GET', 'oauth2/v2/userinfo', (r) => a.guard.userinfo(r, true)],
    ['GET', 'oauth2/v3/userinfo', (r) => a.guard.userinfo(r, false)],
    ['GET', 'v1/userinfo', (r) => a.guard.userinfo(r, false)],
    ['GET', 'calendar/v3/users/me/calendarList', (r) => a.calendarList.list(r)],
    ['GET', 'calendar/v3/users/me/calendarList/:cal', (r, x) => a.calendarList.get(r, p(x, 'cal'))],
    ['POST', 'calendar/v3/freeBusy', (r) => a.calendarList.freeBusy(r)],
    ['GET', 'calendar/v3/calendars/:cal/events', (r, x) => a.events.list(r, p(x, 'cal'))],
    ['POST', 'calendar/v3/calendars/:cal/events', (r, x) => a.events.insert(r, p(x, 'cal'))],
    ['GET', 'calendar/v3/calendars/:cal/events/:id', (r, x) => a.events.get(r, p(x, 'cal'), p(x, 'id'))],
    ['PATCH', 'calendar/v3/calendars/:cal/events/:id', (r, x) => a.events.patch(r, p(x, 'cal'), p(x, 'id'), false)],
    ['PUT', 'calendar/v3/calendars/:cal/events/:id', (r, x) => a.events.patch(r, p(x, 'cal'), p(x, 'id'), true)],
    ['DELETE', 'calendar/v3/calendars/:cal/events/:id', (r, x) => a.events.remove(r, p(x, 'cal'), p(x, 'id'))],
    ['GET', 'tasks/v1/users/@me/lists', (r) => a.tasks.lists(r)],
    ['GET', 'tasks/v1/users/@me/lists/:list', (r, x) => a.tasks.getList(r, p(x, 'list'))],
    ['DELETE', 'tasks/v1/users/@me/lists/:list', (r, x) => a.tasks.deleteList(r, p(x, 'list'))],
    ['GET', 'tasks/v1/lists/:list/tasks', (r, x) => a.tasks.tasks(r, p(x, 'list'))],
    ['POST', 'tasks/v1/lists/:list/tasks', (r, x) => a.tasks.insert(r, p(x, 'list'))],
    ['POST', 'tasks/v1/lists/:list/clear', (r, x) => a.tasks.clear(r, p(x, 'list'))],
    ['GET', 'tasks/v1/lists/:list/tasks/:task', (r, x) => a.tasks.task(r, p(x, 'list'), p(x, 'task'))],
    ['PATCH', 'tasks/v1/lists/:list/tasks/:task', (r, x) => a.tasks.patch(r, p(x, 'list'), p(x, 'task'), false)],
    ['PUT', 'tasks/v1/lists/:list/tasks/:task', (r, x) => a.tasks.patch(r, p(x, 'list'), p(x, 'task'), true)],
    ['DELETE', 'tasks/v1/lists/:list/tasks/:task', (r, x) => a.tasks.remove(r, p(x, 'list'), p(x, 'task'))],
  ];
}

function match(pattern: string[], segments: string[]): Params | null {
  if (pattern.length !== segments.length) return null;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = segments[i] as string;
    if (want.startsWith(':')) params[want.slice(1)] = got;
    else if (want !== got) return null;
  }
  return params;
}

// Google's answer to an unknown URL is an HTML page, not a JSON envelope.
const NOT_FOUND: FakeResponse = {
  status: 404,
  headers: { 'Content-Type': 'text/html; charset=UTF-8' },
  body: '<!DOCTYPE html><html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> <ins>That’s an error.</ins><p>The requested URL was not found on this server.',
};

export function createRouter(apis: Apis): RouteFn {
  const routes = table(apis).map(([method, path, h]) => ({ method, pattern: path.split('/'), h }));
  return (req) => {
    for (const r of routes) {
      if (r.method !== req.method) continue;
      const params = match(r.pattern, req.segments);
      if (params) return r.h(req, params);
    }
    return NOT_FOUND;
  };
}
