// Live progress of the running sync, folded from engine events. Google does
// not say how many pages a calendar has, so the bar counts calendars and the
// text counts pages and events.
import type { EngineEvent } from '../../../shared/api';

export interface CalendarProgress {
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
      const others = base.calendars.filter((c) => c.calendarId !== e.calendarId);
      const current = { calendarId: e.calendarId, kind: e.kind, pages: e.pages, events: e.events };
      // The calendar being worked on goes last: the bar's text reads from it.
      return { ...base, calendars: [...others, current] };
    }
    case 'run-finished':
      return p && p.runId === e.runId ? null : p;
    default:
      return p;
  }
}
