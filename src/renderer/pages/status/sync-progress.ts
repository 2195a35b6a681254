// Live progress of the running sync, folded from engine events. Google does
// not say how many pages a calendar has, so the bar counts calendars and the
// text counts pages and events.
import type { EngineEvent } from '../../../shared/api';

export interface CalendarProgress {
  accountId: string;
  calendarId: string;
  kind: 'full' | 'incremental';
  pages: number;
  events: number;
}

export interface SyncProgress {
  runId: number;
  trigger: string;
  calendars: CalendarProgress[];
}

export function foldProgress(p: SyncProgress | null, e: EngineEvent): SyncProgress | null {
  switch (e.type) {
    case 'run-started':
      return { runId: e.runId, trigger: e.trigger, calendars: [] };
    case 'sync-progress': {
      const base = p && p.runId === e.runId ? p : { runId: e.runId, trigger: 'sync', calendars: [] };
      const others = base.calendars.filter((c) => c.calendarId !== e.calendarId || c.accountId !== e.accountId);
      const current = {
        accountId: e.accountId,
        calendarId: e.calendarId,
        kind: e.kind,
        pages: e.pages,
        events: e.events,
      };
      // The calendar being worked on goes last: the bar's text reads from it.
      return { ...base, calendars: [...others, current] };
    }
    case 'run-finished':
      return p && p.runId === e.runId ? null : p;
    default:
      return p;
  }
}

export interface KnownCalendar {
  accountId: string;
  id: string;
  summary: string;
  enabled: boolean;
}

export interface ProgressView {
  value: number;
  max: number;
  text: string;
  /** The calendar being synced is not in the status yet: the status is stale and should be reloaded. */
  countUnknown: boolean;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/**
 * What the bar says. A run lists the calendars before syncing any, and the
 * window's status may predate that list (a first sync knows none): until the
 * calendar being synced is among the known ones there is no "of N" to say.
 */
export function progressView(progress: SyncProgress | null, calendars: KnownCalendar[]): ProgressView {
  const enabled = calendars.filter((c) => c.enabled);
  const current = progress?.calendars.at(-1);
  if (!current) return { value: 0, max: Math.max(enabled.length, 1), text: 'Listing calendars…', countUnknown: false };
  const known = enabled.find((c) => c.id === current.calendarId && c.accountId === current.accountId);
  if (!known) return { value: 0, max: Math.max(enabled.length, 1), text: 'Listing calendars…', countUnknown: true };
  const position = Math.min(progress!.calendars.length, enabled.length);
  const text = `Syncing ${known.summary}: ${plural(current.pages, 'page')}, ${plural(current.events, 'event')} (calendar ${position} of ${enabled.length})`;
  return { value: position - 0.5, max: enabled.length, text, countUnknown: false };
}
