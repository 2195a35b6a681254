// The one contract between the engine and every front end: CLI, loopback HTTP,
// Electron IPC. Each operation is declared once with the zod schema of its
// input; transports validate with it and dispatch by name, and the renderer's
// client is typed from the same table.
import * as z from 'zod';
import type {
  Account,
  CachedEvent,
  CalendarInfo,
  PlanResult,
  Proposal,
  SyncRun,
  Settings,
  RunStatus,
  Task,
  Habit,
} from './domain';
import type { AppErrorData, ErrorCode } from './errors';
import { insightsInputSchema, type InsightsReport } from './insights';
import {
  habitInputSchema,
  habitPatchSchema,
  idSchema,
  isoInstantSchema,
  settingsPatchSchema,
  taskInputSchema,
  taskPatchSchema,
} from './schemas';

const none = z.object({}).strict();
const runStatusSchema = z.enum(['running', 'succeeded', 'failed', 'skipped', 'interrupted']);

// Each schema is built on first use: zod builds a schema eagerly, and building
// the whole table at start cost `calsync status` (which validates one input)
// ~45 ms of CPU (issue 16). An entry is a function returning its schema.
export const apiInputs = lazySchemas({
  status: () => none,
  syncNow: () => z.object({ full: z.boolean().default(false) }).strict(),
  listRuns: () =>
    z
      .object({
        limit: z.number().int().min(1).max(20_000).default(50),
        status: runStatusSchema.optional(),
        calendarId: idSchema.optional(),
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
  listEvents: () =>
    z
      .object({
        calendarId: idSchema.optional(),
        from: isoInstantSchema.optional(),
        to: isoInstantSchema.optional(),
        limit: z.number().int().min(1).max(200_000).optional(),
      })
      .strict()
      .refine((q) => !q.from || !q.to || q.from < q.to, { message: '"from" must be before "to"' }),
  listAccounts: () => none,
  /** `write` also asks to create events (needed to accept planned blocks), `tasks` to read Google Tasks, `tasksWrite` to change them (an imported task completed here is completed at Google); `loginHint` preselects the account. */
  startLogin: () =>
    z
      .object({
        write: z.boolean().default(false),
        tasks: z.boolean().default(false),
        tasksWrite: z.boolean().default(false),
        loginHint: z.email().max(320).optional(),
      })
      .strict(),
  logout: () => z.object({ account: idSchema, keepEvents: z.boolean().default(false) }).strict(),
  listCalendars: () => none,
  setCalendarEnabled: () =>
    z.object({ calendarId: idSchema, accountId: idSchema.optional(), enabled: z.boolean() }).strict(),
  /** Whether the calendar's events are busy time for the planner (`calsync calendars busy|free`). */
  setCalendarBlocksTime: () =>
    z.object({ calendarId: idSchema, accountId: idSchema.optional(), blocksTime: z.boolean() }).strict(),
  getSettings: () => none,
  updateSettings: () => settingsPatchSchema,
  setSyncPaused: () => z.object({ paused: z.boolean() }).strict(),
  // tasks and the planner (DESIGN.md §5)
  listTasks: () => z.object({ status: z.enum(['open', 'done', 'all']).default('open') }).strict(),
  addTask: () => taskInputSchema,
  updateTask: () => z.object({ id: idSchema, patch: taskPatchSchema }).strict(),
  deleteTask: () => z.object({ id: idSchema }).strict(),
  plan: () => none,
  // habits (issue 18): routines the planner places in their own windows
  listHabits: () => none,
  addHabit: () => habitInputSchema,
  updateHabit: () => z.object({ id: idSchema, patch: habitPatchSchema }).strict(),
  deleteHabit: () => z.object({ id: idSchema }).strict(),
  listProposals: () =>
    z.object({ status: z.enum(['proposed', 'accepted', 'rejected', 'conflict', 'all']).default('all') }).strict(),
  acceptProposals: () =>
    z.union([
      z.object({ ids: z.array(idSchema).min(1).max(1000) }).strict(),
      z.object({ all: z.literal(true) }).strict(),
    ]),
  rejectProposal: () => z.object({ id: idSchema }).strict(),
  /** A conflicting accepted block: move its Google event to the proposed slot. */
  acceptMove: () => z.object({ id: idSchema }).strict(),
  /**
   * Accept a proposed block at another time or length (the week view's drag or resize): checked against the
   * planner's hard rules first; a refusal is a `conflict` error whose details are a `DropRefusalDetails`.
   */
  acceptProposalAt: () =>
    z
      .object({ id: idSchema, start: isoInstantSchema, end: isoInstantSchema })
      .strict()
      .refine((q) => q.start < q.end, { message: '"start" must be before "end"' }),
  /** Undo the last accept or reject of a block: a rejected one is proposed again; an accepted one's Google event is deleted. */
  undoDecision: () => z.object({ id: idSchema }).strict(),
  // Supabase (DESIGN.md §4)
  supabaseStatus: () => none,
  supabaseConnect: () =>
    z.object({ url: z.url().max(2048), anonKey: z.string().min(20).max(4096), workspaceId: z.uuid() }).strict(),
  supabaseSignIn: () => z.object({ email: z.email().max(320), password: z.string().min(1).max(1024) }).strict(),
  supabaseSendCode: () => z.object({ email: z.email().max(320) }).strict(),
  supabaseVerifyCode: () =>
    z.object({ email: z.email().max(320), code: z.string().regex(/^\d{6,10}$/, 'the code from the email') }).strict(),
  supabaseSignOut: () => none,
  /** Forget the workspace: config.json's connection and the queued changes; `signOut` also ends the Supabase session. */
  supabaseDisconnect: () => z.object({ signOut: z.boolean().default(false) }).strict(),
  /** `reconcile`: also compare the workspace with the cache and delete what the cache no longer has (push/reconcile.ts). */
  push: () => z.object({ reconcile: z.boolean().default(false) }).strict(),
  // Busy mirroring (issue 17): one calendar's busy time copied into another.
  listMirrorRules: () => none,
  addMirrorRule: () =>
    z
      .object({
        /** Calendars by id, or by name when unique. */
        from: idSchema,
        to: idSchema,
        showTitle: z.boolean().default(false),
        visibility: z.enum(['private', 'default', 'public']).default('private'),
        allDay: z.boolean().default(false),
        bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
        bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
        horizonDays: z.number().int().min(1).max(365).default(60),
      })
      .strict(),
  /** Deletes the rule's events at Google unless `keepEvents`. */
  removeMirrorRule: () => z.object({ id: idSchema, keepEvents: z.boolean().default(false) }).strict(),
  /** Insights (issue 14): hours per week by kind, busiest days, tasks at risk, sync health; output `insightsReportSchema`. */
  insights: () => insightsInputSchema,
});

/** The table with each entry built when first read, once (enumerable getters: `Object.keys` lists every operation). */
function lazySchemas<T extends Record<string, () => z.ZodType>>(
  table: T,
): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const lazy = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(table) as Array<keyof T>) {
    Object.defineProperty(lazy, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const schema = table[key]!() as ReturnType<T[typeof key]>;
        Object.defineProperty(lazy, key, { value: schema, enumerable: true });
        return schema;
      },
    });
  }
  return lazy;
}

export type ApiOp = keyof typeof apiInputs;
export type ApiInput<K extends ApiOp> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends ApiOp> = z.output<(typeof apiInputs)[K]>;

export interface OutboxStatus {
  connected: boolean;
  pending: number;
  lastError: string | null;
  lastPushAt: string | null;
  /** Changes the workspace refused as invalid: out of the queue, kept here until the event changes and is accepted. */
  quarantined: number;
  /** The most recent of them (at most 20). */
  quarantine: QuarantinedChange[];
}

/** A queued change the workspace refused as permanently invalid (a data error or a constraint on that one row). */
export interface QuarantinedChange {
  calendarId: string;
  eventId: string;
  /** The cached event's title, when the cache still has it. */
  title: string | null;
  op: 'upsert' | 'delete';
  /** The workspace's answer. */
  error: string;
  at: string;
}

export interface TokenStoreStatus {
  kind: string;
  protected: boolean;
  warning: string | null;
}

export interface StatusReport {
  accounts: Account[];
  calendars: CalendarInfo[];
  lastRun: SyncRun | null;
  lastSuccessAt: string | null;
  nextSyncAt: string | null;
  running: { runId: number; trigger: string } | null;
  paused: boolean;
  lockHolders: Array<{ name: string; owner: string; runId: number | null; expiresAt: string }>;
  outbox: OutboxStatus;
  proposalsPending: number;
  tokenStore: TokenStoreStatus;
  problems: string[];
  /** Present (true) only for the demo account (`calsync demo`): sample data, not the user's. */
  demo?: true;
  /** Present only when there are mirror rules: each with its last result. */
  mirrors?: MirrorRule[];
}

export interface SupabaseStatus {
  configured: boolean;
  url: string | null;
  workspaceId: string | null;
  user: { id: string; email: string | null } | null;
  outbox: OutboxStatus;
  /** The CALSYNC_SUPABASE_* / CALSYNC_WORKSPACE_ID variables set in the environment: they override config.json (DESIGN.md §7). */
  fromEnv: string[];
}

export interface SupabaseDisconnectResult {
  /** False when nothing was connected: nothing changed. */
  wasConnected: boolean;
  /** Queued changes dropped with the outbox: they were for the workspace just left. */
  dropped: number;
  signedOut: boolean;
  status: SupabaseStatus;
}

/** What a reconcile (workspace vs cache) did in a push. */
export interface ReconcileSummary {
  /** Calendars compared. */
  calendars: number;
  /** Deletions queued (and sent in the same push) for rows the cache no longer has. */
  queued: number;
  /** Calendars left for a later push: no complete listing yet, or rows too recent to judge. */
  waiting: number;
}

export interface PushResult {
  pushed: number;
  pending: number;
  error: string | null;
  /** Set when there was nothing to do, and why (e.g. Supabase is not connected). */
  skipped?: string;
  /** Set when this push ran a reconcile (the first push after connecting, or asked for). */
  reconciled?: ReconcileSummary;
  /** Set when the workspace refused changes as invalid in this push: they were quarantined (see OutboxStatus) and the rest went on. */
  quarantined?: number;
}

export interface ApiOutputs {
  status: StatusReport;
  syncNow: SyncRun;
  listRuns: SyncRun[];
  listEvents: CachedEvent[];
  listAccounts: Account[];
  startLogin: { authUrl: string };
  logout: { account: Account; eventsRemoved: number };
  listCalendars: CalendarInfo[];
  setCalendarEnabled: CalendarInfo;
  setCalendarBlocksTime: CalendarInfo;
  getSettings: Settings;
  updateSettings: Settings;
  setSyncPaused: { paused: boolean };
  listTasks: Task[];
  addTask: Task;
  updateTask: Task;
  deleteTask: { id: string };
  plan: PlanResult;
  listHabits: Habit[];
  addHabit: Habit;
  updateHabit: Habit;
  deleteHabit: { id: string };
  listProposals: Proposal[];
  acceptProposals: Proposal[];
  rejectProposal: Proposal;
  acceptMove: Proposal;
  acceptProposalAt: Proposal;
  undoDecision: Proposal;
  supabaseStatus: SupabaseStatus;
  supabaseConnect: SupabaseStatus;
  supabaseSignIn: SupabaseStatus;
  supabaseSendCode: { sent: true };
  supabaseVerifyCode: SupabaseStatus;
  supabaseSignOut: SupabaseStatus;
  supabaseDisconnect: SupabaseDisconnectResult;
  push: PushResult;
  listMirrorRules: MirrorRule[];
  addMirrorRule: MirrorRule;
  removeMirrorRule: { id: string; deleted: number; kept: number };
  insights: InsightsReport;
}

/** A busy-mirroring rule (DESIGN.md §6 `mirror --json` items, plus the accounts and the last run's counts). */
export interface MirrorRule {
  id: string;
  from: string;
  fromAccount: string;
  to: string;
  toAccount: string;
  showTitle: boolean;
  visibility: 'private' | 'default' | 'public';
  allDay: boolean;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  horizonDays: number;
  /** Mirrors in place at Google. */
  mirrored: number;
  lastRunAt: string | null;
  lastError: string | null;
  /** What the last run wrote; `handEdited`: mirrors changed by hand in the target, left alone (reported once). */
  lastResult: { inserted: number; updated: number; deleted: number; leftAlone: number; handEdited: number } | null;
}

export type CalsyncApi = { [K in ApiOp]: (input: ApiInput<K>) => Promise<ApiOutputs[K]> };

/** Why the engine refused a block at the time the user dropped it (core/planner/drop.ts). */
export type DropReason =
  | 'off-grid'
  | 'too-long'
  | 'min-chunk'
  | 'max-chunk'
  | 'too-soon'
  | 'before-earliest'
  | 'after-due'
  | 'outside-horizon'
  | 'outside-working-hours'
  | 'busy'
  | 'buffer'
  | 'touches-own-block'
  /** A habit's block: outside the habit's window (or on a day it does not occur). */
  | 'outside-window'
  /** A habit's block: the habit already has a block that day (one occurrence a day). */
  | 'habit-day-taken';

/** `details` of the `conflict` error of a refused `acceptProposalAt`. */
export interface DropRefusalDetails {
  reason: DropReason;
  /** The event in the way (busy, buffer), when there is one. */
  eventTitle?: string;
}

/** What crosses a transport: a result or an error as data (never a thrown Error). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Pushed from the engine to every open window / stream. */
export type EngineEvent =
  | { type: 'run-started'; runId: number; trigger: string }
  | {
      type: 'sync-progress';
      runId: number;
      accountId: string;
      calendarId: string;
      kind: 'full' | 'incremental';
      pages: number;
      events: number;
    }
  | { type: 'run-finished'; runId: number; status: RunStatus }
  | { type: 'login-finished'; ok: boolean; account: Account | null; error: string | null; code?: ErrorCode }
  | { type: 'status-changed' }
  | { type: 'proposals-changed'; proposed: number }
  | { type: 'push-finished'; pushed: number; pending: number; error: string | null };
