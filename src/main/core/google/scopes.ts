// Least privilege: reading calendars is all a sync needs; writing events is
// asked for only when the user first accepts a planned block (incremental auth).
export const SCOPES = {
  identity: ['openid', 'email'],
  calendarRead: ['https://www.googleapis.com/auth/calendar.readonly'],
  eventsWrite: ['https://www.googleapis.com/auth/calendar.events'],
  tasksRead: ['https://www.googleapis.com/auth/tasks.readonly'],
} as const;

export const LOGIN_SCOPES: string[] = [...SCOPES.identity, ...SCOPES.calendarRead];

export function hasScope(granted: string[], wanted: readonly string[]): boolean {
  return wanted.every((s) => granted.includes(s) || (s.endsWith('calendar.readonly') && granted.some((g) => g.endsWith('/auth/calendar') || g.endsWith('calendar.events'))));
}
