// DESIGN.md §6: 0 success, 1 failure, 2 bad usage, 3 skipped (lock held elsewhere).
export const EXIT = { ok: 0, failure: 1, usage: 2, locked: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
