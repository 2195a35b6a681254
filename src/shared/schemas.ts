// zod schemas for every input that crosses a boundary (CLI, HTTP, IPC, config file).
import * as z from 'zod';
import { WEEKDAYS } from './domain';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const timeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, {
  message: 'not a known IANA time zone (e.g. "Europe/Berlin")',
});

// Building an Intl.DateTimeFormat costs ~30 µs; a sync checks one zone per event.
const zoneCache = new Map<string, boolean>();
// The zone asked last: a page's events nearly all carry their calendar's zone,
// each as its own parsed string, which the Map would hash again every time.
let lastZone: { tz: string; ok: boolean } | null = null;
// The canonical zone names, read from ICU without its locale data: the first
// Intl.DateTimeFormat of a process loads that data (~20 ms of every
// `calsync sync`, which otherwise never formats a date). Aliases ("US/Eastern",
// "Asia/Calcutta") and other spellings are not listed and take the slow path.
let canonicalZones: Set<string> | null = null;

function knownToIntl(tz: string): boolean {
  canonicalZones ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  if (canonicalZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function isValidTimeZone(tz: string): boolean {
  if (lastZone !== null && lastZone.tz === tz) return lastZone.ok;
  let ok = zoneCache.get(tz);
  if (ok === undefined) {
    ok = knownToIntl(tz);
    if (zoneCache.size < 2_000) zoneCache.set(tz, ok);
  }
  lastZone = { tz, ok };
  return ok;
}

export const isoInstantSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

const rangeSchema = z
  .tuple([z.string().regex(HHMM, 'use HH:MM'), z.string().regex(HHMM, 'use HH:MM')])
  .refine(([a, b]) => a < b, { message: 'a range must start before it ends' });

export const workingHoursSchema = z
  .object(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(rangeSchema).max(8).default([])])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodDefault<z.ZodArray<typeof rangeSchema>>
    >,
  )
  .strict()
  .refine((wh) => Object.values(wh).every(noOverlap), { message: 'ranges of one day must not overlap' });

function noOverlap(ranges: Array<[string, string]>): boolean {
  const sorted = [...ranges].sort((a, b) => a[0].localeCompare(b[0]));
  return sorted.every((r, i) => i === 0 || sorted[i - 1]![1] <= r[0]);
}

export const googleTasksSettingsSchema = z
  .object({
    import: z.boolean(),
    defaultDurationMinutes: z
      .number()
      .int()
      .min(15)
      .max(24 * 60),
  })
  .strict();

export const settingsSchema = z.object({
  timeZone: timeZoneSchema,
  workingHours: workingHoursSchema,
  bufferMinutes: z.number().int().min(0).max(240),
  horizonDays: z.number().int().min(1).max(90),
  leadTimeMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  allDayEventsBlock: z.boolean(),
  targetCalendar: z.string().min(1).max(1024).nullable(),
  syncIntervalMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  notifications: z.boolean(),
  googleTasks: googleTasksSettingsSchema,
  autoAcceptHabitMoves: z.boolean(),
});

/**
 * Working hours as a patch names them: the weekdays it lists replace theirs, the
 * others are kept (`[]` is an explicit day off, a day left out is unchanged).
 */
export const workingHoursPatchSchema = z
  .object(
    Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(rangeSchema).max(8)])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodArray<typeof rangeSchema>
    >,
  )
  .partial()
  .strict()
  .refine((wh) => Object.values(wh).every((r) => r === undefined || noOverlap(r)), {
    message: 'ranges of one day must not overlap',
  });

/** A patch changes the keys it names; inside googleTasks and workingHours too (the rest of them is kept). */
export const settingsPatchSchema = settingsSchema
  .extend({ googleTasks: googleTasksSettingsSchema.partial().strict(), workingHours: workingHoursPatchSchema })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
export const SETTING_KEYS = Object.keys(settingsSchema.shape) as Array<keyof typeof settingsSchema.shape>;
/** Keys of nested settings as `calsync config get/set` takes them ("googleTasks.import"). */
export const NESTED_SETTING_KEYS = Object.keys(googleTasksSettingsSchema.shape).map((k) => `googleTasks.${k}`);

export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

// The rules of each field, without defaults: a patch built from them changes
// only the keys it names (with defaults, zod would fill every missing key and
// a "mark done" would reset priority, due date and chunks).
const taskFieldRules = {
  title: z.string().trim().min(1, 'a task needs a title').max(500),
  notes: z.string().max(100_000).nullable(),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(60 * 24 * 14),
  priority: prioritySchema,
  due: isoInstantSchema.nullable(),
  earliest: isoInstantSchema.nullable(),
  minChunkMinutes: z
    .number()
    .int()
    .min(15)
    .max(60 * 24),
  maxChunkMinutes: z
    .number()
    .int()
    .min(15)
    .max(60 * 24),
};

const taskFields = {
  ...taskFieldRules,
  notes: taskFieldRules.notes.default(null),
  priority: taskFieldRules.priority.default(3),
  due: taskFieldRules.due.default(null),
  earliest: taskFieldRules.earliest.default(null),
  minChunkMinutes: taskFieldRules.minChunkMinutes.default(30),
  maxChunkMinutes: taskFieldRules.maxChunkMinutes.default(120),
};

export const taskInputSchema = z
  .object(taskFields)
  .strict()
  .refine((t) => t.minChunkMinutes <= t.maxChunkMinutes, {
    message: 'min chunk must not exceed max chunk',
    path: ['minChunkMinutes'],
  })
  .refine((t) => !t.due || !t.earliest || t.earliest < t.due, {
    message: 'earliest start must be before the due date',
    path: ['earliest'],
  });
export type TaskInput = z.input<typeof taskInputSchema>;

export const taskPatchSchema = z
  .object({ ...taskFieldRules, status: z.enum(['open', 'done']) })
  .partial()
  .strict();
export type TaskPatch = z.infer<typeof taskPatchSchema>;

export const idSchema = z.string().min(1).max(1024);

const HHMM_24 = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutesOf = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export const habitFrequencySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily') }).strict(),
  z
    .object({
      kind: z.literal('weekdays'),
      days: z
        .array(z.enum(WEEKDAYS))
        .min(1, 'choose at least one weekday')
        .max(7)
        .refine((d) => new Set(d).size === d.length, { message: 'a weekday appears twice' }),
    })
    .strict(),
  z.object({ kind: z.literal('timesPerWeek'), times: z.number().int().min(1).max(7) }).strict(),
]);

export const habitWindowSchema = z
  .object({ start: z.string().regex(HHMM_24, 'use HH:MM'), end: z.string().regex(HHMM_24, 'use HH:MM') })
  .strict()
  .refine((w) => w.start < w.end, { message: 'the window must start before it ends (same day)' });

// Like tasks: rules without defaults, so a patch changes only what it names.
const habitFieldRules = {
  title: z.string().trim().min(1, 'a habit needs a title').max(500),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60),
  minDurationMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60)
    .nullable(),
  frequency: habitFrequencySchema,
  window: habitWindowSchema,
  priority: prioritySchema,
  droppable: z.boolean(),
  enabled: z.boolean(),
};

/** Checks a whole habit: the minimum fits the duration, the duration fits the window. */
function habitRefinements<T extends z.ZodType<z.infer<ReturnType<typeof habitObject>>>>(schema: T) {
  return schema
    .refine((h) => h.minDurationMinutes === null || h.minDurationMinutes <= h.durationMinutes, {
      message: 'the minimum must not exceed the duration',
      path: ['minDurationMinutes'],
    })
    .refine((h) => h.durationMinutes <= minutesOf(h.window.end) - minutesOf(h.window.start), {
      message: 'the duration must fit inside the window',
      path: ['durationMinutes'],
    });
}

function habitObject() {
  return z
    .object({
      ...habitFieldRules,
      minDurationMinutes: habitFieldRules.minDurationMinutes.default(null),
      frequency: habitFrequencySchema.default({ kind: 'daily' }),
      priority: habitFieldRules.priority.default(3),
      droppable: habitFieldRules.droppable.default(false),
      enabled: habitFieldRules.enabled.default(true),
    })
    .strict();
}

export const habitInputSchema = habitRefinements(habitObject());
export type HabitInput = z.input<typeof habitInputSchema>;

export const habitPatchSchema = z.object(habitFieldRules).partial().strict();
export type HabitPatch = z.infer<typeof habitPatchSchema>;
