// The google.rpc.ErrorInfo that Google adds to a 403 insufficientPermissions
// (a token without the scope the method needs), as captured from the live
// APIs: reason ACCESS_TOKEN_SCOPE_INSUFFICIENT, domain googleapis.com, and
// metadata naming the service and the method. Captured names:
// `calendar-json.googleapis.com` with `calendar.v3.Events.List` and
// `calendar.v3.CalendarList.List`; `tasks.googleapis.com` with
// `google.apps.tasks.data.v1.TaskListService.List`. Other methods follow those
// patterns (not captured one by one); clients match on `reason`, never on the
// method.
import type { FakeRequest } from '../http';

const VERB: Record<string, string> = { POST: 'Insert', PATCH: 'Patch', PUT: 'Update', DELETE: 'Delete' };

function methodOf(req: FakeRequest): { service: string; method: string } | null {
  const s = req.segments;
  const verb = (item: boolean) => (req.method === 'GET' ? (item ? 'Get' : 'List') : (VERB[req.method] ?? req.method));
  if (s[0] === 'calendar') {
    const service = 'calendar-json.googleapis.com';
    if (s[2] === 'freeBusy') return { service, method: 'calendar.v3.Freebusy.Query' };
    if (s[2] === 'users') return { service, method: `calendar.v3.CalendarList.${verb(s.length > 5)}` };
    return { service, method: `calendar.v3.Events.${verb(s.length > 5)}` };
  }
  if (s[0] === 'tasks') {
    const base = 'google.apps.tasks.data.v1';
    const service = 'tasks.googleapis.com';
    if (s[2] === 'users') return { service, method: `${base}.TaskListService.${verb(s.length > 5)}` };
    if (s[4] === 'clear') return { service, method: `${base}.TaskService.Clear` };
    return { service, method: `${base}.TaskService.${verb(s.length > 5)}` };
  }
  return null;
}

export function scopeErrorDetails(req: FakeRequest): unknown[] | undefined {
  const m = methodOf(req);
  if (!m) return undefined;
  return [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
      metadata: { service: m.service, method: m.method },
    },
  ];
}
