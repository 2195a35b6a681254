// What the week view draws: cached events (busy or free) and calsync's
// proposed blocks (a task's or a habit's), each with wall-clock Dates of the user's zone (what the week lays out).
import type { CachedEvent, Habit, Proposal, Task } from '../../../shared/domain';
import { toWallClock } from '../../format/time';

export type WeekItem =
  | {
      kind: 'event';
      id: string;
      title: string;
      start: Date;
      end: Date;
      allDay: boolean;
      busy: boolean;
      event: CachedEvent;
    }
  | {
      kind: 'proposal';
      id: string;
      title: string;
      start: Date;
      end: Date;
      allDay: false;
      proposal: Proposal;
      /** A habit's block (drawn and listed with a "Habit" mark; not dragged: the engine places those itself). */
      habit: boolean;
    };

/** The name a block is shown with: its habit's or its task's title. */
export function blockTitle(p: Proposal, tasks: Map<string, Task>, habits: Map<string, Habit>): string {
  if (p.habitId) return habits.get(p.habitId)?.title ?? 'Habit';
  return tasks.get(p.taskId)?.title ?? 'Task';
}

/** Declined, cancelled and transparent events and birthdays do not block time; the view shows them faded. */
export function isBusy(e: CachedEvent): boolean {
  return (
    e.transparency !== 'transparent' &&
    e.selfResponse !== 'declined' &&
    e.status !== 'cancelled' &&
    e.eventType !== 'birthday'
  );
}

function dateOnly(s: string): Date {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * A memo of eventItems across reloads: a week reloaded after a sync brings the
 * same events as new objects; those unchanged (same id, `updated`, zone) keep
 * their WeekItem, so the mapping and the calendar's layout work see them as they were.
 */
export function createEventItemMemo(): (events: CachedEvent[], zone: string) => WeekItem[] {
  let memo = new Map<string, WeekItem>();
  return (events, zone) => {
    const next = new Map<string, WeekItem>();
    const out: WeekItem[] = [];
    for (const e of events) {
      const key = `${e.account}\u0000${e.calendarId}\u0000${e.id}\u0000${e.updated ?? ''}\u0000${e.etag ?? ''}\u0000${zone}`;
      const item = memo.get(key) ?? eventItems([e], zone)[0];
      if (!item) continue;
      next.set(key, item);
      out.push(item);
    }
    memo = next;
    return out;
  };
}

export function eventItems(events: CachedEvent[], zone: string): WeekItem[] {
  const out: WeekItem[] = [];
  for (const e of events) {
    // calsync's own accepted blocks are drawn from their proposals instead.
    if (e.calsync) continue;
    const title = e.title || '(no title)';
    if (e.allDay && e.startDate && e.endDate)
      out.push({
        kind: 'event',
        id: `${e.calendarId}/${e.id}`,
        title,
        start: dateOnly(e.startDate),
        end: dateOnly(e.endDate),
        allDay: true,
        busy: isBusy(e),
        event: e,
      });
    else if (e.start && e.end)
      out.push({
        kind: 'event',
        id: `${e.calendarId}/${e.id}`,
        title,
        start: toWallClock(Date.parse(e.start), zone),
        end: toWallClock(Date.parse(e.end), zone),
        allDay: false,
        busy: isBusy(e),
        event: e,
      });
  }
  return out;
}

export function proposalItems(
  proposals: Proposal[],
  tasks: Map<string, Task>,
  zone: string,
  habits: Map<string, Habit> = new Map(),
): WeekItem[] {
  return proposals
    .filter((p) => p.status !== 'rejected')
    .map((p) => ({
      kind: 'proposal' as const,
      id: `proposal/${p.id}`,
      title: blockTitle(p, tasks, habits),
      start: toWallClock(Date.parse(p.start), zone),
      end: toWallClock(Date.parse(p.end), zone),
      allDay: false as const,
      proposal: p,
      habit: !!p.habitId,
    }));
}

/**
 * A memo of proposalItems: every re-plan and every reload of the proposals or the tasks brings new
 * arrays, most often with the same blocks. When each block (the proposal, its task's or habit's title, the zone) is
 * as before, the previous array comes back as it was, so the week (a memoised component whose full
 * render lays out every block again) is not drawn again for nothing.
 */
export function createProposalItemMemo(): (
  proposals: Proposal[],
  tasks: Map<string, Task>,
  zone: string,
  habits?: Map<string, Habit>,
) => WeekItem[] {
  let keys: string[] = [];
  let last: WeekItem[] = [];
  return (proposals, tasks, zone, habits = new Map()) => {
    const shown = proposals.filter((p) => p.status !== 'rejected');
    const next = shown.map((p) => `${JSON.stringify(p)}\u0000${blockTitle(p, tasks, habits)}\u0000${zone}`);
    if (next.length === keys.length && next.every((k, i) => k === keys[i])) return last;
    keys = next;
    last = proposalItems(shown, tasks, zone, habits);
    return last;
  };
}
