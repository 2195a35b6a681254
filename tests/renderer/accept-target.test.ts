// What the "Accept all" confirmation names: the calendar the engine's rule
// (core/planning/target-calendar.ts) writes to — the settings' target, else a
// signed-in account's primary — and no name at all when the window cannot know.
import { describe, expect, it } from 'vitest';
import type { Account, CalendarInfo } from '../../src/shared/domain';
import { acceptAllQuestion, acceptTarget } from '../../src/renderer/pages/plan/accept-target';

const account = (id: string, status: Account['status'] = 'active'): Account => ({
  id,
  email: `${id}@example.test`,
  status,
  statusReason: null,
  signInExpiresAt: null,
  canWrite: true,
  canReadTasks: false,
  canWriteTasks: false,
});
const calendar = (accountId: string, id: string, summary: string, primary = false): CalendarInfo =>
  ({
    accountId,
    account: `${accountId}@example.test`,
    id,
    summary,
    timeZone: 'UTC',
    accessRole: 'owner',
    primary,
    color: null,
    enabled: true,
    hasSyncToken: true,
    lastSyncedAt: null,
    lastError: null,
  }) as CalendarInfo;

describe('acceptTarget', () => {
  const calendars = [
    calendar('old', 'old@example.test', 'Old me', true),
    calendar('me', 'me@example.test', 'Me', true),
    calendar('me', 'work-id', 'Work'),
  ];

  it('names the settings target calendar when there is one', () => {
    expect(acceptTarget({ targetCalendar: 'work-id' }, calendars, [account('me')])).toEqual({
      calendar: '“Work” (me@example.test)',
      found: true,
    });
  });

  it('else the primary calendar of a signed-in account, skipping accounts that are signed out', () => {
    expect(acceptTarget({ targetCalendar: null }, calendars, [account('old', 'revoked'), account('me')])).toEqual({
      calendar: '“Me” (me@example.test)',
      found: true,
    });
  });

  it('says it cannot name one rather than guessing when the calendar is not known yet', () => {
    expect(acceptTarget({ targetCalendar: null }, [], [account('me')])).toEqual({
      calendar: 'your primary calendar',
      found: false,
    });
    expect(acceptTarget({ targetCalendar: 'gone-id' }, calendars, [account('me')])).toEqual({
      calendar: '“gone-id”',
      found: false,
    });
  });

  it('asks with the count and the calendar', () => {
    expect(acceptAllQuestion(1, { calendar: '“Me” (me@example.test)', found: true })).toBe(
      'Add 1 block to “Me” (me@example.test) in Google Calendar?',
    );
    expect(acceptAllQuestion(12, { calendar: 'your primary calendar', found: false })).toBe(
      'Add 12 blocks to your primary calendar in Google Calendar?',
    );
  });
});
