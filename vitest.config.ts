import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    pool: 'forks',
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests must pass under any TZ; CI runs them under a non-UTC zone on purpose.
    env: { CALSYNC_LOG_LEVEL: process.env.CALSYNC_LOG_LEVEL ?? 'silent' },
  },
});
