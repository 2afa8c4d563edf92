import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests send 120 requests a route; on a loaded two-core CI machine that outlasted 30 s.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
