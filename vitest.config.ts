import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The end-to-end tests start real servers and builds; two cores run two files at a time.
    maxWorkers: 2,
  },
});
