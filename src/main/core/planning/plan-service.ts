// Runs the planner over the cache and keeps its result: open proposals are
// replaced by the new plan (stable ones keep their id and slot), accepted
// blocks that a new meeting overlaps become conflicts with a proposed move,
// and blocks the user deleted or moved in their calendar are followed.
import type { PlanResult, Proposal } from '../../../shared/domain';
import type { EngineBus } from '../engine-bus';
import type { Logger } from '../log/logger';
import { findConflicts, findHabitConflicts, planWithHabits } from '../planner';
import type { SettingsService } from '../settings/settings-service';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import { buildPlanningView } from './plan-input';
import { replanDue } from './replan-due';
import { CONFLICT_REASONS_KEY, proposalViewer } from './proposal-view';

export class PlanService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly bus: EngineBus,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  plan(): PlanResult {
    const now = this.clock.now();
    const settings = this.settings.get();
    const adopted = this.store.transaction(() => this.store.proposals.adoptLanded(now));
    if (adopted)
      this.log.info({ adopted }, 'blocks whose accept reached Google before the process stopped are accepted now');
    const view = buildPlanningView(this.store, settings, now);
    const out = planWithHabits(view.input);
    // Task blocks move under working hours, habit blocks inside their window on their day;
    // the habit blocks are in the way of task moves like the open proposals are.
    const habitIds = new Set(view.input.habits.map((h) => h.id));
    const habitAccepted = view.input.accepted.filter((a) => habitIds.has(a.taskId));
    const taskConflicts = findConflicts({
      ...view.input,
      accepted: view.input.accepted.filter((a) => !habitIds.has(a.taskId)),
      proposals: [...out.proposals, ...habitAccepted.map((a) => ({ id: a.proposalId, ...a }))],
    });
    const moves = taskConflicts.flatMap((c) => (c.moveTo ? [c.moveTo] : []));
    const conflicts = [
      ...taskConflicts,
      ...findHabitConflicts({ ...view.input, proposals: [...out.proposals, ...moves] }),
    ];
    const conflicting = new Map(conflicts.map((c) => [c.proposalId, c.moveTo]));
    const before = new Set(this.store.proposals.list('proposed').map((p) => p.id));
    this.store.transaction(() => {
      // The user deleted the event: the block is declined, and its slot is not offered again.
      for (const p of view.vanished) this.store.proposals.setStatus(p.id, 'rejected', now);
      for (const m of view.movedByUser) this.store.proposals.moved(m.proposal.id, m.start, m.end, now);
      this.store.proposals.replaceProposed(out.proposals, now);
      for (const a of view.input.accepted) {
        const moveTo = conflicting.get(a.proposalId);
        if (moveTo !== undefined) this.store.proposals.setConflict(a.proposalId, moveTo, now);
        else this.store.proposals.setStatus(a.proposalId, 'accepted', now);
      }
      const reasons = Object.fromEntries(conflicts.flatMap((c) => (c.reason ? [[c.proposalId, c.reason]] : [])));
      this.store.kv.set(CONFLICT_REASONS_KEY, JSON.stringify(reasons));
      this.store.kv.set(
        'plan.last',
        JSON.stringify({ at: now, unscheduled: out.unscheduled, atRisk: out.atRisk, habitMisses: out.habitMisses }),
      );
    });
    const fresh = out.proposals.filter((p) => !before.has(p.id)).length;
    if (view.vanished.length)
      this.log.info({ count: view.vanished.length }, 'accepted blocks deleted in the calendar were marked rejected');
    this.bus.emit({ type: 'proposals-changed', proposed: this.store.proposals.countProposed() });
    this.log.info(
      {
        proposed: out.proposals.length,
        fresh,
        unscheduled: out.unscheduled.length,
        habitMisses: out.habitMisses.length,
        conflicts: conflicts.length,
      },
      'planned',
    );
    // habitMisses only once there are habits, so a plan without them reads as before.
    const habits = view.input.habits.length ? { habitMisses: out.habitMisses } : {};
    return { proposals: this.current(), unscheduled: out.unscheduled, atRisk: out.atRisk, ...habits };
  }

  /** The proposals shown on the week: everything but rejected ones. */
  current(): Proposal[] {
    const view = proposalViewer(this.store, this.clock.now());
    return this.store.proposals
      .list()
      .filter((p) => p.status !== 'rejected')
      .map(view);
  }

  /** Re-plans after a sync that changed the cache (events, or tasks imported from Google), if there is anything to plan. */
  afterSync(runId: number): void {
    if (!replanDue(this.store, runId)) return;
    try {
      this.plan();
    } catch (e) {
      this.log.error({ err: e }, 're-planning after a sync failed');
    }
  }
}
