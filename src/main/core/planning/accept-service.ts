// Turns proposals into Google events exactly once. The event id is derived
// from the proposal and stored before Google is asked, so any retry — after a
// timeout, a crash, a second click — reuses it: Google answers 409 and the
// existing event is checked for calsync's marker instead of duplicated.
import type { Proposal, Settings, Task } from '../../../shared/domain';
import { AppError, toErrorData } from '../../../shared/errors';
import type { EngineBus } from '../engine-bus';
import type { EventWriter, GoogleEventBody } from '../google/event-writer';
import { guardedPatch, guardedRemove } from '../google/guarded-write';
import type { CallContext } from '../google/retry';
import type { Logger } from '../log/logger';
import { deterministicEventId } from '../planner';
import type { SettingsService } from '../settings/settings-service';
import type { CalendarRecord } from '../store/calendars-repo';
import { toProposal, type ProposalRecord } from '../store/proposals-repo';
import type { Store } from '../store/store';
import { MARKER_PROPOSAL, MARKER_TASK } from '../sync/normalize-event';
import type { Clock } from '../clock';
import { atTimes, blockGuard, cacheGoogleVersion, changedAtGoogle } from './block-guard';
import { offeredForRemoval } from './proposal-view';
import { resolveTargetCalendar } from './target-calendar';

export interface AcceptDeps {
  store: Store;
  settings: SettingsService;
  bus: EngineBus;
  log: Logger;
  clock: Clock;
  writerFor: (accountId: string) => Promise<EventWriter>;
  callContext: (what: string) => CallContext;
}

export class AcceptService {
  constructor(private readonly d: AcceptDeps) {}

  async accept(ids: string[] | 'all'): Promise<Proposal[]> {
    const { store } = this.d;
    const targets = ids === 'all' ? store.proposals.list('proposed') : ids.map((id) => this.mustGet(id));
    const done: Proposal[] = [];
    const failed: string[] = [];
    for (const p of targets) {
      try {
        done.push(await this.acceptOne(p));
      } catch (e) {
        if (ids !== 'all' && targets.length === 1) throw e;
        // Consent and configuration problems are the same for every block: say it once.
        if (toErrorData(e).code === 'needs-consent' || toErrorData(e).code === 'not-configured') throw e;
        failed.push(`${p.id}: ${toErrorData(e).message}`);
      }
    }
    this.d.bus.emit({ type: 'proposals-changed', proposed: store.proposals.countProposed() });
    if (failed.length)
      throw new AppError(
        'google-error',
        `accepted ${done.length} of ${targets.length} blocks; ${failed.length} failed — ${failed[0]}`,
      );
    return done;
  }

  async reject(id: string): Promise<Proposal> {
    const p = this.mustGet(id);
    if (p.status !== 'proposed')
      throw new AppError('conflict', `block ${id} is ${p.status}; only proposed blocks can be rejected`);
    this.d.store.proposals.setStatus(id, 'rejected', this.d.clock.now());
    return toProposal(this.mustGet(id));
  }

  /** Moves a conflicting accepted block to the slot the planner proposed. */
  async acceptMove(id: string): Promise<Proposal> {
    const p = this.mustGet(id);
    if (p.status !== 'conflict' || !p.moveTo) {
      throw new AppError('conflict', `block ${id} has no move to accept (it is ${p.status})`);
    }
    return this.moveAccepted(id, Date.parse(p.moveTo.start), Date.parse(p.moveTo.end));
  }

  /**
   * Moves an accepted (or conflicting) block's Google event to [start, end). A
   * patch with the same times is idempotent, so a retry after a lost answer
   * writes nothing new; the block keeps its id and event id.
   */
  async moveAccepted(id: string, start: number, end: number): Promise<Proposal> {
    const { store, clock } = this.d;
    const p = this.mustGet(id);
    if ((p.status !== 'conflict' && p.status !== 'accepted') || !p.googleEventId || !p.calendarId || !p.accountId) {
      throw new AppError('conflict', `block ${id} is ${p.status}; only an accepted block can be moved`);
    }
    const zone = this.d.settings.get().timeZone;
    const writer = await this.d.writerFor(p.accountId);
    const guard = blockGuard(store, p.accountId, p.calendarId, p.googleEventId);
    const out = await guardedPatch(
      writer,
      p.calendarId,
      p.googleEventId,
      {
        start: { dateTime: new Date(start).toISOString(), timeZone: zone },
        end: { dateTime: new Date(end).toISOString(), timeZone: zone },
      },
      this.d.callContext('moving a block'),
      guard.etag,
      { landed: (ev) => atTimes(ev, start, end), unchanged: guard.unchanged },
    );
    if (out.kind === 'changed') {
      // Google's version enters the cache, as the next sync would bring it; the next plan looks at it afresh.
      if (out.event) store.transaction(() => this.cache(p.accountId!, p.calendarId!, out.event!));
      throw changedAtGoogle(blockOwner(store, p.taskId)?.title ?? '', 'moved', out.event);
    }
    store.transaction(() => {
      this.cache(p.accountId!, p.calendarId!, out.event);
      store.proposals.moved(id, start, end, clock.now());
    });
    this.d.log.info({ proposalId: id, habitId: p.habitId }, 'moved an accepted block in Google Calendar');
    return toProposal(this.mustGet(id));
  }

  /**
   * The removal offer of a done task's future block, accepted: its Google event
   * is deleted (a 404/410 on a retry after a lost answer counts as done), then
   * the cache follows and the block is rejected, so it is neither offered nor
   * deleted again. A block changed at Google since the last sync is kept.
   */
  private async release(p: ProposalRecord): Promise<Proposal> {
    const { store, clock } = this.d;
    if (p.googleEventId && p.calendarId && p.accountId) {
      const writer = await this.d.writerFor(p.accountId);
      const guard = blockGuard(store, p.accountId, p.calendarId, p.googleEventId);
      const ctx = this.d.callContext("removing a finished task's block");
      const out = await guardedRemove(writer, p.calendarId, p.googleEventId, ctx, guard.etag, guard.unchanged);
      if (out.kind === 'changed') {
        store.transaction(() => this.cache(p.accountId!, p.calendarId!, out.event));
        throw changedAtGoogle(blockOwner(store, p.taskId)?.title ?? '', 'deleted', out.event);
      }
    }
    store.transaction(() => {
      if (p.googleEventId && p.calendarId && p.accountId)
        store.events.deleteCancelled(p.accountId, p.calendarId, p.googleEventId);
      store.proposals.setStatus(p.id, 'rejected', clock.now());
    });
    this.d.log.info({ proposalId: p.id, taskId: p.taskId }, "removed a done task's block from Google Calendar");
    return toProposal(this.mustGet(p.id));
  }

  private async acceptOne(p: ProposalRecord): Promise<Proposal> {
    const { store, clock } = this.d;
    if (p.status === 'accepted' || p.status === 'conflict') {
      // A done task's future block is offered for removal: accepting that offer removes it.
      if (offeredForRemoval(store, p, clock.now())) return this.release(p);
      // Accepting a conflict accepts its proposed move (the CLI's `accept <id>`, like the window's button).
      if (p.status === 'conflict' && p.moveTo) return this.acceptMove(p.id);
      return toProposal(p); // accepting twice is a no-op
    }
    if (p.status === 'rejected') throw new AppError('conflict', `block ${p.id} was rejected; plan again for a new one`);
    const task = blockOwner(store, p.taskId);
    if (!task) throw new AppError('not-found', `the task or habit of block ${p.id} no longer exists`);
    const settings = this.d.settings.get();
    const cal =
      p.calendarId && p.accountId
        ? store.calendars.get(p.accountId, p.calendarId)
        : resolveTargetCalendar(store, settings);
    if (!cal)
      throw new AppError('not-found', 'the calendar chosen for this block is gone; pick a target calendar in settings');
    const eventId = p.googleEventId ?? deterministicEventId(p.id);
    store.proposals.prepareAccept(p.id, eventId, cal.accountId, cal.id, clock.now());
    const writer = await this.d.writerFor(cal.accountId);
    const ctx = this.d.callContext(`accepting "${task.title.slice(0, 60)}"`);
    const body = eventBody(eventId, p, task, settings);
    const result = await writer.insert(cal.id, body, ctx);
    let ev: GoogleEventBody;
    if (result === 'exists') {
      // An earlier try landed (timeout, crash, double click): confirm it is ours.
      const existing = await writer.get(cal.id, eventId, ctx);
      if (!existing || existing.extendedProperties?.private?.[MARKER_PROPOSAL] !== p.id) {
        throw new AppError(
          'conflict',
          `Google already has an event with id ${eventId} that calsync did not create for this block`,
        );
      }
      ev =
        existing.status === 'cancelled'
          ? await writer.patch(cal.id, eventId, { ...body, status: 'confirmed' }, ctx)
          : existing;
    } else {
      ev = result.created;
    }
    store.transaction(() => {
      this.cache(cal.accountId, cal.id, ev, cal);
      store.proposals.setStatus(p.id, 'accepted', clock.now());
    });
    this.d.log.info({ proposalId: p.id, calendarId: cal.id }, 'accepted a block into Google Calendar');
    return toProposal(this.mustGet(p.id));
  }

  private cache(accountId: string, calendarId: string, ev: GoogleEventBody, cal?: CalendarRecord): void {
    cacheGoogleVersion(this.d.store, accountId, calendarId, ev, cal);
  }

  private mustGet(id: string): ProposalRecord {
    const p = this.d.store.proposals.get(id);
    if (!p) throw new AppError('not-found', `no block "${id}"; see \`calsync proposals\``);
    return p;
  }
}

/** What the event is written from: the task, or the habit (its id goes into the task marker). */
type BlockOwner = Pick<Task, 'id' | 'title' | 'notes'>;

export function blockOwner(store: Store, id: string): BlockOwner | null {
  const task = store.tasks.get(id);
  if (task) return task;
  const habit = store.habits.get(id);
  return habit ? { id: habit.id, title: habit.title, notes: null } : null;
}

function eventBody(id: string, p: ProposalRecord, task: BlockOwner, settings: Settings): GoogleEventBody {
  return {
    id,
    summary: task.title,
    description: task.notes ?? undefined,
    start: { dateTime: p.start, timeZone: settings.timeZone },
    end: { dateTime: p.end, timeZone: settings.timeZone },
    transparency: 'opaque',
    extendedProperties: { private: { [MARKER_TASK]: task.id, [MARKER_PROPOSAL]: p.id } },
  };
}
