// Where "Accept all" will write, named for the confirmation before it does:
// the settings' target calendar, else the primary calendar of a signed-in
// account, the rule the engine applies (core/planning/target-calendar.ts).
// When the window cannot tell (no sync yet), it says so instead of guessing.
import type { Account, CalendarInfo, Settings } from '../../../shared/domain';

export interface AcceptTarget {
  /** The calendar, for people: its name and its account. */
  calendar: string;
  /** False when the window could not find it: the engine will say why on accepting. */
  found: boolean;
}

export function acceptTarget(
  settings: Pick<Settings, 'targetCalendar'>,
  calendars: CalendarInfo[],
  accounts: Account[],
): AcceptTarget {
  const active = new Set(accounts.filter((a) => a.status === 'active').map((a) => a.id));
  const candidates = calendars.filter((c) => active.has(c.accountId));
  const cal = settings.targetCalendar
    ? candidates.find((c) => c.id === settings.targetCalendar)
    : candidates.find((c) => c.primary);
  if (cal) return { calendar: `“${cal.summary}” (${cal.account})`, found: true };
  return { calendar: settings.targetCalendar ? `“${settings.targetCalendar}”` : 'your primary calendar', found: false };
}

export function acceptAllQuestion(count: number, target: AcceptTarget): string {
  const blocks = `${count.toLocaleString()} block${count === 1 ? '' : 's'}`;
  return `Add ${blocks} to ${target.calendar} in Google Calendar?`;
}
