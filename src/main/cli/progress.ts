// A long first sync shows that it is moving: on a terminal, one line on stderr
// rewritten in place — "syncing calendar 2 of 5 (Work): page 3, 7,500 events,
// 1,240 events/s". Only for people (stderr a TTY, no --json); the line is
// cleared when the run ends, so the run's summary stands alone after it.
import type { CalsyncApp } from '../core/app';
import { inert } from './terminal';

export interface ProgressEvent {
  calendarId: string;
  pages: number;
  events: number;
}

export interface ProgressState {
  /** Calendars in the order the run reached them. */
  seen: string[];
  total: number;
  current: ProgressEvent | null;
  /** Events listed in calendars already finished. */
  doneEvents: number;
  startedAt: number;
}

export const startProgress = (total: number, now: number): ProgressState => ({
  seen: [],
  total,
  current: null,
  doneEvents: 0,
  startedAt: now,
});

/** Pure: the state after one page. */
export function advance(s: ProgressState, e: ProgressEvent, total: number): ProgressState {
  const fresh = !s.seen.includes(e.calendarId);
  const seen = fresh ? [...s.seen, e.calendarId] : s.seen;
  const doneEvents = fresh && s.current ? s.doneEvents + s.current.events : s.doneEvents;
  return { ...s, seen, current: e, doneEvents, total: Math.max(total, seen.length) };
}

const count = (n: number) => n.toLocaleString('en-US');

/** Pure: the line for a state at `now`; '' before the first page. */
export function progressLine(s: ProgressState, now: number, name: (id: string) => string): string {
  if (!s.current) return '';
  const i = s.seen.indexOf(s.current.calendarId) + 1;
  const events = s.doneEvents + s.current.events;
  const secs = (now - s.startedAt) / 1000;
  const rate = secs >= 1 ? `, ${count(Math.round(events / secs))} events/s` : '';
  return `syncing calendar ${i} of ${s.total} (${inert(name(s.current.calendarId))}): page ${s.current.pages}, ${count(events)} events${rate}`;
}

/** Shows progress for the sync about to run; returns the function that clears it. Does nothing off a terminal. */
export function showSyncProgress(app: CalsyncApp, json: boolean, out: NodeJS.WriteStream = process.stderr): () => void {
  if (json || !out.isTTY) return () => undefined;
  const calendars = () => app.store.calendars.list().filter((c) => c.enabled);
  let state = startProgress(calendars().length, Date.now());
  let shown = false;
  const unsubscribe = app.bus.subscribe((e) => {
    if (e.type !== 'sync-progress') return;
    const cals = calendars(); // the first run discovers the calendars as it goes
    state = advance(state, e, cals.length);
    const name = (id: string) => cals.find((c) => c.id === id)?.summary || id;
    const width = out.columns || 80; // a pty without a size says 0 columns
    out.write(`\r\u001b[2K${progressLine(state, Date.now(), name).slice(0, Math.max(20, width - 1))}`);
    shown = true;
  });
  return () => {
    unsubscribe();
    if (shown) out.write('\r\u001b[2K');
  };
}
