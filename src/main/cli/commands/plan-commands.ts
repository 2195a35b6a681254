import { InvalidArgumentError, type Command } from 'commander';
import type { PlanResult, Proposal, Task } from '../../../shared/domain';
import { runAction } from '../command-runner';
import { table } from '../format';
import { parsePositiveInt } from '../parse';
import { inert } from '../terminal';

function parsePriority(v: string): 1 | 2 | 3 | 4 {
  const n = Number(v);
  if (![1, 2, 3, 4].includes(n)) throw new InvalidArgumentError('priority is 1 (highest) to 4');
  return n as 1 | 2 | 3 | 4;
}

const taskRow = (t: Task) => [t.id.slice(0, 8), `P${t.priority}`, `${t.durationMinutes} min`, t.due ?? '', t.status, t.source, t.title];
const proposalRow = (p: Proposal) => [p.id, p.status, p.start, p.end, p.taskId.slice(0, 8), p.googleEventId ?? ''];
const proposalHeader = ['id', 'status', 'start', 'end', 'task', 'google event'];

function describePlan(r: PlanResult): string {
  const lines = [table(r.proposals.map(proposalRow), proposalHeader)];
  for (const u of r.unscheduled) lines.push(`not placed: task ${u.taskId.slice(0, 8)} — ${inert(u.detail)}`);
  for (const a of r.atRisk) lines.push(`at risk: task ${a.taskId.slice(0, 8)} — ${inert(a.detail)}`);
  return lines.join('\n');
}

export function registerPlanCommands(program: Command): void {
  const tasks = program.command('tasks').description('tasks to plan: local ones and those imported from Google Tasks (priority 1 = highest)');
  tasks
    .option('--all', 'include finished tasks')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, opts: { all?: boolean }) => {
        const list = await app.api.listTasks({ status: opts.all ? 'all' : 'open' });
        return { json: list, text: table(list.map(taskRow), ['id', 'prio', 'duration', 'due', 'status', 'source', 'title']) };
      }),
    );
  tasks
    .command('add')
    .description('add a task for the planner to place')
    .requiredOption('--title <title>', 'what to do')
    .requiredOption('--duration <minutes>', 'total time it needs', parsePositiveInt)
    .option('--priority <1-4>', '1 is the highest', parsePriority, 3)
    .option('--due <iso>', 'deadline, e.g. 2026-12-04T17:00:00+01:00')
    .option('--earliest <iso>', 'not before this instant')
    .option('--min-chunk <minutes>', 'shortest block', parsePositiveInt, 30)
    .option('--max-chunk <minutes>', 'longest block', parsePositiveInt, 120)
    .option('--notes <text>', 'notes, copied into the calendar event')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, o: { title: string; duration: number; priority: 1 | 2 | 3 | 4; due?: string; earliest?: string; minChunk: number; maxChunk: number; notes?: string }) => {
        const task = await app.api.addTask({
          title: o.title,
          durationMinutes: o.duration,
          priority: o.priority,
          due: o.due ?? null,
          earliest: o.earliest ?? null,
          minChunkMinutes: o.minChunk,
          maxChunkMinutes: o.maxChunk,
          notes: o.notes ?? null,
        });
        return { json: task, text: `added task ${task.id}: ${inert(task.title)}` };
      }),
    );
  tasks
    .command('done <id>')
    .description('mark a task finished (its open proposals go away; accepted blocks stay in your calendar)')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string) => {
        const task = await app.api.updateTask({ id: resolveTaskId(app.store.tasks.list('all'), id), patch: { status: 'done' } });
        return { json: task, text: `done: ${inert(task.title)}` };
      }),
    );

  program
    .command('plan')
    .description('propose blocks for the open tasks in the free time of your calendars')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const r = await app.api.plan({});
        return { json: r, text: describePlan(r) };
      }),
    );
  program
    .command('proposals')
    .description('the planned blocks and their state')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }) => {
        const list = await app.api.listProposals({ status: 'all' });
        return { json: list, text: table(list.map(proposalRow), proposalHeader) };
      }),
    );
  program
    .command('accept [id]')
    .description('accept a proposed block (or --all): it becomes an event in your calendar')
    .option('--all', 'accept every proposed block')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string | undefined, o: { all?: boolean }) => {
        const done = await app.api.acceptProposals(o.all ? { all: true } : { ids: [id ?? ''] });
        return { json: done, text: table(done.map(proposalRow), proposalHeader) };
      }),
    );
  program
    .command('reject <id>')
    .description('reject a proposed block; its slot is not offered for that task again')
    .option('--json', 'print one JSON document')
    .action(
      runAction(async ({ app }, id: string) => {
        const p = await app.api.rejectProposal({ id });
        return { json: p, text: `rejected ${p.id}` };
      }),
    );
}

/** People type the first characters of an id, as the table shows them. */
function resolveTaskId(all: Task[], prefix: string): string {
  const hits = all.filter((t) => t.id === prefix || t.id.startsWith(prefix));
  return hits.length === 1 ? hits[0]!.id : prefix;
}
