import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The chaos test starts its own PostgreSQL and three replicas and loads both cores for minutes:
    // `npm run test:chaos` runs it alone (npm test runs it at CI size after the rest), not beside other files.
    exclude: process.env.RUNWAY_CHAOS ? [] : ['test/chaos/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The end-to-end tests start real servers and builds; two cores run two files at a time.
    maxWorkers: 2,
    // Node 20 is this project's target until 2027; the SDK's reminder and the warnings that tests
    // provoke on purpose would only bury the output (LOG_LEVEL=warn npm test shows them).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
  },
});
