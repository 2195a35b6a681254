// Where accepted blocks go: the calendar chosen in settings, else the primary
// calendar of the first signed-in account. Writing needs the account's
// consent to edit events, asked for only now (incremental authorization).
import type { Settings } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { CalendarRecord } from '../store/calendars-repo';
import type { Store } from '../store/store';

const WRITABLE = new Set(['owner', 'writer']);

export function resolveTargetCalendar(store: Store, settings: Settings): CalendarRecord {
  const active = store.accounts.list().filter((a) => a.status === 'active');
  if (active.length === 0) throw new AppError('not-configured', 'No signed-in Google account to add the block to. Run `calsync login`.');
  const candidates = store.calendars.list().filter((c) => active.some((a) => a.id === c.accountId));
  const cal = settings.targetCalendar ? candidates.find((c) => c.id === settings.targetCalendar) : candidates.find((c) => c.primary);
  if (!cal) {
    throw new AppError('not-found', settings.targetCalendar ? `target calendar "${settings.targetCalendar}" is not among your calendars` : 'no primary calendar yet; run a sync first');
  }
  if (!WRITABLE.has(cal.accessRole)) throw new AppError('bad-input', `calsync cannot add events to "${cal.summary}" (you are ${cal.accessRole}); choose another target calendar`);
  const account = active.find((a) => a.id === cal.accountId)!;
  if (!account.canWrite) {
    throw new AppError('needs-consent', `calsync needs your permission to add events to ${account.email}'s calendar. Run \`calsync login --write\` (or use "Allow" in the app).`, {
      accountId: account.id,
      email: account.email,
    });
  }
  return cal;
}
