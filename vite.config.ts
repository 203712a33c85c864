import { defineConfig } from 'vitest/config';

// One config for the test runner now and for the admin app build later.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'test/**/*.test.ts'],
    // Every database test creates its own MariaDB schema, so files can run in parallel;
    // two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
