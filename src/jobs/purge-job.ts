import type { Logger } from 'pino';
import type { Database } from '../store/database.ts';
import { purgeExpired, type Retention } from '../store/purge-expired.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/** How often the purge runs: retention is counted in days, so hourly is plenty and cheap. */
export const PURGE_INTERVAL_MS = 3600_000;

/**
 * The retention purge, a recurring job: one row in the queue that goes back in line an hour after
 * each run, so it survives restarts and runs on one replica at a time.
 */
export function purgeJob(deps: { db: Database; log: Logger; retention: Retention }): JobHandler {
  return {
    maxAttempts: 1,
    async run(): Promise<JobOutcome> {
      try {
        const purged = await purgeExpired(deps.db, deps.retention, new Date());
        deps.log.info({ purged, retention: deps.retention }, 'purged expired log lines, jobs and delivery ids');
      } catch (error) {
        // A failed purge must not end the schedule: the row goes back in line and tries next hour.
        deps.log.error({ err: error }, 'the retention purge failed; trying again in an hour');
      }
      return { done: true, againAfterMs: PURGE_INTERVAL_MS };
    },
  };
}
