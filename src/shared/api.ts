// The one contract between the engine and every front end: CLI, loopback HTTP,
// Electron IPC. Each operation is declared once with the zod schema of its
// input; transports validate with it and dispatch by name, and the renderer's
// client is typed from the same table.
import { z } from 'zod';
import type { Account, CachedEvent, CalendarInfo, SyncRun, Settings, RunStatus } from './domain';
import type { AppErrorData } from './errors';
import { idSchema, isoInstantSchema, settingsPatchSchema } from './schemas';

const none = z.object({}).strict();
const runStatusSchema = z.enum(['running', 'succeeded', 'failed', 'skipped', 'interrupted']);

export const apiInputs = {
  status: none,
  syncNow: z.object({ full: z.boolean().default(false) }).strict(),
  listRuns: z
    .object({
      limit: z.number().int().min(1).max(20_000).default(50),
      status: runStatusSchema.optional(),
      calendarId: idSchema.optional(),
      beforeId: z.number().int().positive().optional(),
    })
    .strict(),
  listEvents: z
    .object({
      calendarId: idSchema.optional(),
      from: isoInstantSchema.optional(),
      to: isoInstantSchema.optional(),
      limit: z.number().int().min(1).max(200_000).optional(),
    })
    .strict()
    .refine((q) => !q.from || !q.to || q.from < q.to, { message: '"from" must be before "to"' }),
  listAccounts: none,
  startLogin: none,
  logout: z.object({ account: idSchema, keepEvents: z.boolean().default(false) }).strict(),
  listCalendars: none,
  setCalendarEnabled: z.object({ calendarId: idSchema, accountId: idSchema.optional(), enabled: z.boolean() }).strict(),
  getSettings: none,
  updateSettings: settingsPatchSchema,
} as const;

export type ApiOp = keyof typeof apiInputs;
export type ApiInput<K extends ApiOp> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends ApiOp> = z.output<(typeof apiInputs)[K]>;

export interface OutboxStatus {
  connected: boolean;
  pending: number;
  lastError: string | null;
  lastPushAt: string | null;
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
  lockHolders: Array<{ name: string; owner: string; runId: number | null; expiresAt: string }>;
  outbox: OutboxStatus;
  proposalsPending: number;
  tokenStore: TokenStoreStatus;
  problems: string[];
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
  getSettings: Settings;
  updateSettings: Settings;
}

export type CalsyncApi = { [K in ApiOp]: (input: ApiInput<K>) => Promise<ApiOutputs[K]> };

/** What crosses a transport: a result or an error as data (never a thrown Error). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Pushed from the engine to every open window / stream. */
export type EngineEvent =
  | { type: 'run-started'; runId: number; trigger: string }
  | { type: 'sync-progress'; runId: number; accountId: string; calendarId: string; kind: 'full' | 'incremental'; pages: number; events: number }
  | { type: 'run-finished'; runId: number; status: RunStatus }
  | { type: 'login-finished'; ok: boolean; account: Account | null; error: string | null }
  | { type: 'status-changed' };
