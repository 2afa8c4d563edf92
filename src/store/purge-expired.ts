import type { Queryable } from './database.ts';
import { purgeDeliveries } from './deliveries-store.ts';
import { purgeFinishedJobs } from './job-queue.ts';
import { purgeLogLines } from './log-store.ts';

export interface Retention {
  /** Log lines older than this many days go. */
  logDays: number;
  /** Finished jobs and delivery ids older than this many days go. */
  finishedJobDays: number;
}

export interface Purged {
  logLines: number;
  jobs: number;
  deliveries: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes what has outlived its use, as of `now`. Never deployments or their steps (rollback targets
 * and delivery metrics read them), never open jobs, never the keys that stop comment replays.
 */
export async function purgeExpired(db: Queryable, retention: Retention, now: Date): Promise<Purged> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return {
    logLines: await purgeLogLines(db, daysAgo(retention.logDays)),
    jobs: await purgeFinishedJobs(db, daysAgo(retention.finishedJobDays)),
    deliveries: await purgeDeliveries(db, daysAgo(retention.finishedJobDays)),
  };
}
