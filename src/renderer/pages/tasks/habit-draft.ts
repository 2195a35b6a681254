// The habit form's values (strings, as the inputs hold them) and their check
// with the engine's own zod schema, so a mistake is named beside its field
// before anything is sent; the engine validates again (a patch as a whole habit).
import type { Habit, HabitFrequency, Priority, Weekday } from '../../../shared/domain';
import { WEEKDAYS } from '../../../shared/domain';
import { habitInputSchema, type HabitInput } from '../../../shared/schemas';

export type FrequencyKind = HabitFrequency['kind'];

export interface HabitValues {
  title: string;
  duration: string;
  /** Empty: never shorter than the duration. */
  minDuration: string;
  kind: FrequencyKind;
  days: Weekday[];
  times: string;
  windowStart: string;
  windowEnd: string;
  priority: Priority;
  droppable: boolean;
}

/** The fields an error can be shown beside. */
export type HabitField = 'title' | 'duration' | 'minDuration' | 'days' | 'times' | 'window' | 'priority';
export type HabitErrors = Partial<Record<HabitField, string>>;

export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

export function valuesOf(h: Habit | null): HabitValues {
  const f = h?.frequency ?? { kind: 'daily' };
  return {
    title: h?.title ?? '',
    duration: String(h?.durationMinutes ?? 60),
    minDuration: h?.minDurationMinutes == null ? '' : String(h.minDurationMinutes),
    kind: f.kind,
    days: f.kind === 'weekdays' ? [...f.days] : ['mon', 'tue', 'wed', 'thu', 'fri'],
    times: f.kind === 'timesPerWeek' ? String(f.times) : '3',
    windowStart: h?.window.start ?? '12:00',
    windowEnd: h?.window.end ?? '13:30',
    priority: h?.priority ?? 3,
    droppable: h?.droppable ?? false,
  };
}

/** A number field: empty or not a whole number stays NaN, which the schema names ("expected number"). */
const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

function frequencyOf(v: HabitValues): HabitFrequency {
  if (v.kind === 'weekdays') return { kind: 'weekdays', days: WEEKDAYS.filter((d) => v.days.includes(d)) };
  if (v.kind === 'timesPerWeek') return { kind: 'timesPerWeek', times: num(v.times) };
  return { kind: 'daily' };
}

/** Which form field a schema issue belongs to. */
function fieldOf(path: readonly PropertyKey[]): HabitField {
  const [head, sub] = path;
  if (head === 'durationMinutes') return 'duration';
  if (head === 'minDurationMinutes') return 'minDuration';
  if (head === 'frequency') return sub === 'times' ? 'times' : 'days';
  if (head === 'window') return 'window';
  if (head === 'priority') return 'priority';
  return 'title';
}

const MESSAGES: Partial<Record<HabitField, string>> = {
  duration: 'Enter whole minutes, at least 15.',
  minDuration: 'Leave empty, or enter whole minutes, at least 15.',
  times: 'Enter 1 to 7 times a week.',
};

/** The input the engine takes (addHabit, or updateHabit's patch), or an error per field. */
export function checkHabit(v: HabitValues): { ok: true; input: HabitInput } | { ok: false; errors: HabitErrors } {
  const candidate = {
    title: v.title,
    durationMinutes: num(v.duration),
    minDurationMinutes: v.minDuration.trim() === '' ? null : num(v.minDuration),
    frequency: frequencyOf(v),
    window: { start: v.windowStart, end: v.windowEnd },
    priority: v.priority,
    droppable: v.droppable,
  };
  const parsed = habitInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: candidate as HabitInput };
  const errors: HabitErrors = {};
  const badWindow = parsed.error.issues.some((i) => fieldOf(i.path) === 'window');
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    if (errors[field]) continue;
    // "Must fit inside the window" says nothing more while the window itself is wrong.
    if (badWindow && field === 'duration' && issue.code === 'custom') continue;
    // The schema's own words where they are written for people (refinements), plainer ones for type errors.
    const own = issue.code === 'custom' || issue.code === 'invalid_format' || field === 'title';
    errors[field] = own ? capital(issue.message) : (MESSAGES[field] ?? capital(issue.message));
  }
  return { ok: false, errors };
}

const capital = (s: string): string => {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return t.endsWith('.') ? t : `${t}.`;
};

/** "Daily", "Mon, Wed, Fri", "3× a week". */
export function frequencyText(f: HabitFrequency): string {
  if (f.kind === 'daily') return 'Daily';
  if (f.kind === 'timesPerWeek') return `${f.times}× a week`;
  if (f.days.length === 5 && !f.days.includes('sat') && !f.days.includes('sun')) return 'Weekdays';
  return WEEKDAYS.filter((d) => f.days.includes(d))
    .map((d) => DAY_NAMES[d])
    .join(', ');
}
