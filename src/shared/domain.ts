// The nouns of calsync, shared by the engine, every transport and the renderer.
// Instants are ISO 8601 strings in UTC ("2026-03-29T08:00:00.000Z"); all-day
// values are calendar dates ("2026-03-29"), never instants.

export type AccountStatus = 'active' | 'needs-login' | 'revoked';

export interface Account {
  id: string; // Google's stable subject id
  email: string;
  status: AccountStatus;
  statusReason: string | null;
  /** When Google will stop refreshing this sign-in, if it said (or the client is known to be a 7-day "Testing" app). */
  signInExpiresAt: string | null;
  /** Whether calsync may create events in this account (asked for when a block is first accepted). */
  canWrite: boolean;
  /** Whether calsync may read this account's Google Tasks (asked for when their import is turned on). */
  canReadTasks: boolean;
  /** Whether calsync may change this account's Google Tasks (completing an imported task there too; `login --tasks-write`). */
  canWriteTasks: boolean;
}

export interface CalendarInfo {
  accountId: string;
  account: string; // email, for people
  id: string; // Google calendar id
  summary: string;
  timeZone: string | null;
  accessRole: string;
  primary: boolean;
  color: string | null;
  enabled: boolean;
  /** Whether its events are busy time for the planner ("blocks my time"); by default the account's primary and owned calendars. */
  blocksTime: boolean;
  hasSyncToken: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';
export type SelfResponse = 'accepted' | 'declined' | 'tentative' | 'needsAction';

/** calsync's own markers, kept in Google's extendedProperties.private. */
export interface CalsyncMarker {
  taskId: string;
  proposalId: string;
}

export interface CachedEvent {
  account: string; // account email
  accountId: string;
  calendarId: string;
  id: string;
  iCalUID: string | null;
  status: EventStatus;
  title: string;
  description: string | null;
  location: string | null;
  allDay: boolean;
  start: string | null; // instant, timed events only
  end: string | null;
  startDate: string | null; // YYYY-MM-DD, all-day events only
  endDate: string | null; // exclusive, as Google gives it
  timeZone: string | null;
  /** Google's `endTimeUnspecified`: `end` is only a stand-in, and the event blocks nothing beyond its start. */
  endTimeUnspecified: boolean;
  recurringEventId: string | null;
  originalStartTime: string | null; // instant or date of the instance's slot in its series
  transparency: 'opaque' | 'transparent';
  eventType: string;
  selfResponse: SelfResponse | null;
  updated: string | null;
  etag: string | null;
  calsync: CalsyncMarker | null;
}

export type SyncTrigger = 'cli' | 'manual' | 'cron' | 'startup' | 'resume' | 'network' | 'login';
export type SyncKind = 'full' | 'incremental';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'interrupted';

export interface RunCalendar {
  accountId: string;
  calendarId: string;
  kind: SyncKind;
  status: RunStatus;
  inserted: number;
  updated: number;
  deleted: number;
  skipped: number; // events not stored, with the reason in the log
  pages: number;
  error: string | null;
}

export type TaskImportStatus = 'succeeded' | 'failed' | 'needs-consent';

/** One account's Google Tasks import in a sync run (a failure here never fails the run's calendar sync). */
export interface RunTaskImport {
  accountId: string;
  /** full when a task list was listed from scratch (first import, a new list, a periodic check), else incremental. */
  kind: SyncKind;
  status: TaskImportStatus;
  lists: number;
  inserted: number;
  updated: number;
  deleted: number;
  error: string | null;
  /** What the user should hear once about this account's tasks in this run (a completion Google's side overruled); absent when none. */
  warnings?: string[];
}

export interface SyncRun {
  id: number;
  trigger: SyncTrigger;
  kind: SyncKind;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  apiCalls: number;
  retries: number;
  pages: number;
  calendars: RunCalendar[];
  /** Google Tasks imports of this run, one per account that has the import on (absent from older shapes). */
  taskImports?: RunTaskImport[];
}

export type Priority = 1 | 2 | 3 | 4; // 1 = highest (P1)
export type TaskStatus = 'open' | 'done';

export interface Task {
  id: string;
  title: string;
  notes: string | null;
  durationMinutes: number;
  priority: Priority;
  due: string | null; // instant
  earliest: string | null; // instant
  minChunkMinutes: number;
  maxChunkMinutes: number;
  status: TaskStatus;
  source: 'local' | 'google';
  externalId: string | null;
}

export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'conflict';

export interface Proposal {
  id: string;
  /** The task's id, or for a habit's block the habit's id (then `habitId` is set too). */
  taskId: string;
  habitId?: string;
  start: string;
  end: string;
  status: ProposalStatus;
  googleEventId: string | null;
  calendarId: string | null;
  /** For a conflict: where the planner would move it. */
  moveTo: { start: string; end: string } | null;
  /** For a conflict without a move: why it cannot move ("Thu 10 Dec: no free 1h left in the window 11:30–13:30"). */
  moveReason?: string;
  /**
   * 'remove': an accepted block of a task since marked done that has not ended yet. Accepting it
   * deletes its Google event (nothing is deleted without that accept); the block is then rejected.
   */
  offer?: 'remove';
}

export type UnscheduledReason =
  | 'due-passed'
  | 'not-enough-time-before-due'
  | 'min-chunk-too-large'
  | 'outside-horizon'
  | 'no-working-hours'
  | 'earliest-after-horizon'
  | 'invalid-task'
  /** Would fit on its own, but the free time it could use goes to other tasks. */
  | 'crowded-out';

export interface Unscheduled {
  taskId: string;
  reason: UnscheduledReason;
  detail: string; // a sentence for people: "needs 3h before Fri 17:00, only 1h45 free in working hours"
}

export interface AtRisk {
  taskId: string;
  detail: string;
}

export interface PlanResult {
  proposals: Proposal[];
  unscheduled: Unscheduled[];
  atRisk: AtRisk[];
  /** Habit occurrences that could not be placed (only present when there are habits). */
  habitMisses?: HabitMiss[];
}

/** How often a habit recurs: every day, on chosen weekdays, or N times in each local week (Mon–Sun). */
export type HabitFrequency =
  { kind: 'daily' } | { kind: 'weekdays'; days: Weekday[] } | { kind: 'timesPerWeek'; times: number };

/**
 * A routine the planner places once on each of its days, inside its own
 * window of local wall-clock time (not the working hours), e.g. lunch
 * 11:30–13:30 for 60 min, squeezed to `minDurationMinutes` when the window is busy.
 */
export interface Habit {
  id: string;
  title: string;
  durationMinutes: number;
  /** The shortest it may be squeezed to on a busy day; null = never shorter. */
  minDurationMinutes: number | null;
  frequency: HabitFrequency;
  /** Local wall-clock window, "HH:MM" each, start < end. */
  window: { start: string; end: string };
  /** Same scale as tasks: a habit goes before tasks of its priority and lower, after more urgent ones. */
  priority: Priority;
  /** May be left out on a day whose window is full (else it pushes tasks aside first). */
  droppable: boolean;
  enabled: boolean;
}

export type HabitMissReason =
  /** Busy time, accepted blocks or other habits fill the window (with buffers). */
  | 'window-full'
  /** The window has room, but more urgent tasks are planned there (a droppable habit yields). */
  | 'crowded-out'
  /** Today's window has begun already and what is left of it is too short. */
  | 'window-passed'
  /** The window itself is shorter than the habit's minimum that day (a clock change). */
  | 'window-too-short'
  /** N times a week: fewer days than N had room in a week fully inside the horizon. */
  | 'not-enough-days'
  | 'invalid-habit';

export interface HabitMiss {
  habitId: string;
  /** The local day ("YYYY-MM-DD"), or the Monday of the week for `not-enough-days`; null for `invalid-habit`. */
  day: string | null;
  reason: HabitMissReason;
  /** For people: "Thu 10 Dec: window 11:30–13:30 fully booked". */
  detail: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Ranges of local wall-clock time, "HH:MM" each, start < end. */
export type WorkingHours = Record<Weekday, Array<[string, string]>>;

/** Import of Google Tasks (tasks v1) into the planner's tasks, kept in step on each sync. */
export interface GoogleTasksSettings {
  /** Off by default. Turned off later: imported tasks stay as they are and are no longer updated. */
  import: boolean;
  /** The planned time an imported task gets until the user changes it. */
  defaultDurationMinutes: number;
}

export interface Settings {
  timeZone: string; // IANA
  workingHours: WorkingHours;
  bufferMinutes: number;
  horizonDays: number;
  leadTimeMinutes: number;
  /** On (default): an all-day event blocks its days as Google means it — when opaque, birthdays never. Off: all-day events never block. */
  allDayEventsBlock: boolean;
  targetCalendar: string | null;
  syncIntervalMinutes: number;
  notifications: boolean;
  googleTasks: GoogleTasksSettings;
  /** Off (default): a habit block a meeting lands on waits for the user to accept its move. On: the move is written after the sync. */
  autoAcceptHabitMoves: boolean;
}
