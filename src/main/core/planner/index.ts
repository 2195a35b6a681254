// The planner's public surface: pure functions over epoch-millisecond data.
export { plan } from './plan';
export { planWithHabits } from './habit-plan';
export { findConflicts } from './conflicts';
export { findHabitConflicts } from './habit-conflicts';
export { allDayToInterval } from './all-day';
export { deterministicEventId, proposalIdFor } from './ids';
export type * from './types';
export { checkHabitDrop } from './habit-drop';
