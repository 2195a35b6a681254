// Least privilege: reading calendars is all a sync needs; writing events is
// asked for only when the user first accepts a planned block, reading Google
// Tasks only when their import is turned on, changing them (completing an
// imported task at Google) only with `login --tasks-write` (incremental
// authorization).
export const SCOPES = {
  identity: ['openid', 'email'],
  calendarRead: ['https://www.googleapis.com/auth/calendar.readonly'],
  eventsWrite: ['https://www.googleapis.com/auth/calendar.events'],
  tasksRead: ['https://www.googleapis.com/auth/tasks.readonly'],
  tasksWrite: ['https://www.googleapis.com/auth/tasks'],
} as const;

export const LOGIN_SCOPES: string[] = [...SCOPES.identity, ...SCOPES.calendarRead];

/** A broader scope also grants the narrower one (calendar → calendar.readonly, tasks → tasks.readonly). */
const IMPLIED_BY: Record<string, string[]> = {
  'https://www.googleapis.com/auth/calendar.readonly': [
    'https://www.googleapis.com/auth/calendar',
    'https://www.googleapis.com/auth/calendar.events',
  ],
  'https://www.googleapis.com/auth/tasks.readonly': ['https://www.googleapis.com/auth/tasks'],
};

export function hasScope(granted: string[], wanted: readonly string[]): boolean {
  return wanted.every((s) => granted.includes(s) || (IMPLIED_BY[s] ?? []).some((g) => granted.includes(g)));
}
