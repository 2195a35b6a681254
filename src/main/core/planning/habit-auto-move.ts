// The opt-in "accept habit moves automatically" (settings.autoAcceptHabitMoves,
// off by default): after each sync — and so after its re-plan — a habit block
// in conflict whose move the planner found is moved at Google without waiting
// for the user, as Reclaim's habits defend themselves. Task blocks still wait
// for an accept. Exactly once: the move is a patch to the block's own event
// (deterministic id) with the same times on any retry, and once the block is
// accepted at its new slot it is no longer a conflict, so nothing moves it
// again; a move whose answer was lost is seen by the next sync as the event's
// new time and adopted.
import type { EngineBus } from '../engine-bus';
import type { Logger } from '../log/logger';
import type { SettingsService } from '../settings/settings-service';
import type { Store } from '../store/store';
import type { AcceptService } from './accept-service';

export interface HabitAutoMoveDeps {
  store: Store;
  settings: SettingsService;
  acceptor: AcceptService;
  bus: EngineBus;
  log: Logger;
}

export class HabitAutoMover {
  constructor(private readonly d: HabitAutoMoveDeps) {}

  /** Moves every habit conflict that has a move; returns how many moved. Failures stay conflicts, logged. */
  async afterSync(): Promise<number> {
    const { store, log } = this.d;
    if (!this.d.settings.get().autoAcceptHabitMoves) return 0;
    const due = store.proposals.list('conflict').filter((p) => p.habitId && p.moveTo);
    let moved = 0;
    for (const p of due) {
      try {
        await this.d.acceptor.acceptMove(p.id);
        moved++;
      } catch (e) {
        log.warn(
          { err: e, proposalId: p.id },
          "a habit's block could not be moved automatically; it waits as a conflict",
        );
      }
    }
    if (moved) {
      log.info({ moved }, 'habit blocks moved automatically after the sync');
      this.d.bus.emit({ type: 'proposals-changed', proposed: store.proposals.countProposed() });
    }
    return moved;
  }
}
