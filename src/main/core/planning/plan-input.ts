// What the planner sees, read from the cache and settings: open tasks, enabled habits, busy
// time (events of enabled calendars that block time, as `busy-events.ts`
// decides), accepted blocks (with the times their events have now), open and
// rejected proposals.
import type { CachedEvent, Settings } from '../../../shared/domain';
import { allDayToInterval, type BusyInterval, type HabitPlanInput, type PlannerHabit } from '../planner';
import type { ProposalRecord } from '../store/proposals-repo';
import type { Store } from '../store/store';
import { busyEvents, isOwnCalendar, type BusyCalendar } from './busy-events';

const DAY_MS = 86_400_000;

export function busyInterval(e: CachedEvent, timeZone: string): BusyInterval | null {
  if (e.allDay)
    return e.startDate && e.endDate ? { ...allDayToInterval(e.startDate, e.endDate, timeZone), eventId: e.id } : null;
  if (!e.start || !e.end) return null;
  const start = Date.parse(e.start);
  // Google's end of such an event is a stand-in, not the meeting's length.
  const end = e.endTimeUnspecified ? start : Date.parse(e.end);
  return end > start ? { start, end, eventId: e.id } : null;
}

export interface PlanningView {
  input: HabitPlanInput;
  /** Accepted (or conflicting) blocks whose event is gone from Google: the user deleted them. */
  vanished: ProposalRecord[];
  /** Accepted blocks whose event the user moved in their calendar: new times. */
  movedByUser: Array<{ proposal: ProposalRecord; start: number; end: number }>;
}

export function buildPlanningView(store: Store, settings: Settings, now: number): PlanningView {
  const from = now - DAY_MS;
  const to = now + (settings.horizonDays + 2) * DAY_MS;
  const events = store.events.list({ fromMs: from, toMs: to });
  const byEventId = new Map(events.map((e) => [`${e.calendarId}/${e.id}`, e]));
  const placed = store.proposals.list().filter((p) => p.status === 'accepted' || p.status === 'conflict');
  const vanished: ProposalRecord[] = [];
  const movedByUser: PlanningView['movedByUser'] = [];
  const accepted = [];
  for (const p of placed) {
    const ev = p.googleEventId && p.calendarId ? byEventId.get(`${p.calendarId}/${p.googleEventId}`) : undefined;
    const calendarSynced = p.calendarId
      ? store.calendars.findById(p.calendarId).some((c) => c.enabled && c.hasSyncToken)
      : false;
    // An accepted block far outside the window is simply not loaded: only a block inside it can be missing.
    if (!ev && calendarSynced && p.endMs > from && p.startMs < to) {
      vanished.push(p);
      continue;
    }
    const span = ev ? busyInterval(ev, settings.timeZone) : null;
    if (span && (span.start !== p.startMs || span.end !== p.endMs))
      movedByUser.push({ proposal: p, start: span.start, end: span.end });
    accepted.push({
      proposalId: p.id,
      taskId: p.taskId,
      start: span?.start ?? p.startMs,
      end: span?.end ?? p.endMs,
      googleEventId: p.googleEventId,
    });
  }
  const tasks = store.tasks.list('open').map((t) => ({
    id: t.id,
    title: t.title,
    durationMinutes: t.durationMinutes,
    priority: t.priority,
    due: t.due ? Date.parse(t.due) : null,
    earliest: t.earliest ? Date.parse(t.earliest) : null,
    minChunkMinutes: t.minChunkMinutes,
    maxChunkMinutes: t.maxChunkMinutes,
  }));
  const habits: PlannerHabit[] = store.habits.list('enabled').map((h) => ({
    id: h.id,
    title: h.title,
    durationMinutes: h.durationMinutes,
    minDurationMinutes: h.minDurationMinutes,
    frequency: h.frequency,
    window: h.window,
    priority: h.priority,
    droppable: h.droppable,
  }));
  // Open tasks and enabled habits: the owners the planner plans for.
  const openTaskIds = new Set([...tasks.map((t) => t.id), ...habits.map((h) => h.id)]);
  // Blocks of open tasks (and enabled habits) go to the planner as accepted (they count toward the
  // task, or as the habit's occurrence that day); blocks of finished tasks are plain busy time, like any meeting.
  const acceptedOpen = accepted.filter((a) => openTaskIds.has(a.taskId));
  const ownEvents = new Set(acceptedOpen.map((a) => a.googleEventId).filter(Boolean));
  const calendars = new Map<string, BusyCalendar>(
    store.calendars
      .list()
      .map((c) => [`${c.accountId}\u0000${c.id}`, { blocksTime: c.blocksTime, own: isOwnCalendar(c) }]),
  );
  const sources = new Map(
    store.mirrors
      .mirrorSources()
      .map((m) => [`${m.target.accountId}\u0000${m.target.calendarId}\u0000${m.target.id}`, m.source]),
  );
  const busy = busyEvents(
    events,
    (accountId, calendarId) => calendars.get(`${accountId}\u0000${calendarId}`),
    settings,
    (e) => sources.get(`${e.accountId}\u0000${e.calendarId}\u0000${e.id}`),
  )
    .filter((e) => !ownEvents.has(e.id))
    .map((e) => busyInterval(e, settings.timeZone))
    .filter((b): b is BusyInterval => b !== null);
  return {
    input: {
      now,
      timeZone: settings.timeZone,
      workingHours: settings.workingHours,
      bufferMinutes: settings.bufferMinutes,
      horizonDays: settings.horizonDays,
      leadTimeMinutes: settings.leadTimeMinutes,
      tasks,
      habits,
      busy,
      accepted: acceptedOpen,
      previous: store.proposals
        .list('proposed')
        .filter((p) => openTaskIds.has(p.taskId))
        .map((p) => ({ id: p.id, taskId: p.taskId, start: p.startMs, end: p.endMs })),
      // A block the user deleted is declined like a rejected one: not offered again.
      rejected: [...store.proposals.list('rejected'), ...vanished].map((p) => ({
        taskId: p.taskId,
        start: p.startMs,
        end: p.endMs,
      })),
    },
    vanished,
    movedByUser,
  };
}
