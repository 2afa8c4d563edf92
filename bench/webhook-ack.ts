/**
 * Webhook acknowledgement benchmark: signed `deployment.created` deliveries at a set rate against
 * Runway running as its own process (as `npm start`), on the embedded store and on PostgreSQL.
 *
 *   npx tsx bench/webhook-ack.ts [--rate 500] [--seconds 10] [--engine embedded|postgres|both]
 *        [--duplicates 0.1] [--concurrency 256] [--environments 20] [--overhead-runs 20]
 *        [--drain-timeout 900] [--profile] [--source] [--no-floor] [--runway-env KEY=VALUE,…]
 *
 * Per engine: a fake GitHub (sandbox/github, in this process) and Runway (a child process), a
 * repository whose deploy.yml uses the command provider, then
 *   1. idle RSS of the Runway process after start-up;
 *   2. overhead: deployments one at a time, webhook sent → `success` status minus the command's time;
 *   3. load: distinct deployments (created through the fake's REST API) delivered open-loop at the
 *      rate from a worker thread, plus a share of duplicates (redeliveries and re-sends);
 *   4. drain: waits until Runway has no open job, then checks every deployment's statuses in the
 *      fake GitHub: stored once, run once, ended success; and RSS again.
 * Before the load on Runway, the same deliveries go to the floor: Probot with an empty handler in
 * its own process (bench/support/probot-floor.ts), printed beside Runway's figures. Runway runs
 * compiled (`dist/`, as `npm start`; built first when stale) unless `--source` (tsx).
 * `--profile` writes a CPU profile of the Runway process (node --cpu-prof) and prints where its
 * time went, and one of the overhead runs alone (through Runway's inspector). See docs/benchmarks.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signBody, startFakeGitHub, type FakeGitHub } from '../sandbox/github/index.ts';
import { sandboxRunwayEnv } from '../sandbox/runway-env.ts';
import { createBenchRepo, createDeployments, deployToolToken, OWNER, REPO } from './support/bench-repo.ts';
import { githubRoundTripMs } from './support/github-round-trip.ts';
import { summariseProfile, summariseProfiles } from './support/cpu-profile-summary.ts';
import { inspectorUrl, profileWhile } from './support/inspector-profile.ts';
import { processCpuMs, treeCpuMs } from './support/cpu-time.ts';
import { distinctCount, planDeliveries } from './support/load-plan.ts';
import { runLoad } from './support/load-phase.ts';
import type { DeliveryResult } from './support/load-worker.ts';
import { measureOverhead, type OverheadSample } from './support/overhead-phase.ts';
import type { OverheadCpu } from './support/overhead-report.ts';
import { createScratchDatabase } from '../sandbox/scratch-database.ts';
import { printEngineReport, type EngineReport } from './support/report.ts';
import { spawnRunway, type RunwayProcess } from '../sandbox/runway-process.ts';
import { rssMiB } from './support/rss.ts';
import { readMetrics, waitForDrain } from './support/runway-metrics.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i]!.replace(/^--/, '');
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) args.set(name, 'true');
  else {
    args.set(name, value);
    i++;
  }
}
const rate = Number(args.get('rate') ?? 500);
const seconds = Number(args.get('seconds') ?? 10);
const engineArg = args.get('engine') ?? 'both';
const duplicateShare = Number(args.get('duplicates') ?? 0.1);
const concurrency = Number(args.get('concurrency') ?? 256);
const environmentCount = Number(args.get('environments') ?? 20);
const overheadRuns = Number(args.get('overhead-runs') ?? 20);
const drainTimeoutMs = Number(args.get('drain-timeout') ?? 900) * 1000;
const profile = args.has('profile');
const fromSource = args.has('source');
const withFloor = !args.has('no-floor');
/** Settings for Runway's process only (e.g. `RUNWAY_CONTROL_CONCURRENCY=2`), to try a setting's effect on the figures. */
const runwayEnv = Object.fromEntries(
  (args.get('runway-env') ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--runway-env: KEY=VALUE pairs separated by commas, not ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
);
if (!['embedded', 'postgres', 'both'].includes(engineArg)) throw new Error(`--engine: embedded, postgres or both, not ${engineArg}`);
const engines = engineArg === 'both' ? (['embedded', 'postgres'] as const) : [engineArg as 'embedded' | 'postgres'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function benchEngine(engine: 'embedded' | 'postgres'): Promise<EngineReport> {
  const workDir = await mkdtemp(path.join(tmpdir(), `runway-bench-${engine}-`));
  // The sandbox user must pass through it to the checkouts (mkdtemp makes it 0700).
  await chmod(workDir, 0o711);
  const database = engine === 'postgres' ? await createScratchDatabase('runway_bench') : undefined;
  const github = await startFakeGitHub({ webhookSecret: `whsec-${Math.random().toString(36).slice(2)}` });
  const cleanups: (() => Promise<unknown>)[] = [() => github.close(), () => rm(workDir, { recursive: true, force: true })];
  if (database) cleanups.push(database.drop);
  try {
    const { environments } = createBenchRepo(github, environmentCount);
    const token = deployToolToken(github);
    const plan = planDeliveries(Math.round(rate * seconds), duplicateShare);
    const distinct = distinctCount(plan);
    log(`${engine}: creating ${distinct} deployments in the fake GitHub`);
    const ids = await createDeployments(github, token, environments, distinct);
    // The fake tried to deliver each new deployment's webhook with no target set, and logged the
    // attempts as failed: Runway's redelivery scan would find them at start and have them all sent
    // again, so the load would meet 1,800 deployments already running. Here the generator is
    // GitHub's delivery, so the fake's log starts empty.
    github.deliveries.length = 0;
    const bodies = ids.map((id) => JSON.stringify(github.buildPayload.deploymentCreated(OWNER, REPO, id)));
    const signatures = bodies.map((body) => signBody(github.webhookSecret, body));

    const env = sandboxRunwayEnv({
      github,
      dataDir: path.join(workDir, 'data'),
      databaseUrl: database?.url,
      extra: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    });
    const profileDir = path.join(workDir, 'profile');
    const floor = withFloor
      ? await measureFloor(env, { event: 'deployment', bodies, signatures, plan, rate, concurrency, timeoutMs: 10_000 })
      : undefined;
    const runway = await spawnRunway(
      { ...env, ...runwayEnv },
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--inspect=127.0.0.1:0'] : [],
      {
        entry: fromSource ? 'source' : 'compiled',
      },
    );
    cleanups.unshift(() => runway.stop());
    await sleep(3000);
    const idleRss = await rssMiB(runway.pid);

    log(`${engine}: Runway pid ${runway.pid} at ${runway.url}; overhead phase (${overheadRuns} deployments, one at a time)`);
    const { overhead, overheadCpu, overheadProfile } = await overheadPhase(runway, { github, token });
    const githubRoundTrip = await githubRoundTripMs(github, token);

    log(`${engine}: load phase, ${plan.length} deliveries (${distinct} distinct) at ${rate}/s`);
    const callsBefore = github.calls.length;
    const cpuBefore = await treeCpuMs(runway.pid);
    const results = await runLoad({
      url: `${runway.url}/api/github/webhooks`,
      event: 'deployment',
      bodies,
      signatures,
      plan,
      rate,
      concurrency,
      timeoutMs: 10_000,
    });
    const loadCpuMs = (await treeCpuMs(runway.pid)) - cpuBefore;
    const peakRss = await rssMiB(runway.pid);

    log(`${engine}: waiting for the queue to drain`);
    const drain = await waitForDrain(runway.url, distinct + overheadRuns, drainTimeoutMs).catch((error: unknown) => {
      process.stderr.write(
        `Runway stopped answering while the queue drained (process ${runway.state()}); its last output:\n${runway.output.slice(-30).join('\n')}\n`,
      );
      throw error;
    });
    const { deployments: storedByState } = await readMetrics(runway.url);
    await sleep(3000);
    const afterRss = await rssMiB(runway.pid);
    cleanups.shift();
    await runway.stop();

    const sentIds = new Set(ids);
    const fakeDeployments = github.deployments(OWNER, REPO).filter((d) => sentIds.has(d.id));
    const countState = (d: (typeof fakeDeployments)[number], state: string) => d.statuses.filter((s) => s.state === state).length;
    return {
      engine,
      rate,
      seconds,
      results,
      distinct,
      stored: Object.values(storedByState).reduce((a, b) => a + b, 0) - overheadRuns,
      storedByState,
      neverQueued: fakeDeployments.filter((d) => countState(d, 'queued') === 0).length,
      ranTwice: fakeDeployments.filter(
        (d) => countState(d, 'queued') > 1 || countState(d, 'in_progress') > 1 || countState(d, 'success') > 1,
      ).length,
      succeeded: fakeDeployments.filter((d) => countState(d, 'success') === 1).length,
      drain,
      githubCallsDuringRun: github.calls.length - callsBefore,
      overhead,
      overheadCpu,
      githubRoundTripMs: githubRoundTrip,
      rss: { idle: idleRss, afterLoad: peakRss, afterDrain: afterRss },
      profile: profile ? await summariseProfiles(profileDir) : undefined,
      overheadProfile,
      floor: floor?.results,
      cpuPerDeliveryMs: { runway: loadCpuMs / results.length, floor: floor && floor.cpuMs / floor.results.length },
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  }
}

/** The overhead runs; with `--profile`, a CPU profile of Runway during them alone (through its inspector). */
async function overheadPhase(
  runway: RunwayProcess,
  input: { github: FakeGitHub; token: string },
): Promise<{ overhead: OverheadSample[]; overheadCpu: OverheadCpu; overheadProfile?: string }> {
  const before = { runway: await processCpuMs(runway.pid), tree: await treeCpuMs(runway.pid) };
  const measure = () => measureOverhead({ ...input, runwayUrl: runway.url, count: overheadRuns });
  const profiled = profile && overheadRuns > 0 ? await profileWhile(inspectorUrl(runway.output), measure) : undefined;
  const overhead = profiled?.result ?? (await measure());
  const overheadCpu = {
    runwayMs: ((await processCpuMs(runway.pid)) - before.runway) / overheadRuns,
    treeMs: ((await treeCpuMs(runway.pid)) - before.tree) / overheadRuns,
  };
  if (!profiled) return { overhead, overheadCpu };
  return {
    overhead,
    overheadCpu,
    overheadProfile: summariseProfile([profiled.profile], `CPU profile of Runway during the ${overheadRuns} overhead runs`),
  };
}

/** The same load against Probot with an empty handler, in its own process: what acknowledging costs at least. */
async function measureFloor(
  env: Record<string, string>,
  load: Omit<Parameters<typeof runLoad>[0], 'url'>,
): Promise<{ results: DeliveryResult[]; cpuMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/probot-floor.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const found = /^listening (\d+)$/.exec(line)?.[1];
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`the Probot floor exited with ${code}`)));
    });
    log(`floor: Probot with an empty handler on port ${port}, ${load.plan.length} deliveries at ${load.rate}/s`);
    const cpuBefore = await treeCpuMs(child.pid!);
    const results = await runLoad({ ...load, url: `http://127.0.0.1:${port}/api/github/webhooks` });
    return { results, cpuMs: (await treeCpuMs(child.pid!)) - cpuBefore };
  } finally {
    child.kill('SIGTERM');
  }
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

if (!fromSource) {
  // As `npm start`'s prestart: build dist/ when it is missing or stale.
  const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../scripts/build.ts'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed');
}
for (const engine of engines) printEngineReport(await benchEngine(engine));
