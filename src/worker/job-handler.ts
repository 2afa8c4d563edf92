import type { Queryable } from '../store/database.ts';
import type { Job, JobKind } from '../store/job-queue.ts';

export type JobOutcome =
  /** `againAfterMs`: a recurring job (the purge) goes back in line for that much later. */
  | { done: true; againAfterMs?: number }
  /** `expected`: a wait the job foresaw (not a failure), logged at debug level instead of warn. */
  | { done: false; retryable: boolean; error: string; expected?: boolean };

/** What the worker does with one kind of job. */
export interface JobHandler {
  run(job: Job, signal: AbortSignal): Promise<JobOutcome>;
  /** How often a failed or abandoned job of this kind is tried in all. */
  readonly maxAttempts: number;
  /**
   * Called, inside the reaping transaction, for a job whose worker stopped. Default: try again
   * while attempts remain. Kinds that must not run twice end the job here instead.
   */
  abandon?(tx: Queryable, job: Job): Promise<void>;
}

export type JobHandlers = Record<JobKind, JobHandler>;
