// The week view's direct edits: a proposed block dropped (or resized) at a
// time of the user's choosing is checked against the planner's hard rules and
// then accepted exactly there; and the last accept or reject of a block can be
// undone. Ids stay deterministic throughout: the moved block becomes the
// proposal of its new slot (proposalIdFor), so its Google event id follows
// from the slot, and accepting the same drop again — or after an undo — meets
// the same event (409 → verified → revived) instead of creating a second one.
import type { DropRefusalDetails } from '../../../shared/api';
import type { Proposal } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { EventWriter } from '../google/event-writer';
import { guardedRemove } from '../google/guarded-write';
import type { CallContext } from '../google/retry';
import type { Logger } from '../log/logger';
import { checkDrop, type DropRefusal } from '../planner/drop';
import { checkHabitDrop, proposalIdFor } from '../planner';
import type { SettingsService } from '../settings/settings-service';
import { toProposal, type ProposalRecord } from '../store/proposals-repo';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import { blockOwner, type AcceptService } from './accept-service';
import { blockGuard, cacheGoogleVersion, changedAtGoogle } from './block-guard';
import type { PlanService } from './plan-service';
import { buildPlanningView, type PlanningView } from './plan-input';

export interface DropDeps {
  store: Store;
  settings: SettingsService;
  acceptor: AcceptService;
  planner: PlanService;
  log: Logger;
  clock: Clock;
  writerFor: (accountId: string) => Promise<EventWriter>;
  callContext: (what: string) => CallContext;
}

/** kv key of a moved accept's origin, so its undo puts the proposal back where the planner had it. */
const undoKey = (id: string) => `plan.moved:${id}`;
interface MovedFrom {
  id: string;
  taskId: string;
  start: number;
  end: number;
}

export class DropService {
  constructor(private readonly d: DropDeps) {}

  async acceptAt(id: string, startIso: string, endIso: string): Promise<Proposal> {
    const { store, clock } = this.d;
    const p = this.mustGet(id);
    const start = Date.parse(startIso);
    const end = Date.parse(endIso);
    const now = clock.now();
    const view = buildPlanningView(store, this.d.settings.get(), now);
    if (p.habitId) return this.placeHabit(p, start, end, view);
    if (p.status !== 'proposed')
      throw new AppError('conflict', `block ${id} is ${p.status}; only a proposed block can be placed`);
    const task = view.input.tasks.find((t) => t.id === p.taskId);
    if (!task) throw new AppError('not-found', `the task of block ${id} is no longer open`);
    const ownAccepted = view.input.accepted.filter((a) => a.taskId === task.id);
    const refusal = checkDrop({
      ...view.input,
      task,
      start,
      end,
      // Accepted blocks are busy for everyone, the task's own included (plan() does the same).
      busy: [...view.input.busy, ...view.input.accepted.map((a) => ({ ...a, eventId: a.googleEventId ?? null }))],
      ownAccepted,
    });
    if (refusal) throw this.refused(task.title ?? 'the block', refusal, start, end);
    return this.acceptMovedProposal(p, task.id, start, end);
  }

  /**
   * A habit's block at the user's time: inside the habit's window on one local
   * day, one block a day, clear of busy time. A proposed block is accepted
   * there; an accepted (or conflicting) one has its Google event moved there.
   */
  private async placeHabit(p: ProposalRecord, start: number, end: number, view: PlanningView): Promise<Proposal> {
    if (p.status === 'rejected') throw new AppError('conflict', `block ${p.id} was rejected; plan again for a new one`);
    const habit = view.input.habits.find((h) => h.id === p.habitId);
    if (!habit) throw new AppError('not-found', `the habit of block ${p.id} is disabled or removed`);
    const others = view.input.accepted.filter((a) => a.proposalId !== p.id);
    const refusal = checkHabitDrop({
      ...view.input,
      habit,
      start,
      end,
      busy: [...view.input.busy, ...others.map((a) => ({ ...a, eventId: a.googleEventId ?? null }))],
      sameHabit: others.filter((a) => a.taskId === habit.id),
    });
    if (refusal) throw this.refused(habit.title ?? 'the habit', refusal, start, end);
    if (p.status === 'proposed') return this.acceptMovedProposal(p, habit.id, start, end);
    const moved = await this.d.acceptor.moveAccepted(p.id, start, end);
    this.d.log.info({ proposalId: p.id }, "moved a habit's accepted block to the time the user chose");
    this.d.planner.plan();
    return moved;
  }

  /** The proposal becomes the one of its new slot (deterministic id), is accepted there, and the rest re-planned around it. */
  private async acceptMovedProposal(p: ProposalRecord, ownerId: string, start: number, end: number): Promise<Proposal> {
    const { store, clock } = this.d;
    const id = p.id;
    const now = clock.now();
    const newId = proposalIdFor(ownerId, start, end);
    store.transaction(() => {
      store.proposals.moveProposed(id, newId, start, end, now);
      if (newId !== id) {
        const from: MovedFrom = { id, taskId: p.taskId, start: p.startMs, end: p.endMs };
        store.kv.set(undoKey(newId), JSON.stringify(from));
      }
    });
    const [accepted] = await this.d.acceptor.accept([newId]);
    this.d.log.info({ proposalId: newId, movedFrom: id }, 'accepted a block at the time the user chose');
    // The other proposals of the task (and any it now crowds) are fitted around it.
    this.d.planner.plan();
    return accepted ?? toProposal(this.mustGet(newId));
  }

  async undo(id: string): Promise<Proposal> {
    const { store, clock } = this.d;
    const p = this.mustGet(id);
    const now = clock.now();
    if (p.status === 'proposed') throw new AppError('conflict', `block ${id} is proposed: there is nothing to undo`);
    if (p.status === 'rejected') {
      store.proposals.setStatus(id, 'proposed', now);
      this.d.planner.plan();
      return toProposal(this.mustGet(id));
    }
    // Accepted (or since in conflict): its Google event goes first; only then does the cache follow.
    if (p.googleEventId && p.calendarId && p.accountId) {
      const writer = await this.d.writerFor(p.accountId);
      const guard = blockGuard(store, p.accountId, p.calendarId, p.googleEventId);
      const ctx = this.d.callContext('undoing an accept');
      const out = await guardedRemove(writer, p.calendarId, p.googleEventId, ctx, guard.etag, guard.unchanged);
      // Changed at Google since (moved, renamed there): the user's version stays, and enters the cache at once.
      if (out.kind === 'changed') {
        const { accountId, calendarId } = p;
        store.transaction(() => cacheGoogleVersion(store, accountId, calendarId, out.event));
        throw changedAtGoogle(blockOwner(store, p.taskId)?.title ?? '', 'deleted', out.event);
      }
    }
    const raw = store.kv.get(undoKey(id));
    const from = raw ? (JSON.parse(raw) as MovedFrom) : null;
    store.transaction(() => {
      if (p.googleEventId && p.calendarId && p.accountId)
        store.events.deleteCancelled(p.accountId, p.calendarId, p.googleEventId);
      if (from) {
        store.proposals.restoreMoved(id, from, now);
        store.kv.delete(undoKey(id));
      } else store.proposals.setStatus(id, 'proposed', now);
    });
    this.d.log.info({ proposalId: id }, 'undid the accept of a block: its event was deleted');
    this.d.planner.plan();
    const back = store.proposals.get(from?.id ?? id);
    // A re-plan may have dropped it (its task got the time elsewhere meanwhile): say what it was.
    return back ? toProposal(back) : { ...toProposal(p), status: 'proposed', googleEventId: null, calendarId: null };
  }

  private refused(title: string, r: DropRefusal, start: number, end: number): AppError {
    const details: DropRefusalDetails = { reason: r.reason };
    let detail = r.detail;
    if (r.eventId) {
      const margin = 2 * 86_400_000;
      const ev = this.d.store.events
        .list({ fromMs: start - margin, toMs: end + margin })
        .find((e) => e.id === r.eventId);
      if (ev?.title) {
        details.eventTitle = ev.title;
        detail = detail.replace('busy time', `“${ev.title}”`);
      }
    }
    return new AppError('conflict', `can't place “${title}” there: ${detail}`, details);
  }

  private mustGet(id: string): ProposalRecord {
    const p = this.d.store.proposals.get(id);
    if (!p) throw new AppError('not-found', `no block "${id}"; see \`calsync proposals\``);
    return p;
  }
}
