/**
 * Soak benchmark: steady deliveries and deployments against one Runway process for a long time,
 * printing every minute the Runway process's RSS, the acknowledgement latency (p50, p99) of that
 * minute, open jobs and deployments ended, and the totals at the end.
 *
 *   npx tsx bench/soak.ts [--minutes 30] [--rate 5] [--environments 20] [--engine postgres|embedded]
 *
 * Each delivery is a distinct `deployment.created` (made through the fake GitHub's REST API a
 * minute ahead) whose command prints a few hundred log lines, so the store, the log tables and the
 * queue grow as they would in use. Watch RSS stay flat and p99 stay put. See docs/benchmarks.md.
 */
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signBody, startFakeGitHub } from '../sandbox/github/index.ts';
import { spawnRunway } from '../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../sandbox/runway-env.ts';
import { createScratchDatabase } from '../sandbox/scratch-database.ts';
import { createDeployments, deployToolToken, OWNER, REPO } from './support/bench-repo.ts';
import { rssMiB } from './support/rss.ts';
import { readMetrics } from './support/runway-metrics.ts';
import { ms, percentile } from './support/stats.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const minutes = Number(args.get('minutes') ?? 30);
const rate = Number(args.get('rate') ?? 5);
const environmentCount = Number(args.get('environments') ?? 20);
const engine = args.get('engine') ?? 'postgres';
if (engine !== 'postgres' && engine !== 'embedded') throw new Error(`--engine: postgres or embedded, not ${engine}`);

const sleep = (msec: number) => new Promise((r) => setTimeout(r, Math.max(0, msec)));

const workDir = await mkdtemp(path.join(tmpdir(), 'runway-soak-'));
// The sandbox user must pass through it to the checkouts (mkdtemp makes it 0700): without this every deployment failed.
await chmod(workDir, 0o711);
const database = engine === 'postgres' ? await createScratchDatabase('runway_soak') : undefined;
const github = await startFakeGitHub({ webhookSecret: `soak-${randomUUID()}` });
const names = Array.from({ length: environmentCount }, (_, i) => `soak-${i}`);
const command = 'for i in $(seq 1 300); do echo "log line $i of a soak deployment"; done';
const yaml = [
  'environments:',
  ...names.flatMap((n) => [`  ${n}:`, `    backend: { provider: command, run: ${JSON.stringify(command)} }`]),
  '',
];
github.createRepo({ owner: OWNER, name: REPO, files: { '.github/deploy.yml': yaml.join('\n') } });
const token = deployToolToken(github);
const runway = await spawnRunway(
  sandboxRunwayEnv({ github, dataDir: path.join(workDir, 'data'), databaseUrl: database?.url, extra: { LOG_LEVEL: 'warn' } }),
);
const webhook = `${runway.url}/api/github/webhooks`;
console.log(
  `soak: ${minutes} min at ${rate} deliveries/s over ${environmentCount} environments, ${engine} store; RSS at start ${(await rssMiB(runway.pid)).toFixed(0)} MiB`,
);

const perMinute = Math.round(rate * 60);
const all: number[] = [];
const failed: number[] = [];
let next = await createDeployments(github, token, names, perMinute);
try {
  for (let minute = 1; minute <= minutes; minute++) {
    const ids = next;
    const upcoming = minute < minutes ? createDeployments(github, token, names, perMinute) : Promise.resolve([]);
    const started = Date.now();
    const latencies = await Promise.all(
      ids.map(async (id, i) => {
        await sleep(started + (i * 1000) / rate - Date.now());
        const body = JSON.stringify(github.buildPayload.deploymentCreated(OWNER, REPO, id));
        const sent = performance.now();
        const res = await fetch(webhook, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'deployment',
            'x-github-delivery': randomUUID(),
            'x-hub-signature-256': signBody(github.webhookSecret, body),
          },
          body,
        }).catch(() => undefined);
        await res?.arrayBuffer();
        const took = performance.now() - sent;
        if (!res || res.status >= 300) failed.push(id);
        return took;
      }),
    );
    next = await upcoming;
    await sleep(started + 60_000 - Date.now());
    all.push(...latencies);
    const { deployments, openJobs } = await readMetrics(runway.url);
    const ended = (deployments.success ?? 0) + (deployments.inactive ?? 0) + (deployments.failure ?? 0) + (deployments.error ?? 0);
    console.log(
      `minute ${String(minute).padStart(2)}: RSS ${(await rssMiB(runway.pid)).toFixed(0)} MiB, ack p50 ${ms(percentile(latencies, 50))} p99 ${ms(percentile(latencies, 99))}, open jobs ${openJobs}, deployments ended ${ended}`,
    );
  }
  const { deployments } = await readMetrics(runway.url);
  console.log(
    `totals: ${all.length} deliveries, ${failed.length} not acknowledged; ack p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}, max ${ms(Math.max(...all))}; deployments by state ${JSON.stringify(deployments)}; RSS at the end ${(await rssMiB(runway.pid)).toFixed(0)} MiB`,
  );
} finally {
  await runway.stop();
  await github.close();
  await database?.drop();
  await rm(workDir, { recursive: true, force: true });
}
