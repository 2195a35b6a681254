// Scope names and which API calls each one allows, per Google's scope tables for
// Calendar v3 and Tasks v1. The short OpenID names are expanded the way Google
// echoes them back in the token response.

const AUTH = 'https://www.googleapis.com/auth/';

const SHORT: Record<string, string> = {
  email: `${AUTH}userinfo.email`,
  profile: `${AUTH}userinfo.profile`,
};

/** Split, expand and de-duplicate a `scope` parameter; null when a scope is not one Google knows the shape of. */
export function normaliseScopes(param: string): string[] | null {
  const out: string[] = [];
  for (const raw of param.split(/\s+/).filter(Boolean)) {
    const s = SHORT[raw] ?? raw;
    if (s !== 'openid' && !s.startsWith(AUTH)) return null;
    if (!out.includes(s)) out.push(s);
  }
  return out.length > 0 ? out : null;
}

export function hasIdentityScope(scopes: readonly string[]): boolean {
  return scopes.some((s) => s === 'openid' || s === SHORT.email || s === SHORT.profile);
}

const cal = (...names: string[]) => names.map((n) => AUTH + n);

/** Scopes that allow each kind of call; a token needs any one of them. */
export const NEEDS = {
  calendarListRead: cal('calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly'),
  eventsRead: cal(
    'calendar',
    'calendar.readonly',
    'calendar.events',
    'calendar.events.readonly',
    'calendar.events.owned',
    'calendar.events.owned.readonly',
  ),
  eventsWrite: cal('calendar', 'calendar.events', 'calendar.events.owned'),
  freeBusy: cal(
    'calendar',
    'calendar.readonly',
    'calendar.events',
    'calendar.events.readonly',
    'calendar.events.freebusy',
    'calendar.freebusy',
  ),
  tasksRead: cal('tasks', 'tasks.readonly'),
  tasksWrite: cal('tasks'),
  userinfo: ['openid', SHORT.email as string, SHORT.profile as string],
} as const;

export type Need = keyof typeof NEEDS;

export function allows(granted: readonly string[], need: Need): boolean {
  return NEEDS[need].some((s) => granted.includes(s));
}
