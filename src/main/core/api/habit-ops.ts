// The API operations of habits (issue 18). Like tasks, a change does not
// re-plan by itself: `plan` (or the next sync / the 6-hourly re-plan) does.
import type { Habit } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { habitInputSchema, type HabitPatch } from '../../../shared/schemas';
import type { Store } from '../store/store';
import type { Clock } from '../clock';
import type { ApiImpl } from './validated-api';

export type HabitOps = Pick<ApiImpl, 'listHabits' | 'addHabit' | 'updateHabit' | 'deleteHabit'>;

export function habitOps({ store, clock }: { store: Store; clock: Clock }): HabitOps {
  const mustHabit = (id: string): Habit => {
    const h = store.habits.get(id);
    if (!h) throw new AppError('not-found', `no habit "${id}"; see \`calsync habits\``);
    return h;
  };
  return {
    listHabits: async () => store.habits.list(),
    addHabit: async (input) => store.habits.add(input, clock.now()),
    updateHabit: async ({ id, patch }) => {
      const next = mergeHabit(mustHabit(id), patch);
      return store.transaction(() => {
        const h = store.habits.update(id, next, clock.now());
        // Turned off: its open blocks go; accepted ones stay in the calendar (plain busy time from now on).
        if (!h.enabled) store.proposals.dropOpenOfTask(id);
        return h;
      });
    },
    deleteHabit: async ({ id }) => {
      mustHabit(id);
      // Its proposals go with it; accepted blocks are events in the user's calendar and stay there.
      store.habits.delete(id);
      return { id };
    },
  };
}

/** A patch is checked as a whole habit again: the minimum fits the duration, the duration the window. */
function mergeHabit(h: Habit, patch: HabitPatch) {
  const { id: _id, ...fields } = { ...h, ...patch };
  const parsed = habitInputSchema.safeParse(fields);
  if (!parsed.success)
    throw new AppError(
      'bad-input',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'habit'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
