import { liftExpired, type LiftDeps } from '../locks/lift-expired-locks.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/** How often locks with an end are looked at: a lock lifts itself at most this late. */
export const LOCK_EXPIRY_INTERVAL_MS = 10_000;

/**
 * Lifts locks that came to their end: a recurring job (one row that goes back in line after each
 * run), so it survives restarts and runs on one replica at a time. `clock` is injected in tests.
 */
export function lockExpiryJob(deps: LiftDeps & { clock: () => Date }): JobHandler {
  return {
    maxAttempts: 1,
    async run(): Promise<JobOutcome> {
      try {
        await liftExpired(deps, deps.clock());
      } catch (error) {
        // A failed look must not end the schedule: the row goes back in line and looks again.
        deps.log.error({ err: error }, 'could not lift expired locks; looking again shortly');
      }
      return { done: true, againAfterMs: LOCK_EXPIRY_INTERVAL_MS };
    },
  };
}
