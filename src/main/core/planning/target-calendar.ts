// Where accepted blocks go: the calendar chosen in settings, else the primary
// calendar of the first signed-in account. Writing needs the account's
// consent to edit events, asked for only now (incremental authorization).
import type { Settings } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { CalendarRecord } from '../store/calendars-repo';
import type { Store } from '../store/store';

const WRITABLE = new Set(['owner', 'writer']);

/**
 * The calendar a `targetCalendar` setting names, when blocks can go there:
 * checked when the setting is changed, so a wrong choice is refused then and
 * not first noticed when a block is accepted.
 */
export function checkTargetCalendar(store: Store, id: string): CalendarRecord {
  const active = store.accounts.list().filter((a) => a.status === 'active');
  const matches = store.calendars.list().filter((c) => c.id === id && active.some((a) => a.id === c.accountId));
  // One shared calendar can be listed by several accounts; any copy that may write will do.
  const cal = matches.find((c) => WRITABLE.has(c.accessRole)) ?? matches[0];
  if (!cal)
    throw new AppError(
      'not-found',
      `target calendar "${id}" is not among the calendars of your signed-in accounts; see \`calsync calendars\` (after a sync)`,
    );
  if (!WRITABLE.has(cal.accessRole))
    throw new AppError(
      'bad-input',
      `calsync cannot add events to "${cal.summary}" (you are ${cal.accessRole}); choose a calendar you own or may edit`,
    );
  return cal;
}

export function resolveTargetCalendar(store: Store, settings: Settings): CalendarRecord {
  const active = store.accounts.list().filter((a) => a.status === 'active');
  if (active.length === 0)
    throw new AppError('not-configured', 'No signed-in Google account to add the block to. Run `calsync login`.');
  let cal: CalendarRecord | undefined;
  if (settings.targetCalendar) cal = checkTargetCalendar(store, settings.targetCalendar);
  else {
    cal = store.calendars.list().find((c) => c.primary && active.some((a) => a.id === c.accountId));
    if (!cal) throw new AppError('not-found', 'no primary calendar yet; run a sync first');
    if (!WRITABLE.has(cal.accessRole))
      throw new AppError(
        'bad-input',
        `calsync cannot add events to "${cal.summary}" (you are ${cal.accessRole}); choose another target calendar`,
      );
  }
  const account = active.find((a) => a.id === cal.accountId)!;
  if (!account.canWrite) {
    throw new AppError(
      'needs-consent',
      `calsync needs your permission to add events to ${account.email}'s calendar. Run \`calsync login --write\` (or use "Allow" in the app).`,
      {
        accountId: account.id,
        email: account.email,
      },
    );
  }
  return cal;
}
