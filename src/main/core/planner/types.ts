// The planner's own input and output: epoch milliseconds everywhere, so the
// core never parses dates; callers convert ISO strings at the edge.
import type { AtRisk, HabitFrequency, HabitMiss, Priority, Unscheduled, WorkingHours } from '../../../shared/domain';

export interface Interval {
  start: number;
  end: number;
}

/** A busy interval; `eventId` lets a caller's own accepted-block events be told apart. */
export interface BusyInterval extends Interval {
  eventId?: string | null;
}

export interface PlannerTask {
  id: string;
  title?: string;
  durationMinutes: number;
  priority: Priority;
  due: number | null;
  earliest: number | null;
  minChunkMinutes: number;
  maxChunkMinutes: number;
}

/** An accepted block: fixed, busy for everyone, and counted toward its task. */
export interface AcceptedBlock extends Interval {
  proposalId: string;
  taskId: string;
  googleEventId?: string | null;
}

/** A proposed block (the planner's output, and `previous` on the next run). */
export interface PlannedBlock extends Interval {
  id: string;
  taskId: string;
}

/** A rejected slot: this task is never proposed overlapping it again. */
export interface RejectedSlot extends Interval {
  taskId: string;
}

export interface PlanSettings {
  now: number;
  timeZone: string;
  workingHours: WorkingHours;
  bufferMinutes: number;
  horizonDays: number;
  leadTimeMinutes: number;
}

export interface PlanInput extends PlanSettings {
  tasks: PlannerTask[];
  busy: BusyInterval[];
  accepted: AcceptedBlock[];
  previous: PlannedBlock[];
  rejected: RejectedSlot[];
}

export interface PlanOutput {
  proposals: PlannedBlock[];
  unscheduled: Unscheduled[];
  atRisk: AtRisk[];
}

export interface ConflictInput extends PlanSettings {
  tasks: PlannerTask[];
  busy: BusyInterval[];
  accepted: AcceptedBlock[];
  /** Open proposals a move should not land on (optional). */
  proposals?: PlannedBlock[];
}

export interface Conflict {
  proposalId: string;
  moveTo: Interval | null;
  /** When `moveTo` is null: why the block cannot move ("Thu 10 Dec: no free 60 min left in the window 11:30–13:30"). */
  reason?: string;
}

/** A habit as the planner sees it (disabled habits are simply not passed). */
export interface PlannerHabit {
  id: string;
  title?: string;
  durationMinutes: number;
  minDurationMinutes: number | null;
  frequency: HabitFrequency;
  /** Local wall-clock "HH:MM" window; replaces the working hours for this habit. */
  window: { start: string; end: string };
  priority: Priority;
  droppable: boolean;
}

/** `plan()`'s input plus habits; accepted, previous and rejected entries of a habit carry its id as `taskId`. */
export interface HabitPlanInput extends PlanInput {
  habits: PlannerHabit[];
}

export interface HabitPlanOutput extends PlanOutput {
  habitMisses: HabitMiss[];
}
