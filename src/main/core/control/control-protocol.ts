// What a command and the running app say to each other over the control
// channel. The request is the sync's options; the answer is newline-delimited
// JSON: progress lines while the run goes, then the run (or an error) last.
// Both sides validate: the channel is a boundary like any other.
import * as z from 'zod';
import type { EngineEvent } from '../../../shared/api';
import { ERROR_MAP } from '../../../shared/error-map';
import type { AppErrorData, ErrorCode } from '../../../shared/errors';
import type { SyncRun } from '../../../shared/domain';

export const CONTROL_SYNC_PATH = '/sync';
export const CONTROL_CONTENT_TYPE = 'application/x-ndjson';

export const controlSyncInputSchema = z.object({ full: z.boolean().optional() }).strict();
export type ControlSyncInput = z.infer<typeof controlSyncInputSchema>;

export type SyncProgress = Extract<EngineEvent, { type: 'sync-progress' }>;

const count = z.number().int().min(0);
const runStatus = z.enum(['running', 'succeeded', 'failed', 'skipped', 'interrupted']);
const kind = z.enum(['full', 'incremental']);

const progressSchema = z.object({
  type: z.literal('sync-progress'),
  runId: z.number().int(),
  accountId: z.string(),
  calendarId: z.string(),
  kind,
  pages: count,
  events: count,
});

const runCalendarSchema = z.looseObject({
  accountId: z.string(),
  calendarId: z.string(),
  kind,
  status: runStatus,
  inserted: count,
  updated: count,
  deleted: count,
  skipped: count,
  pages: count,
  error: z.string().nullable(),
});

const runSchema = z.looseObject({
  id: z.number().int(),
  trigger: z.enum(['cli', 'manual', 'cron', 'startup', 'resume', 'network', 'login']),
  kind,
  status: runStatus,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  error: z.string().nullable(),
  apiCalls: count,
  retries: count,
  pages: count,
  calendars: z.array(runCalendarSchema),
  taskImports: z.array(z.looseObject({})).optional(),
});

const errorSchema = z.looseObject({
  code: z.enum(Object.keys(ERROR_MAP) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
});

export const controlLineSchema = z.union([
  z.object({ progress: progressSchema }).strict(),
  z.object({ run: runSchema }).strict(),
  z.object({ error: errorSchema }).strict(),
]);

export type ControlLine = { progress: SyncProgress } | { run: SyncRun } | { error: AppErrorData };

export const controlLine = (l: ControlLine): string => `${JSON.stringify(l)}\n`;
