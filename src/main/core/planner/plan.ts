// plan(): the pure planner. Same input, same output — no clock, no I/O, no
// randomness, and input order never matters (everything is sorted by id).
import type { AtRisk, Unscheduled } from '../../../shared/domain';
import { fillGaps } from './fill';
import { proposalIdFor } from './ids';
import { defragment, replaceShortTasks } from './improve';
import { keepPrevious } from './keep';
import { layoutEdf } from './layout';
import { Occupancy, type Block } from './occupancy';
import { prepareTasks } from './prepare';
import { explain } from './reasons';
import { relayoutShort } from './relayout';
import { tradeBlocks } from './trade';
import { Oracle, selectAmounts, selectionOrder } from './select';
import { exchange } from './exchange';
import { buildTimeline } from './timeline';
import type { BusyInterval, PlanInput, PlanOutput, PlannedBlock } from './types';
import { QUARTER } from '../../../shared/time/zone';

/** `relayout: false` skips the re-layout pass (tests compare against the plan without it). */
export function plan(input: PlanInput, options: { relayout?: boolean } = {}): PlanOutput {
  const ownEvents = new Set(input.accepted.map((a) => a.googleEventId).filter((id): id is string => !!id));
  // An accepted block's own Google event is the block itself, not a meeting.
  const busy: BusyInterval[] = input.busy.filter((b) => !(b.eventId && ownEvents.has(b.eventId)));
  const tl = buildTimeline(input, [...busy, ...input.accepted]);
  const tasks = prepareTasks(tl, input.tasks, input.accepted, input.rejected);
  const base = new Occupancy(tl, tasks.length);
  const kept = keepPrevious(tasks, input.previous, base);
  const oracle = new Oracle(tasks, base);
  const chosen = exchange(oracle, selectAmounts(oracle));
  // Same amounts, laid out without splitting chunks where that works.
  const layout = layoutEdf(tasks, chosen.targets, base, true) ?? chosen.layout;
  const order = selectionOrder(tasks);
  const occ = layout.occ;
  let blocks: Block[] = [...layout.blocks, ...fillGaps(order, occ)];
  blocks = replaceShortTasks(order, occ, blocks);
  blocks = tradeBlocks(order, occ, blocks);
  if (options.relayout ?? true) blocks = relayoutShort(order, base, occ, blocks);
  blocks = defragment(order, occ, blocks);
  // Last, so the plan is maximal: no task could add a block to it.
  blocks.push(...fillGaps(order, occ));

  const toPlanned = (b: Block, id?: string): PlannedBlock => {
    const taskId = tasks[b.task]!.id;
    const start = tl.start[b.at]!;
    const end = tl.start[b.at + b.len - 1]! + QUARTER;
    return { id: id ?? proposalIdFor(taskId, start, end), taskId, start, end };
  };
  const proposals = [...kept.map((k) => toPlanned(k.block, k.id)), ...blocks.map((b) => toPlanned(b))];
  proposals.sort((a, b) => a.start - b.start || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  const { unscheduled, atRisk } = explain(
    tl,
    tasks,
    occ,
    input.horizonDays,
    kept.map((k) => k.block),
    [...kept.map((k) => k.block), ...blocks],
  );
  return { proposals, unscheduled: byUrgency(unscheduled, tasks), atRisk: byUrgency(atRisk, tasks) };
}

function byUrgency<T extends Unscheduled | AtRisk>(items: T[], tasks: ReturnType<typeof prepareTasks>): T[] {
  const rank = new Map(selectionOrder(tasks).map((t, i) => [t.id, i]));
  return [...items].sort((a, b) => rank.get(a.taskId)! - rank.get(b.taskId)!);
}
