// The tests StrykerJS runs against each mutant (stryker.config.mjs): for each
// folder its unit tests, plus the in-process integration tests that drive it
// end to end against the fake Google and the fake Supabase. Tests that spawn
// the `calsync` bundle are left out: they would run the bundle built before
// mutation, not the mutant. MUTATE_FOLDER narrows the set like the mutants.
import { defineConfig } from 'vitest/config';

const TESTS: Record<string, string[]> = {
  planner: ['tests/main/core/planner/**/*.test.ts', 'tests/main/core/planning/**/*.test.ts'],
  sync: [
    'tests/main/core/sync/**/*.test.ts',
    'tests/integration/sync-{roundtrip,full-listing,expired-tombstones,calendar-list,bad-input,faults}.test.ts',
  ],
  push: [
    'tests/main/core/push/**/*.test.ts',
    'tests/integration/supabase-{push,reconcile,withdrawal-resend,disconnect}.test.ts',
  ],
  store: [
    'tests/main/core/store/**/*.test.ts',
    'tests/integration/sync-{roundtrip,expired-tombstones}.test.ts',
    'tests/integration/supabase-{push,reconcile}.test.ts',
  ],
  // The command side and the app side of the hand-over, in process (cli-sync-hand-over.test.ts spawns the bundle).
  control: ['tests/main/core/control/**/*.test.ts'],
};
const folder = process.env.MUTATE_FOLDER;
// MUTATE_TESTS=unit: the folder's unit tests only, for a quick look at its pure modules.
const unitOnly = process.env.MUTATE_TESTS === 'unit';
const pick = (globs: string[]) => (unitOnly ? globs.filter((g) => g.startsWith('tests/main/')) : globs);

export default defineConfig({
  test: {
    include: pick(folder && TESTS[folder] ? TESTS[folder] : [...new Set(Object.values(TESTS).flat())]),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { CALSYNC_LOG_LEVEL: 'silent' },
  },
});
