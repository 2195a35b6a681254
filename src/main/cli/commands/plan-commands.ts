import { InvalidArgumentError, type Command } from 'commander';
import type { PlanResult, Proposal, Task } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { runAction } from '../command-runner';
import { parseDateArg, resolveDateArg, type DateArg } from '../date-args';
import { table } from '../format';
import { viewOf, type View } from '../names';
import { parsePositiveInt } from '../parse';
import { inert } from '../terminal';
import { span, when, whenHeader } from '../when';

function parsePriority(v: string): 1 | 2 | 3 | 4 {
  const n = Number(v);
  if (![1, 2, 3, 4].includes(n)) throw new InvalidArgumentError('priority is 1 (highest) to 4');
  return n as 1 | 2 | 3 | 4;
}

// Ids stay in the tables where a command takes them (`tasks done <id>`, `accept <id>`); the rest is names and local times.
const taskRow = (t: Task, zone: string) => [
  t.id.slice(0, 8),
  `P${t.priority}`,
  `${t.durationMinutes} min`,
  when(t.due, zone, false),
  t.status,
  t.source,
  t.title,
];
const taskHeader = (zone: string) => ['id', 'prio', 'duration', `due (${zone})`, 'status', 'source', 'title'];
const proposalRow = (p: Proposal, view: View) => [
  p.id,
  p.offer === 'remove' ? 'remove?' : p.status,
  span(p.start, p.end, view.zone, false),
  view.task(p.taskId),
  p.calendarId ? view.calendar(p.calendarId) : '',
];
const proposalHeader = (zone: string) => ['id', 'status', whenHeader(zone), 'task', 'calendar'];
const proposals = (list: Proposal[], view: View) => {
  const lines = [
    table(
      list.map((p) => proposalRow(p, view)),
      proposalHeader(view.zone),
    ),
  ];
  for (const p of list) if (p.moveReason) lines.push(`cannot move ${p.id}: ${inert(p.moveReason)}`);
  if (list.some((p) => p.offer === 'remove'))
    lines.push('remove?: the task is done; `calsync accept <id>` deletes that block from your calendar');
  return lines.join('\n');
};

function describePlan(r: PlanResult, view: View): string {
  const lines = [proposals(r.proposals, view)];
  for (const u of r.unscheduled) lines.push(`not placed: ${inert(view.task(u.taskId))} — ${inert(u.detail)}`);
  for (const a of r.atRisk) lines.push(`at risk: ${inert(view.task(a.taskId))} — ${inert(a.detail)}`);
  for (const m of r.habitMisses ?? [])
    lines.push(`habit not placed: ${inert(view.task(m.habitId))} — ${inert(m.detail)}`);
  return lines.join('\n');
}

export function registerPlanCommands(program: Command): void {
  const tasks = program
    .command('tasks')
    .description('tasks to plan: local ones and those imported from Google Tasks (priority 1 = highest)');
  tasks
    .option('--all', 'include finished tasks')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { all?: boolean }) => {
        const list = await app.api.listTasks({ status: opts.all ? 'all' : 'open' });
        const zone = (await app.api.getSettings({})).timeZone;
        return {
          json: list,
          text: table(
            list.map((t) => taskRow(t, zone)),
            taskHeader(zone),
          ),
        };
      }),
    );
  tasks
    .command('add')
    .description('add a task for the planner to place')
    .requiredOption('--title <title>', 'what to do')
    .requiredOption('--duration <minutes>', 'total time it needs', parsePositiveInt)
    .option('--priority <1-4>', '1 is the highest', parsePriority, 3)
    .option(
      '--due <date>',
      'deadline: a day (2026-12-04, meaning by its end), a time in your zone (2026-12-04T17:00) or an ISO instant',
      parseDateArg,
    )
    .option('--earliest <date>', 'not before this day or time (2026-12-01, 2026-12-01T09:00)', parseDateArg)
    .option('--min-chunk <minutes>', 'shortest block', parsePositiveInt, 30)
    .option('--max-chunk <minutes>', 'longest block', parsePositiveInt, 120)
    .option('--notes <text>', 'notes, copied into the calendar event')
    .option('--json', 'print one JSON document')
    .action(
      runAction(
        async (
          { app },
          o: {
            title: string;
            duration: number;
            priority: 1 | 2 | 3 | 4;
            due?: DateArg;
            earliest?: DateArg;
            minChunk: number;
            maxChunk: number;
            notes?: string;
          },
        ) => {
          const zone = o.due || o.earliest ? (await app.api.getSettings({})).timeZone : 'UTC';
          const task = await app.api.addTask({
            title: o.title,
            durationMinutes: o.duration,
            priority: o.priority,
            due: resolveDateArg(o.due, zone, 'end') ?? null,
            earliest: resolveDateArg(o.earliest, zone, 'start') ?? null,
            minChunkMinutes: o.minChunk,
            maxChunkMinutes: o.maxChunk,
            notes: o.notes ?? null,
          });
          return {
            json: task,
            text: `added task ${task.id.slice(0, 8)}: ${inert(task.title)}${task.due ? `, due ${when(task.due, zone)}` : ''}`,
          };
        },
      ),
    );
  tasks
    .command('done <id>')
    .description(
      'mark a task finished (its open proposals go away; its accepted blocks still ahead are offered for removal); an imported Google task is completed at Google too after `login --tasks-write`',
    )
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string) => {
        const task = await app.api.updateTask({
          id: resolveTaskId(app.store.tasks.list('all'), id),
          patch: { status: 'done' },
        });
        const offers = (await app.api.listProposals({ status: 'all' })).filter(
          (p) => p.taskId === task.id && p.offer === 'remove',
        );
        const note = offers.length
          ? `\n${offers.length} accepted block(s) still ahead stay in your calendar until you accept their removal: ${offers.map((p) => p.id).join(', ')}`
          : '';
        // Google's side wins a conflict (the task was changed there too): then it is not done, and the warning says why.
        return { json: task, text: `${task.status === 'done' ? 'done' : 'still open'}: ${inert(task.title)}${note}` };
      }),
    );

  program
    .command('plan')
    .description('propose blocks for the open tasks in the free time of your calendars')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const r = await app.api.plan({});
        return { json: r, text: describePlan(r, await viewOf(app)) };
      }),
    );
  program
    .command('proposals')
    .description('the planned blocks and their state')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const list = await app.api.listProposals({ status: 'all' });
        return { json: list, text: proposals(list, await viewOf(app)) };
      }),
    );
  program
    .command('accept [id]')
    .description(
      "accept a proposed block (or --all): it becomes an event in your calendar; a conflict's proposed move; a done task's block offered for removal is deleted",
    )
    .option('--all', 'accept every proposed block')
    .option(
      '--at <time>',
      "accept it starting at this time instead, or move an accepted habit block there (checked against the planner rules; a habit's window)",
      parseDateArg,
    )
    .option('--until <time>', 'with --at: end it at this time (default: its planned length)', parseDateArg)
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string | undefined, o: { all?: boolean; at?: DateArg; until?: DateArg }) => {
        if (o.at) return acceptAt(app, id ?? '', o.at, o.until);
        if (o.until) throw new InvalidArgumentError('--until goes with --at');
        const done = await app.api.acceptProposals(o.all ? { all: true } : { ids: [id ?? ''] });
        return { json: done, text: proposals(done, await viewOf(app)) };
      }),
    );
  program
    .command('undo <id>')
    .description('undo the accept or reject of a block (an accepted one is deleted from your calendar)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string) => {
        const p = await app.api.undoDecision({ id });
        const view = await viewOf(app);
        return { json: p, text: `proposed again: ${inert(view.task(p.taskId))} at ${span(p.start, p.end, view.zone)}` };
      }),
    );
  program
    .command('reject <id>')
    .description('reject a proposed block; its slot is not offered for that task again')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string) => {
        const p = await app.api.rejectProposal({ id });
        const view = await viewOf(app);
        return { json: p, text: `rejected ${inert(view.task(p.taskId))} at ${span(p.start, p.end, view.zone)}` };
      }),
    );
}

/** `accept <id> --at <time> [--until <time>]`: the block at the user's time, its length kept unless --until says. */
async function acceptAt(app: Parameters<typeof viewOf>[0], id: string, at: DateArg, until: DateArg | undefined) {
  const zone = (await app.api.getSettings({})).timeZone;
  const start = resolveDateArg(at, zone, 'start')!;
  let end = resolveDateArg(until, zone, 'end');
  if (!end) {
    const p = (await app.api.listProposals({ status: 'all' })).find((x) => x.id === id);
    if (!p) throw new AppError('not-found', `no block "${id}"; see \`calsync proposals\``);
    end = new Date(Date.parse(start) + Date.parse(p.end) - Date.parse(p.start)).toISOString();
  }
  const done = await app.api.acceptProposalAt({ id, start, end });
  return { json: done, text: proposals([done], await viewOf(app)) };
}

/** People type the first characters of an id, as the table shows them. */
function resolveTaskId(all: Task[], prefix: string): string {
  const hits = all.filter((t) => t.id === prefix || t.id.startsWith(prefix));
  return hits.length === 1 ? hits[0]!.id : prefix;
}
