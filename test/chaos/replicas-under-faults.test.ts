import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployments, deployToolToken, OWNER as O, REPO as R } from '../../bench/support/bench-repo.ts';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../sandbox/throwaway-postgres.ts';
import { sendBurst } from '../support/burst-sender.ts';
import { STOPPED_LINE } from '../../src/shell/run-shell.ts';
import { inOrder, overlappingRuns, parseTrace, runsOf, stopEvent, type Kill } from '../support/chaos-trace.ts';

/**
 * Three replicas on a PostgreSQL cluster of their own, a burst of deliveries across many
 * environments, a replica SIGKILLed every few seconds and PostgreSQL restarted once. Sized by
 * CHAOS_DELIVERIES (1000), CHAOS_ENVIRONMENTS (50), CHAOS_RATE (1000/s), CHAOS_SECONDS (60 s of kills).
 */
const DELIVERIES = Number(process.env.CHAOS_DELIVERIES ?? 1000);
const ENVIRONMENTS = Number(process.env.CHAOS_ENVIRONMENTS ?? 50);
const RATE = Number(process.env.CHAOS_RATE ?? 1000);
const CHAOS_MS = Number(process.env.CHAOS_SECONDS ?? 60) * 1000;
const KILL_EVERY_MS = 4000;
const REPLICAS = 3;

describe('three replicas under faults', () => {
  let postgres: ThrowawayPostgres;
  let github: FakeGitHub;
  let workDir: string;
  const replicas: (RunwayProcess | undefined)[] = [];
  const everyProcess: { replica: number; process: RunwayProcess }[] = [];

  beforeAll(async () => {
    [postgres, github, workDir] = await Promise.all([
      startThrowawayPostgres(),
      startFakeGitHub({ webhookSecret: `chaos-${randomUUID()}` }),
      mkdtemp(path.join(tmpdir(), 'runway-chaos-')),
    ]);
    // The sandbox user must pass through it to each replica's checkouts (mkdtemp makes it 0700).
    await chmod(workDir, 0o711);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r?.kill('SIGKILL')));
    await github?.close();
    await postgres?.destroy();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it(
    `stores each acknowledged delivery once, runs each deployment at most once and ends it, one at a time per environment`,
    { timeout: 420_000 },
    async () => {
      // A sandboxed command writes only its checkout, so the trace goes into each deployment's log
      // (read back from the store). The replica is in the checkout's path. A stop (a lease that
      // could not be renewed) ends bwrap and so the command at once, without its end line: Runway's
      // STOPPED_LINE, logged once the command has ended, is that run's end.
      const command = `t() { r=$(pwd); r=\${r#*/replica-}; echo "TRACE $1 $RUNWAY_DEPLOYMENT_ID $RUNWAY_ENVIRONMENT \${r%%/*} $(date +%s%N)"; }; t start; trap 't end; exit 143' TERM; sleep 0.2 & wait $!; t end`;
      const names = Array.from({ length: ENVIRONMENTS }, (_, i) => `env-${i}`);
      const yaml = [
        'environments:',
        ...names.flatMap((n) => [`  ${n}:`, `    backend: { provider: command, run: ${JSON.stringify(command)} }`]),
        '',
      ].join('\n');
      github.createRepo({ owner: O, name: R, files: { '.github/deploy.yml': yaml } });
      const ids = await createDeployments(github, deployToolToken(github), names, DELIVERIES);
      const deliveries = ids.map((id) => ({ id: randomUUID(), body: JSON.stringify(github.buildPayload.deploymentCreated(O, R, id)) }));

      const env = (i: number) =>
        sandboxRunwayEnv({
          github,
          dataDir: path.join(workDir, `replica-${i}`),
          databaseUrl: postgres.url,
          extra: { RUNWAY_JOB_LEASE_SECONDS: '6', RUNWAY_WORKER_CONCURRENCY: '8', LOG_LEVEL: 'warn' },
        });
      const spawn = async (i: number) => {
        const p = await spawnRunway(env(i));
        everyProcess.push({ replica: i, process: p });
        return p;
      };
      for (let i = 0; i < REPLICAS; i++) replicas[i] = await spawn(i);

      const kills: Kill[] = [];
      let restartedPostgres = false;
      // Every few seconds a replica that is up is killed and started again in the background; at least one stays up.
      const respawns: Promise<void>[] = [];
      const chaos = (async () => {
        const began = Date.now();
        await sleep(1000);
        while (Date.now() - began < CHAOS_MS) {
          if (!restartedPostgres && Date.now() - began > 6000) {
            restartedPostgres = true;
            await postgres.restart();
          }
          const up = replicas.flatMap((r, i) => (r ? [i] : []));
          const victim = up.length > 1 ? up[Math.floor(Math.random() * up.length)] : undefined;
          const process = victim === undefined ? undefined : replicas[victim];
          if (victim !== undefined && process) {
            replicas[victim] = undefined;
            kills.push({ replica: victim, at: BigInt(Date.now()) * 1_000_000n });
            await process.kill('SIGKILL');
            respawns.push(spawn(victim).then((p) => void (replicas[victim] = p)));
          }
          await sleep(KILL_EVERY_MS);
        }
        await Promise.all(respawns);
      })();
      const results = await sendBurst({
        deliveries,
        perSecond: RATE,
        secret: github.webhookSecret,
        targets: () => replicas.filter((r) => r !== undefined).map((r) => `${r.url}/api/github/webhooks`),
      });
      await chaos;

      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      try {
        const open = async () =>
          Number((await db.query(`SELECT count(*)::int AS n FROM deployments WHERE state IN ('queued', 'in_progress')`)).rows[0].n);
        await waitUntil(async () => (await open()) === 0, 240_000);

        const acknowledged = results.filter((r) => r.status >= 200 && r.status < 300);
        const acknowledgedIds = new Set(acknowledged.map((r) => r.id));
        const githubIds = ids.filter((_, i) => acknowledgedIds.has(deliveries[i]!.id));
        const stored = await db.query<{ github_id: string; state: string; id: number }>('SELECT id, github_id, state FROM deployments');
        const storedDeliveries = new Set((await db.query<{ id: string }>('SELECT id FROM deliveries')).rows.map((r) => r.id));
        const byGithubId = new Map(stored.rows.map((r) => [Number(r.github_id), r]));
        const traced = await db.query<{ line: string }>(`SELECT line FROM log_lines WHERE line LIKE 'TRACE %'`);
        const stopped = await db.query<{ deployment_id: number; at: Date }>(`SELECT deployment_id, at FROM log_lines WHERE line LIKE $1`, [
          `${STOPPED_LINE}%`,
        ]);
        const events = inOrder([
          ...parseTrace(traced.rows.map((r) => r.line.slice('TRACE '.length)).join('\n')),
          ...stopped.rows.map((r) => stopEvent(Number(r.deployment_id), new Date(r.at))),
        ]);
        const runs = runsOf(events, kills);
        const startsPer = new Map<number, number>();
        for (const r of runs) startsPer.set(r.deployment, (startsPer.get(r.deployment) ?? 0) + 1);
        const stateOf = new Map(stored.rows.map((r) => [Number(r.id), r.state]));

        console.log(
          `chaos: ${acknowledged.length}/${DELIVERIES} deliveries acknowledged (${results.filter((r) => r.tries > 1).length} after a retry), ` +
            `${kills.length} replica kills, PostgreSQL restarted: ${restartedPostgres}; deployments by state: ` +
            JSON.stringify(
              Object.fromEntries(
                [...new Set(stored.rows.map((r) => r.state))].map((s) => [s, stored.rows.filter((r) => r.state === s).length]),
              ),
            ) +
            `; runs: ${runs.length} (${runs.filter((r) => r.ended === 'killed').length} killed with their replica)`,
        );
        if (process.env.CHAOS_REPORT_DIR) await writeReport(process.env.CHAOS_REPORT_DIR, db, everyProcess, runs, kills);
        // Every acknowledged delivery is stored, once (the delivery id and the deployment).
        for (const d of acknowledged) expect(storedDeliveries.has(d.id)).toBe(true);
        for (const id of githubIds) expect(byGithubId.has(id)).toBe(true);
        expect(stored.rows.length).toBe(new Set(stored.rows.map((r) => r.github_id)).size);
        // Every deployment ended; none started twice; one cut short never ended `success`.
        expect(await open()).toBe(0);
        expect([...startsPer.values()].filter((n) => n > 1)).toEqual([]);
        expect(runs.filter((r) => r.ended !== 'normally' && stateOf.get(r.deployment) === 'success')).toEqual([]);
        expect(runs.filter((r) => r.ended === 'unknown')).toEqual([]);
        // Never two runs of one environment at once.
        expect(overlappingRuns(runs).map(([a, b]) => `${a.environment}: ${a.deployment} and ${b.deployment}`)).toEqual([]);
        // Nothing left holding an environment.
        expect((await db.query('SELECT key FROM running_keys')).rows).toEqual([]);
        expect((await db.query('SELECT key FROM environment_locks')).rows).toEqual([]);
        expect(
          Number(
            (await db.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'run' AND state IN ('waiting', 'queued', 'running')`)).rows[0]
              .n,
          ),
        ).toBe(0);
        // GitHub saw each deployment go in_progress at most once.
        const twice = github.deployments(O, R).filter((d) => d.statuses.filter((s) => s.state === 'in_progress').length > 1);
        expect(twice.map((d) => d.id)).toEqual([]);
      } finally {
        await db.end();
      }
    },
  );
});

/** What a failed run leaves for diagnosis: each replica's log, the overlapping runs with their rows and logs. */
async function writeReport(
  dir: string,
  db: pg.Client,
  processes: { replica: number; process: RunwayProcess }[],
  runs: ReturnType<typeof runsOf>,
  kills: Kill[],
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [n, { replica, process }] of processes.entries())
    await writeFile(path.join(dir, `replica-${replica}-${n}-${process.pid}.log`), process.output.join('\n'));
  const overlaps = overlappingRuns(runs);
  const ids = [...new Set(overlaps.flatMap(([a, b]) => [a.deployment, b.deployment]))];
  const rows = async (sql: string) => (await db.query(sql, [ids])).rows;
  const report = {
    kills: kills.map((k) => ({ replica: k.replica, at: String(k.at) })),
    overlaps: overlaps.map(([a, b]) => [a, b].map((r) => ({ ...r, start: String(r.start), end: String(r.end) }))),
    deployments: await rows('SELECT * FROM deployments WHERE id = ANY($1::int[])'),
    jobs: await rows('SELECT * FROM jobs WHERE deployment_id = ANY($1::int[]) ORDER BY id'),
    steps: await rows('SELECT * FROM deployment_steps WHERE deployment_id = ANY($1::int[])'),
    logs: await rows('SELECT deployment_id, seq, at, line FROM log_lines WHERE deployment_id = ANY($1::int[]) ORDER BY deployment_id, seq'),
  };
  await writeFile(path.join(dir, 'overlaps.json'), JSON.stringify(report, null, 2));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(500);
  }
}
