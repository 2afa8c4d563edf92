import type { Database, Queryable } from './database.ts';

/**
 * The durable job queue, on the store's own tables so that both engines share one code path.
 *
 * - At most one running job per key: claiming inserts the key into `running_keys`, whose primary
 *   key makes a second claim fail whatever the isolation level or the number of replicas.
 * - Jobs of one key run in the order they were enqueued: only the oldest open job of a key is
 *   claimable (a `waiting` job holds its place until it is released).
 * - A running job holds a lease that its worker renews; when a worker dies, the lease runs out and
 *   the job is reaped: retried, or ended by its kind's `abandon` hook.
 * - A key named in `environment_locks` is not claimed until it is unlocked.
 */
export type JobKind = 'create_deployments' | 'announce' | 'run' | 'report_status' | 'command' | 'late_comment' | 'pr_comment';

export interface Job {
  id: number;
  kind: JobKind;
  key: string;
  deploymentId: number | null;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface NewJob {
  kind: JobKind;
  key: string;
  deploymentId?: number;
  payload?: Record<string, unknown>;
  /** `waiting` holds the job's place in its key's line without making it claimable. */
  state?: 'queued' | 'waiting';
}

interface JobRow {
  id: number;
  kind: JobKind;
  key: string;
  deployment_id: number | null;
  payload: Record<string, unknown>;
  attempts: number;
}

const toJob = (r: JobRow): Job => ({
  id: Number(r.id),
  kind: r.kind,
  key: r.key,
  deploymentId: r.deployment_id === null ? null : Number(r.deployment_id),
  payload: r.payload,
  attempts: Number(r.attempts),
});

export async function enqueueJob(tx: Queryable, job: NewJob): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    'INSERT INTO jobs (kind, key, deployment_id, payload, state) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [job.kind, job.key, job.deploymentId ?? null, JSON.stringify(job.payload ?? {}), job.state ?? 'queued'],
  );
  return Number(rows[0]!.id);
}

/** Enqueues a job for a deployment unless one of that kind is already waiting to run (coalesces bursts). */
export async function enqueueOnce(db: Queryable, kind: JobKind, key: string, deploymentId: number): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO jobs (kind, key, deployment_id)
     SELECT $1, $2, $3 WHERE NOT EXISTS (
       SELECT 1 FROM jobs WHERE kind = $1 AND deployment_id = $3 AND state = 'queued')
     RETURNING id`,
    [kind, key, deploymentId],
  );
  return rows.length > 0;
}

/** Makes a `waiting` job claimable. */
export async function releaseJob(tx: Queryable, jobId: number): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'queued' WHERE id = $1 AND state = 'waiting'`, [jobId]);
}

export class JobQueue {
  constructor(
    private readonly db: Database,
    readonly workerId: string,
    private readonly leaseSeconds: number,
  ) {}

  /** Takes the next claimable job and leases it to this worker, or returns undefined. */
  async claim(): Promise<Job | undefined> {
    return this.db.transaction(async (tx) => {
      const candidates = await tx.query<JobRow>(
        `SELECT j.id, j.kind, j.key, j.deployment_id, j.payload, j.attempts FROM jobs j
         WHERE j.state = 'queued' AND j.run_after <= now()
           AND NOT EXISTS (SELECT 1 FROM jobs o WHERE o.key = j.key AND o.id < j.id
                           AND o.state IN ('waiting', 'queued', 'running'))
           AND NOT EXISTS (SELECT 1 FROM running_keys r WHERE r.key = j.key)
           AND NOT EXISTS (SELECT 1 FROM environment_locks l WHERE l.key = j.key)
         ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = candidates[0];
      if (!row) return undefined;
      const held = await tx.query(
        `INSERT INTO running_keys (key, job_id, worker_id, lease_until)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4)) ON CONFLICT DO NOTHING RETURNING job_id`,
        [row.key, row.id, this.workerId, this.leaseSeconds],
      );
      if (held.length === 0) return undefined;
      await tx.query(`UPDATE jobs SET state = 'running', attempts = attempts + 1 WHERE id = $1`, [row.id]);
      return toJob({ ...row, attempts: Number(row.attempts) + 1 });
    });
  }

  /** Renews the leases of this worker's jobs; returns the ids it still holds. */
  async heartbeat(): Promise<Set<number>> {
    const rows = await this.db.query<{ job_id: number }>(
      `UPDATE running_keys SET lease_until = now() + make_interval(secs => $2) WHERE worker_id = $1 RETURNING job_id`,
      [this.workerId, this.leaseSeconds],
    );
    return new Set(rows.map((r) => Number(r.job_id)));
  }

  async complete(job: Job): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM running_keys WHERE job_id = $1', [job.id]);
      await tx.query(`UPDATE jobs SET state = 'done', finished_at = now() WHERE id = $1`, [job.id]);
    });
  }

  async retry(job: Job, error: string, delayMs: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM running_keys WHERE job_id = $1', [job.id]);
      await tx.query(`UPDATE jobs SET state = 'queued', last_error = $2, run_after = now() + make_interval(secs => $3) WHERE id = $1`, [
        job.id,
        error,
        delayMs / 1000,
      ]);
    });
  }

  async fail(job: Job, error: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM running_keys WHERE job_id = $1', [job.id]);
      await tx.query(`UPDATE jobs SET state = 'failed', last_error = $2, finished_at = now() WHERE id = $1`, [job.id, error]);
    });
  }

  /**
   * Ends the leases that ran out (their worker died or hung). `abandon` decides, inside the same
   * transaction, what becomes of each job; the key is free again when it commits.
   */
  async reapExpired(abandon: (tx: Queryable, job: Job) => Promise<void>): Promise<Job[]> {
    const expired = await this.db.query<{ key: string; job_id: number }>('SELECT key, job_id FROM running_keys WHERE lease_until < now()');
    const reaped: Job[] = [];
    for (const { key, job_id } of expired) {
      const job = await this.db.transaction(async (tx) => {
        const gone = await tx.query('DELETE FROM running_keys WHERE key = $1 AND job_id = $2 AND lease_until < now() RETURNING job_id', [
          key,
          job_id,
        ]);
        if (gone.length === 0) return undefined; // renewed, or another replica reaped it first
        const rows = await tx.query<JobRow>('SELECT id, kind, key, deployment_id, payload, attempts FROM jobs WHERE id = $1', [job_id]);
        const reapedJob = toJob(rows[0]!);
        await abandon(tx, reapedJob);
        return reapedJob;
      });
      if (job) reaped.push(job);
    }
    return reaped;
  }
}

/** Marks a reaped job as finally failed (used by kinds that must not run twice). */
export async function markJobFailed(tx: Queryable, jobId: number, error: string): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'failed', last_error = $2, finished_at = now() WHERE id = $1`, [jobId, error]);
}

/** Puts a reaped job back in line (used by kinds that are safe to run again). */
export async function requeueJob(tx: Queryable, jobId: number): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'queued', run_after = now() WHERE id = $1`, [jobId]);
}
