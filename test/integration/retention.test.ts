import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentLog } from '../../src/deployments/deployment-log.ts';
import { Redactor } from '../../src/log/redactor.ts';
import type { Database } from '../../src/store/database.ts';
import { enqueueJob, ensureRecurringJob, JobQueue } from '../../src/store/job-queue.ts';
import { readLogLines } from '../../src/store/log-store.ts';
import { purgeExpired } from '../../src/store/purge-expired.ts';
import { insertSteps } from '../../src/store/steps-store.ts';
import { engines } from '../support/engines.ts';
import { openStoreFor, recordTestDeployment } from '../support/open-store.ts';

const DAY = 24 * 3600 * 1000;
const retention = { logDays: 30, finishedJobDays: 14 };

describe.each(engines)('bounded storage on the %s store', (engine) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await openStoreFor(engine));
  });
  afterAll(() => cleanup?.());

  let githubId = 1;
  const newDeployment = async () => {
    const n = githubId++;
    return recordTestDeployment(db, { delivery: `delivery-${engine}-${n}`, githubId: n, runKey: `acme/svc:production:${n}` });
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(sql, params))[0]!.n);
  const openLog = (deploymentId: number, cap = { maxLines: 1000, maxBytes: 1024 ** 2 }) =>
    DeploymentLog.open(db, deploymentId, new Redactor(), pino({ level: 'silent' }), cap);

  it('purges old log lines, finished jobs and delivery ids; keeps deployments, steps, open jobs and recent rows', async () => {
    const now = new Date();
    const old = await newDeployment();
    const recent = await newDeployment();
    await insertSteps(db, old, ['backend.command']);
    for (const id of [old, recent]) {
      const log = await openLog(id);
      log.line(`a line of deployment ${id}`);
      await log.flush();
    }
    const oldJob = await db.transaction((tx) => enqueueJob(tx, { kind: 'report_status', key: 'deployment:old', deploymentId: old }));
    const queue = new JobQueue(db, 'retention-worker', 30);
    // Finish every claimable control job (the announce jobs and the one above) the normal way.
    for (let job = await queue.claim('control'); job; job = await queue.claim('control')) await queue.complete(job);
    const openJob = await db.transaction((tx) => enqueueJob(tx, { kind: 'report_status', key: 'deployment:open', deploymentId: old }));

    // Backdate what belongs to the old deployment: its log 31 days, its jobs and delivery 15 days.
    await db.query(`UPDATE log_lines SET at = $2 WHERE deployment_id = $1`, [old, new Date(now.getTime() - 31 * DAY)]);
    await db.query(`UPDATE jobs SET finished_at = $2, created_at = $2 WHERE deployment_id = $1 AND state = 'done'`, [
      old,
      new Date(now.getTime() - 15 * DAY),
    ]);
    await db.query(`UPDATE deliveries SET received_at = $1 WHERE id = $2`, [
      new Date(now.getTime() - 15 * DAY),
      `delivery-${engine}-${old}`,
    ]);

    const purged = await purgeExpired(db, retention, now);
    expect(purged).toEqual({ logLines: 1, jobs: 2, deliveries: 1 }); // the old deployment's announce job and oldJob
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE id = $1', [oldJob])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE id = $1', [openJob])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM deployments WHERE id = ANY($1::int[])', [[old, recent]])).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM deployment_steps WHERE deployment_id = $1', [old])).toBe(1);
    expect((await readLogLines(db, recent)).map((l) => l.line)).toEqual([`a line of deployment ${recent}`]);
    expect(await readLogLines(db, old)).toEqual([]);
    // The run jobs of both deployments are still open (waiting): never purged, whatever their age.
    expect(await count(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'run' AND state = 'waiting'`)).toBe(2);
    expect(await purgeExpired(db, retention, now)).toEqual({ logLines: 0, jobs: 0, deliveries: 0 });
  });

  it('keeps one purge job in line: scheduled once however often replicas start, back in line after each run', async () => {
    await ensureRecurringJob(db, 'purge');
    expect(await ensureRecurringJob(db, 'purge')).toBe(false);
    const queue = new JobQueue(db, 'purge-worker', 30);
    let job = await queue.claim('control');
    while (job && job.kind !== 'purge') job = await queue.claim('control'); // older jobs of the tests before
    expect(job?.kind).toBe('purge');
    expect(await queue.complete(job!, { againAfterMs: 3600_000 })).toEqual({ ok: true });
    const rows = await db.query<{ state: string; later: boolean }>(
      `SELECT state, run_after > now() + interval '59 minutes' AS later FROM jobs WHERE kind = 'purge'`,
    );
    expect(rows).toEqual([{ state: 'queued', later: true }]);
    expect(await queue.claim('control')).toBeUndefined();
    expect(await ensureRecurringJob(db, 'purge')).toBe(false);
  });

  it('caps a deployment log: a marker line, then the tail, with line numbers that only grow', async () => {
    const id = await newDeployment();
    const log = await openLog(id, { maxLines: 100, maxBytes: 1024 ** 2 });
    const seen: number[] = [];
    const tail = async () => {
      for (const l of await readLogLines(db, id, seen.at(-1) ?? 0)) seen.push(l.seq);
    };
    for (let i = 1; i <= 150; i++) log.line(`line ${i}`);
    await log.flush();
    await tail();
    for (let i = 151; i <= 450; i++) log.line(`line ${i}`);
    await log.flush();
    await tail();

    const lines = await readLogLines(db, id);
    expect(lines).toHaveLength(100);
    expect(lines[0]!.line).toBe('… 351 earlier lines (2700 bytes) dropped: a deployment log keeps its last 100 lines and 1048576 bytes');
    expect(lines.slice(1).map((l) => l.line)).toEqual(Array.from({ length: 99 }, (_, i) => `line ${352 + i}`));
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 351 + i));
    // A live tail that read after the last line it saw got every line once, in order.
    expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(450);
  });

  it('caps a deployment log by bytes as well', async () => {
    const id = await newDeployment();
    const cap = { maxLines: 10_000, maxBytes: 64 * 1024 };
    const log = await openLog(id, cap);
    for (let i = 0; i < 300; i++) log.line(`${String(i).padStart(4, '0')} ${'x'.repeat(995)}`);
    await log.flush();
    const lines = await readLogLines(db, id);
    const bytes = lines.reduce((sum, l) => sum + Buffer.byteLength(l.line), 0);
    expect(bytes).toBeLessThanOrEqual(cap.maxBytes);
    expect(lines[0]!.line).toMatch(/^… \d+ earlier lines \(\d+ bytes\) dropped/);
    expect(lines.at(-1)!.line.startsWith('0299 ')).toBe(true);
  });
});
