// Mutation testing of the engine's decision-making folders (issue 15 item 2).
// `npm run mutate` runs all five folders; one folder at a time with
// `MUTATE_FOLDER=planner npm run mutate` (each folder keeps its own report and
// incremental file, so runs of different folders do not undo each other).
// Concurrency defaults to 1: the build machine's cores are shared.
// Not part of `npm test`; docs/TESTING.md has run times and scores.
import path from 'node:path';

const FOLDERS = ['sync', 'planner', 'push', 'store', 'control'];
const folder = process.env.MUTATE_FOLDER;
if (folder !== undefined && !FOLDERS.includes(folder)) {
  throw new Error(`MUTATE_FOLDER must be one of ${FOLDERS.join(', ')} (got "${folder}")`);
}
// MUTATE_REPORT names the report of a run over part of a folder, so it does not replace the folder's.
const name = process.env.MUTATE_REPORT ?? folder ?? 'all';
// The tests run from a copy of the checkout in .stryker-tmp/, where ../shared is not beside them.
process.env.CALSYNC_TEST_FIXTURES ??= path.resolve('../shared/fixtures/google');
const concurrency = Number(process.env.STRYKER_CONCURRENCY ?? '1');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: folder ? [`src/main/core/${folder}/**/*.ts`] : FOLDERS.map((f) => `src/main/core/${f}/**/*.ts`),
  concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  // The sandbox copies the project; leave out what no test of these folders reads.
  ignorePatterns: ['out', 'dist', 'release', 'reports', 'test-results', 'playwright-report', 'coverage', 'tests/e2e'],
  timeoutMS: 10_000,
  timeoutFactor: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
