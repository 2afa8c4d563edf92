import type { Database, Queryable } from './database.ts';

/**
 * The durable job queue, on the store's own tables so that both engines share one code path. Every
 * statement on the `jobs` and `running_keys` tables lives in this module (one exception: a
 * `deployment.created` delivery inserts its jobs in the one statement that records it, in
 * deployments-store.ts, so that it stays atomic and one round trip).
 *
 * - At most one running job per key: claiming inserts the key into `running_keys`, whose primary
 *   key makes a second claim fail whatever the isolation level or the number of replicas.
 * - Jobs of one key run in the order they were enqueued: only the oldest open job of a key is
 *   claimable (a `waiting` job holds its place until it is released).
 * - A running job holds a lease that its worker renews. Finishing, retrying, failing and renewing
 *   all name the job AND the worker: a worker whose lease was reaped (and whose job another worker
 *   may hold now) changes nothing.
 * - A key named in `environment_locks` is not claimed until it is unlocked, except by a run an admin
 *   forced through the lock (`/deploy --force`), which also passes the runs waiting behind it.
 * - Two lanes: deployments (`run`) and control work (everything else) are claimed for separate
 *   worker slots, so announcements, replies and status reports never wait behind deployments.
 */
export type JobKind =
  | 'create_deployments'
  /** A push, tag or release: the environments whose `on:` asks for it get a deployment. */
  | 'trigger_deployments'
  | 'announce'
  | 'run'
  | 'report_status'
  | 'command'
  | 'late_comment'
  | 'pr_comment'
  | 'purge'
  | 'lock_expiry'
  /** Asks GitHub about a waiting deployment's CI checks; goes back in line until they are decided. */
  | 'check_wait'
  // Preview environments (src/previews/): create or update, tear down, expire, keep the PR comment.
  | 'preview'
  | 'preview_teardown'
  | 'preview_expiry'
  | 'preview_comment';

/** Kinds that are one row going back in line after each run (migrations 006 and 009 keep one open row each). */
export const RECURRING_KINDS = ['purge', 'lock_expiry'] as const;
export type RecurringKind = (typeof RECURRING_KINDS)[number];

/** The closed set of job states; migration 006 makes the database refuse any other. */
export const JOB_STATES = ['waiting', 'queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States of a job that is not finished (it holds its place in its key's line). */
export const OPEN_JOB_STATES = ['waiting', 'queued', 'running'] as const satisfies readonly JobState[];

export type Lane = 'deploy' | 'control';
/** The kinds that take deployment slots; every other kind is control work. */
const DEPLOY_KINDS: readonly JobKind[] = ['run'];
export const laneOf = (kind: JobKind): Lane => (DEPLOY_KINDS.includes(kind) ? 'deploy' : 'control');

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

/** What finishing a job did: `lease_lost` when this worker no longer held it (reaped, maybe claimed again). */
export type Settled = { ok: true } | { ok: false; reason: 'lease_lost' };

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

const open = `(${OPEN_JOB_STATES.map((s) => `'${s}'`).join(', ')})`;

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

/**
 * Puts a recurring job (one row that goes back in line after each run) in the queue unless it is
 * there already; replicas starting together race here and a unique index lets one row through.
 */
export async function ensureRecurringJob(db: Queryable, kind: RecurringKind): Promise<boolean> {
  const rows = await db.query(`INSERT INTO jobs (kind, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`, [kind, `runway:${kind}`]);
  return rows.length > 0;
}

/** Makes a `waiting` job claimable. */
export async function releaseJob(tx: Queryable, jobId: number): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'queued' WHERE id = $1 AND state = 'waiting'`, [jobId]);
}

/**
 * Takes a `waiting` run job out of its key's line (its deployment waits for CI or a hold first, and
 * must not hold the line meanwhile); a new run job joins the end of the line when the wait ends.
 */
export async function withdrawWaitingJob(tx: Queryable, jobId: number): Promise<boolean> {
  const rows = await tx.query(`DELETE FROM jobs WHERE id = $1 AND state = 'waiting' RETURNING id`, [jobId]);
  return rows.length > 0;
}

/**
 * Puts the deployment's check job in line to run within `afterSeconds` (0: now, for a check
 * webhook's prompt): one queued check job per deployment (a unique index), pulled forward, never
 * pushed back. Its key is the deployment's own `checks:<id>`, so it holds up no other job.
 */
export async function scheduleCheckWait(tx: Queryable, deploymentId: number, afterSeconds: number): Promise<void> {
  await tx.query(
    `INSERT INTO jobs (kind, key, deployment_id, run_after) VALUES ('check_wait', $1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (deployment_id) WHERE kind = 'check_wait' AND state = 'queued'
     DO UPDATE SET run_after = LEAST(jobs.run_after, EXCLUDED.run_after)`,
    [`checks:${deploymentId}`, deploymentId, afterSeconds],
  );
}

/** Ends the run jobs of deployments that will not run (superseded, cancelled before they started). */
export async function dropRunJobs(tx: Queryable, deploymentIds: number[], why: string): Promise<void> {
  if (deploymentIds.length === 0) return;
  await tx.query(
    `UPDATE jobs SET state = 'done', last_error = $2, finished_at = now()
     WHERE kind = 'run' AND deployment_id = ANY($1::int[]) AND state IN ('waiting', 'queued')`,
    [deploymentIds, why],
  );
}

/** Marks a reaped job as finally failed (used by kinds that must not run twice). */
export async function markJobFailed(tx: Queryable, jobId: number, error: string): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'failed', last_error = $2, finished_at = now() WHERE id = $1`, [jobId, error]);
}

/** Puts a reaped job back in line (used by kinds that are safe to run again). */
export async function requeueJob(tx: Queryable, jobId: number): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'queued', run_after = now() WHERE id = $1`, [jobId]);
}

/** Open jobs by state (for /metrics); recurring jobs, always in line, are not work waiting to be done. */
export async function countOpenJobs(db: Queryable): Promise<{ state: JobState; count: number }[]> {
  const rows = await db.query<{ state: JobState; n: number }>(
    `SELECT state, count(*)::int AS n FROM jobs WHERE state IN ${open} AND kind <> ALL($1::text[]) GROUP BY state ORDER BY state`,
    [RECURRING_KINDS],
  );
  return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
}

/** The open run jobs of a key, oldest first: `[job id, state, deployment id]`. */
export async function openRunJobs(db: Queryable, key: string): Promise<{ jobId: number; state: JobState; deploymentId: number }[]> {
  const rows = await db.query<{ id: number; state: JobState; deployment_id: number }>(
    `SELECT id, state, deployment_id FROM jobs WHERE key = $1 AND kind = 'run' AND state IN ${open} ORDER BY id`,
    [key],
  );
  return rows.map((r) => ({ jobId: Number(r.id), state: r.state, deploymentId: Number(r.deployment_id) }));
}

/** Deletes finished jobs that ended before `before`; returns how many. Open jobs are never touched. */
export async function purgeFinishedJobs(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [before],
  );
  return Number(rows[0]?.n ?? 0);
}

const keyLocked = `EXISTS (SELECT 1 FROM environment_locks l WHERE l.key = j.key)`;
/**
 * A run forced through a lock by an admin (`/deploy --force`, src/flow/force-gate.ts): it passes
 * the lock and the runs that wait behind it; one run at a time per key still holds.
 */
const forcedRun = `EXISTS (SELECT 1 FROM deployments fd JOIN deployment_origins fo
    ON fo.owner = fd.owner AND fo.repo = fd.repo AND fo.github_id = fd.github_id
  WHERE fd.id = j.deployment_id AND fo.forced_through IS NOT NULL)`;

export class JobQueue {
  constructor(
    private readonly db: Database,
    readonly workerId: string,
    private readonly leaseSeconds: number,
  ) {}

  /** Takes the next claimable job of `lane` and leases it to this worker, or returns undefined. */
  async claim(lane: Lane): Promise<Job | undefined> {
    return this.db.transaction(async (tx) => {
      const candidates = await tx.query<JobRow>(
        `SELECT j.id, j.kind, j.key, j.deployment_id, j.payload, j.attempts FROM jobs j
         WHERE j.state = 'queued' AND j.run_after <= now() AND (j.kind = ANY($1::text[])) = $2
           AND NOT EXISTS (SELECT 1 FROM jobs o WHERE o.key = j.key AND o.id < j.id AND o.state IN ${open}
                           AND NOT (${forcedRun} AND o.state <> 'running' AND ${keyLocked}))
           AND NOT EXISTS (SELECT 1 FROM running_keys r WHERE r.key = j.key)
           AND (${forcedRun} OR NOT ${keyLocked})
         ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [DEPLOY_KINDS, lane === 'deploy'],
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

  /** Renews the leases this worker holds on `jobIds`; returns the ids it still holds. */
  async heartbeat(jobIds: readonly number[]): Promise<Set<number>> {
    if (jobIds.length === 0) return new Set();
    const rows = await this.db.query<{ job_id: number }>(
      `UPDATE running_keys SET lease_until = now() + make_interval(secs => $2)
       WHERE worker_id = $1 AND job_id = ANY($3::int[]) RETURNING job_id`,
      [this.workerId, this.leaseSeconds, jobIds],
    );
    return new Set(rows.map((r) => Number(r.job_id)));
  }

  /** The job is done; with `againAfterMs` (a recurring job) it goes back in line for that much later. */
  complete(job: Job, options: { againAfterMs?: number } = {}): Promise<Settled> {
    if (options.againAfterMs !== undefined) {
      return this.#settle(
        job,
        `UPDATE jobs SET state = 'queued', attempts = 0, last_error = NULL, run_after = now() + make_interval(secs => $2)
         WHERE id = $1 AND state = 'running'`,
        [options.againAfterMs / 1000],
      );
    }
    return this.#settle(job, `UPDATE jobs SET state = 'done', finished_at = now() WHERE id = $1 AND state = 'running'`, []);
  }

  retry(job: Job, error: string, delayMs: number): Promise<Settled> {
    return this.#settle(
      job,
      `UPDATE jobs SET state = 'queued', last_error = $2, run_after = now() + make_interval(secs => $3) WHERE id = $1 AND state = 'running'`,
      [error, delayMs / 1000],
    );
  }

  fail(job: Job, error: string): Promise<Settled> {
    return this.#settle(job, `UPDATE jobs SET state = 'failed', last_error = $2, finished_at = now() WHERE id = $1 AND state = 'running'`, [
      error,
    ]);
  }

  /** Gives the key back and moves the job, only while this worker still holds its lease. */
  async #settle(job: Job, update: string, params: unknown[]): Promise<Settled> {
    return this.db.transaction(async (tx) => {
      const held = await tx.query('DELETE FROM running_keys WHERE job_id = $1 AND worker_id = $2 RETURNING job_id', [
        job.id,
        this.workerId,
      ]);
      if (held.length === 0) return { ok: false, reason: 'lease_lost' } as const;
      await tx.query(update, [job.id, ...params]);
      return { ok: true } as const;
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
