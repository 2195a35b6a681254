// `calsync habits`, `habits add|edit|remove` (DESIGN.md §6): routines the
// planner places in their own window, once on each of their days.
import { InvalidArgumentError, type Command } from 'commander';
import type { Habit, HabitFrequency, Weekday } from '../../../shared/domain';
import { WEEKDAYS } from '../../../shared/domain';
import type { HabitPatch } from '../../../shared/schemas';
import { runAction } from '../command-runner';
import { table } from '../format';
import { parsePositiveInt } from '../parse';
import { inert } from '../terminal';

function parsePriority(v: string): 1 | 2 | 3 | 4 {
  const n = Number(v);
  if (![1, 2, 3, 4].includes(n)) throw new InvalidArgumentError('priority is 1 (highest) to 4');
  return n as 1 | 2 | 3 | 4;
}

/** "11:30-13:30" (or with an en dash) → the window; the API checks the times themselves. */
function parseWindow(v: string): { start: string; end: string } {
  const m = /^\s*(\d{1,2}:\d\d)\s*[-–]\s*(\d{1,2}:\d\d)\s*$/.exec(v);
  if (!m) throw new InvalidArgumentError('use a window like 11:30-13:30');
  const pad = (t: string) => t.padStart(5, '0');
  return { start: pad(m[1]!), end: pad(m[2]!) };
}

function parseDays(v: string): Weekday[] {
  const days = v.split(',').map((d) => d.trim().toLowerCase().slice(0, 3));
  if (days.length === 0 || !days.every((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d)))
    throw new InvalidArgumentError('use weekdays like mon,wed,fri');
  return days;
}

function parseTimes(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 7) throw new InvalidArgumentError('times a week is 1 to 7');
  return n;
}

interface FrequencyOpts {
  daily?: boolean;
  days?: Weekday[];
  perWeek?: number;
}

function frequencyOf(o: FrequencyOpts): HabitFrequency | undefined {
  const given = [o.daily, o.days, o.perWeek].filter((x) => x !== undefined).length;
  if (given > 1) throw new InvalidArgumentError('choose one of --daily, --days and --per-week');
  if (o.days) return { kind: 'weekdays', days: o.days };
  if (o.perWeek !== undefined) return { kind: 'timesPerWeek', times: o.perWeek };
  return o.daily ? { kind: 'daily' } : undefined;
}

export function describeFrequency(f: HabitFrequency): string {
  if (f.kind === 'daily') return 'daily';
  if (f.kind === 'weekdays') return f.days.join(',');
  return `${f.times}× a week`;
}

const habitRow = (h: Habit) => [
  h.id.slice(0, 8),
  `P${h.priority}`,
  h.minDurationMinutes !== null && h.minDurationMinutes < h.durationMinutes
    ? `${h.minDurationMinutes}–${h.durationMinutes} min`
    : `${h.durationMinutes} min`,
  `${h.window.start}–${h.window.end}`,
  describeFrequency(h.frequency),
  h.droppable ? 'yes' : 'no',
  h.enabled ? 'on' : 'off',
  h.title,
];
const HEADER = ['id', 'prio', 'duration', 'window', 'how often', 'droppable', 'state', 'title'];

/** People type the first characters of an id, as the table shows them. */
function resolveHabitId(all: Habit[], prefix: string): string {
  const hits = all.filter((h) => h.id === prefix || h.id.startsWith(prefix));
  return hits.length === 1 ? hits[0]!.id : prefix;
}

function frequencyOptions(cmd: Command): Command {
  return cmd
    .option('--daily', 'every day (the default for a new habit)')
    .option('--days <mon,tue,…>', 'only on these weekdays', parseDays)
    .option('--per-week <N>', 'N times in each week (Mon–Sun), on distinct days', parseTimes);
}

export function registerHabitCommands(program: Command): void {
  const habits = program
    .command('habits')
    .description('routines placed in their own window of the day: lunch, exercise, a weekly review');
  habits.option('--json', 'print one JSON document').action(
    runAction(async ({ app }) => {
      const list = await app.api.listHabits({});
      return { json: list, text: table(list.map(habitRow), HEADER) };
    }),
  );
  frequencyOptions(
    habits
      .command('add')
      .description('add a habit for the planner to place')
      .requiredOption('--title <title>', 'what it is')
      .requiredOption('--duration <minutes>', 'how long', parsePositiveInt)
      .requiredOption(
        '--window <HH:MM-HH:MM>',
        'when in the day, in your zone (may lie outside working hours)',
        parseWindow,
      )
      .option('--min-duration <minutes>', 'shortest it may be squeezed to on a busy day', parsePositiveInt),
  )
    .option('--priority <1-4>', 'on the tasks’ scale: placed before tasks of this priority and lower', parsePriority, 3)
    .option('--droppable', 'may be left out on a day whose window is full (else it takes time from tasks first)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(
        async (
          { app },
          o: FrequencyOpts & {
            title: string;
            duration: number;
            window: { start: string; end: string };
            minDuration?: number;
            priority: 1 | 2 | 3 | 4;
            droppable?: boolean;
          },
        ) => {
          const h = await app.api.addHabit({
            title: o.title,
            durationMinutes: o.duration,
            minDurationMinutes: o.minDuration ?? null,
            frequency: frequencyOf(o) ?? { kind: 'daily' },
            window: o.window,
            priority: o.priority,
            droppable: o.droppable ?? false,
          });
          return {
            json: h,
            text: `added habit ${h.id.slice(0, 8)}: ${inert(h.title)}, ${describeFrequency(h.frequency)} in ${h.window.start}–${h.window.end}`,
          };
        },
      ),
    );
  frequencyOptions(
    habits
      .command('edit <id>')
      .description('change a habit (only the options given)')
      .option('--title <title>', 'what it is')
      .option('--duration <minutes>', 'how long', parsePositiveInt)
      .option('--window <HH:MM-HH:MM>', 'when in the day, in your zone', parseWindow)
      .option('--min-duration <minutes>', 'shortest it may be squeezed to', parsePositiveInt)
      .option('--no-min-duration', 'never shorter than its duration'),
  )
    .option('--priority <1-4>', '1 is the highest', parsePriority)
    .option('--droppable', 'may be left out on a full day')
    .option('--no-droppable', 'takes time from tasks before it is left out')
    .option('--enable', 'plan it again')
    .option('--disable', 'stop planning it (its open blocks go; accepted ones stay in your calendar)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(
        async (
          { app },
          id: string,
          o: FrequencyOpts & {
            title?: string;
            duration?: number;
            window?: { start: string; end: string };
            minDuration?: number | false;
            priority?: 1 | 2 | 3 | 4;
            droppable?: boolean;
            enable?: boolean;
            disable?: boolean;
          },
        ) => {
          if (o.enable && o.disable) throw new InvalidArgumentError('choose one of --enable and --disable');
          const patch: HabitPatch = {};
          if (o.title !== undefined) patch.title = o.title;
          if (o.duration !== undefined) patch.durationMinutes = o.duration;
          if (o.window !== undefined) patch.window = o.window;
          if (o.minDuration !== undefined) patch.minDurationMinutes = o.minDuration === false ? null : o.minDuration;
          if (o.priority !== undefined) patch.priority = o.priority;
          if (o.droppable !== undefined) patch.droppable = o.droppable;
          if (o.enable || o.disable) patch.enabled = !!o.enable;
          const frequency = frequencyOf(o);
          if (frequency) patch.frequency = frequency;
          const h = await app.api.updateHabit({ id: resolveHabitId(app.store.habits.list(), id), patch });
          return { json: h, text: `changed habit ${h.id.slice(0, 8)}: ${inert(h.title)}` };
        },
      ),
    );
  habits
    .command('remove <id>')
    .description('delete a habit (its open blocks go; accepted ones stay in your calendar)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string) => {
        const removed = await app.api.deleteHabit({ id: resolveHabitId(app.store.habits.list(), id) });
        return { json: removed, text: `removed habit ${removed.id.slice(0, 8)}` };
      }),
    );
}
