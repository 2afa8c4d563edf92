import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../src/store/database.ts';
import { enqueueJob, JobQueue, markJobFailed, type JobKind } from '../../src/store/job-queue.ts';
import type { JobHandler, JobHandlers } from '../../src/worker/job-handler.ts';
import { Worker } from '../../src/worker/worker.ts';
import { openStoreFor } from '../support/open-store.ts';

const LEASE_SECONDS = 6;
/** How long the slow claim's transaction goes on after it set the lease (a loaded store, a busy pool). */
const SLOW_CLAIM_MS = 3000;
const KEY = 'acme/svc:production';

/**
 * A store that is slow to answer a claim and then goes away, as PostgreSQL restarting under load:
 * the lease counts from the claim's transaction start (PostgreSQL's `now()`), seconds before the
 * claim returns to the worker, and nothing after it (renewals, the outcome) reaches the store.
 */
function slowClaimThenGone(db: Database): Database {
  let gone = false;
  const unreachable = () => {
    if (gone) throw new Error('Connection terminated unexpectedly');
  };
  const tx = (inner: Queryable): Queryable => ({
    exec: (sql) => inner.exec(sql),
    query: async (sql, params) => {
      const rows = await inner.query(sql, params);
      if (sql.includes('INSERT INTO running_keys')) {
        gone = true; // the claim's own transaction still commits
        await sleep(SLOW_CLAIM_MS);
      }
      return rows as never;
    },
  });
  return {
    engine: db.engine,
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    keptOpen: (size) => db.keptOpen(size),
    transaction: async (fn) => {
      unreachable();
      return db.transaction((inner) => fn(tx(inner)));
    },
    query: async (sql, params) => {
      unreachable();
      return db.query(sql, params);
    },
  };
}

// Only PostgreSQL: the fence matters where replicas share the store, and the worker's timing is the same on both engines.
describe('a worker that cannot renew its lease', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openStoreFor('postgres'));
  });
  afterAll(() => cleanup?.());

  it('stops its job before its lease runs out in the store, counting from before a slow claim', { timeout: 60_000 }, async () => {
    const first = await db.transaction((tx) => enqueueJob(tx, { kind: 'run', key: KEY }));
    const second = await db.transaction((tx) => enqueueJob(tx, { kind: 'run', key: KEY }));
    let firstStopped: number | undefined;
    const holdUntilAborted: JobHandler = {
      maxAttempts: 1,
      run: (_job, signal) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () => {
            firstStopped = Date.now();
            resolve({ done: true });
          }),
        ),
    };
    const handlers = Object.fromEntries(
      (
        ['create_deployments', 'announce', 'run', 'report_status', 'command', 'late_comment', 'pr_comment', 'purge'] satisfies JobKind[]
      ).map((k) => [k, holdUntilAborted]),
    ) as JobHandlers;
    const worker = new Worker({
      queue: new JobQueue(slowClaimThenGone(db), 'worker-slow', LEASE_SECONDS),
      handlers,
      log: pino({ level: 'silent' }),
      concurrency: 1,
      controlConcurrency: 1,
      leaseSeconds: LEASE_SECONDS,
    });
    worker.start();
    const state = async (id: number) => (await db.query<{ state: string }>('SELECT state FROM jobs WHERE id = $1', [id]))[0]?.state;
    while ((await state(first)) !== 'running') await sleep(20);

    // Another replica reaps the lease the moment the store says it ran out, and takes the next job.
    const other = new JobQueue(db, 'worker-other', LEASE_SECONDS);
    let secondStarted: number | undefined;
    try {
      const until = Date.now() + 30_000;
      while (secondStarted === undefined && Date.now() < until) {
        await other.reapExpired((tx, job) => markJobFailed(tx, job.id, 'worker stopped'));
        const claimed = await other.claim('deploy');
        if (claimed) {
          expect(claimed.id).toBe(second);
          secondStarted = Date.now();
        } else await sleep(50);
      }
    } finally {
      await worker.stop(0);
    }
    expect(secondStarted).toBeDefined();
    expect(firstStopped).toBeDefined();
    // The first job had stopped before the second one of its environment began.
    expect(firstStopped!).toBeLessThan(secondStarted!);
    expect(await state(first)).toBe('failed');
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
