import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { enqueueJob, JobQueue, requeueJob } from '../../src/store/job-queue.ts';
import { engines } from '../support/engines.ts';
import { openStoreFor } from '../support/open-store.ts';

describe.each(engines)('job ownership on the %s store', (engine) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openStoreFor(engine));
  });
  afterAll(() => cleanup?.());

  /** Ends every lease now, as if its worker had stopped renewing it long ago. */
  const expireLeases = () => db.query(`UPDATE running_keys SET lease_until = now() - interval '1 minute'`);
  const row = async (id: number) =>
    (
      await db.query<{ state: string; worker_id: string | null }>(
        'SELECT j.state, r.worker_id FROM jobs j LEFT JOIN running_keys r ON r.job_id = j.id WHERE j.id = $1',
        [id],
      )
    )[0];

  it('makes the late finish, retry, failure and heartbeat of a reaped worker no-ops', async () => {
    const first = new JobQueue(db, 'worker-a', 30);
    const second = new JobQueue(db, 'worker-b', 30);
    const id = await db.transaction((tx) => enqueueJob(tx, { kind: 'announce', key: 'deployment:ownership' }));
    const claimed = await first.claim('control');
    expect(claimed?.id).toBe(id);

    await expireLeases();
    const reaped = await second.reapExpired((tx, job) => requeueJob(tx, job.id));
    expect(reaped.map((j) => j.id)).toEqual([id]);
    const reclaimed = await second.claim('control');
    expect(reclaimed).toMatchObject({ id, attempts: 2 });

    expect(await first.heartbeat([id])).toEqual(new Set());
    expect(await first.complete(claimed!)).toEqual({ ok: false, reason: 'lease_lost' });
    expect(await first.retry(claimed!, 'late', 10)).toEqual({ ok: false, reason: 'lease_lost' });
    expect(await first.fail(claimed!, 'late')).toEqual({ ok: false, reason: 'lease_lost' });
    expect(await row(id)).toEqual({ state: 'running', worker_id: 'worker-b' });

    expect(await second.heartbeat([id])).toEqual(new Set([id]));
    expect(await second.complete(reclaimed!)).toEqual({ ok: true });
    expect(await row(id)).toEqual({ state: 'done', worker_id: null });
  });

  it('claims deployments and control work for separate lanes', async () => {
    const queue = new JobQueue(db, 'worker-lanes', 30);
    const run = await db.transaction((tx) => enqueueJob(tx, { kind: 'run', key: 'acme/svc:lanes' }));
    const reply = await db.transaction((tx) => enqueueJob(tx, { kind: 'command', key: 'acme/svc#lanes' }));
    expect((await queue.claim('control'))?.id).toBe(reply);
    expect(await queue.claim('control')).toBeUndefined();
    expect((await queue.claim('deploy'))?.id).toBe(run);
  });

  it('refuses a job state outside the closed set', async () => {
    await expect(db.query(`INSERT INTO jobs (kind, key, state) VALUES ('announce', 'x', 'paused')`)).rejects.toThrow(/jobs_state_known/);
  });
});
