/**
 * Heroku provider benchmark: deploys good-v1 then good-v2 several times to the sandbox platform
 * with the provider's real steps, and prints the median time of each phase beside the platform's
 * own work in it, so that the provider's overhead (packing, polling, stream hand-over) shows.
 *
 *   npx tsx bench/heroku-deploy.ts [--rounds 3]
 *
 * Platform work per phase: upload = the step minus packing the tarball (so the API round trips of
 * POST /sources, the PUT, reading the current release and POST /builds count as platform); build and release = `updated_at - created_at` of the build and the release (when the
 * platform finished, as it reports it); seed = "Starting process" to "Process exited" of the
 * one-off dyno in the platform's app log; health = the one GET that answered 200.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployConfig, type HerokuBackendConfig } from '../src/config/deploy-config.ts';
import type { StepContext } from '../src/deployments/step.ts';
import { localArtifactStore } from '../src/artifacts/local-artifact-store.ts';
import { herokuProvider } from '../src/providers/heroku/index.ts';
import { archiveSource } from '../src/providers/heroku/source-archive.ts';
import { startHerokuPlatform } from '../sandbox/heroku/index.ts';
import { CommandSandbox } from '../src/sandbox/command-sandbox.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const rounds = Number(args.get('rounds') ?? 3);

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const token = `bench-${randomBytes(8).toString('hex')}`;
const app = `bench-${randomBytes(2).toString('hex')}`;
const phases = ['config', 'upload', 'build', 'release', 'seed', 'health'] as const;
type Phase = (typeof phases)[number];
const stepPhase: Record<string, Phase> = {
  'backend.config': 'config',
  'backend.source': 'upload',
  'backend.build': 'build',
  'backend.release': 'release',
  'backend.seed': 'seed',
  'backend.healthcheck': 'health',
};

const workDir = await mkdtemp(join(tmpdir(), 'runway-heroku-bench-'));
const platform = await startHerokuPlatform({ token, workDir: join(workDir, 'platform') });
await platform.createApp(app);
const webUrl = platform.app(app).webUrl.replace(/\/$/, '');

const total: Record<Phase, number[]> = { config: [], upload: [], build: [], release: [], seed: [], health: [] };
const work: Record<Phase, number[]> = { config: [], upload: [], build: [], release: [], seed: [], health: [] };
const deployTimes: number[] = [];

function config(fixture: string): HerokuBackendConfig {
  const parsed = deployConfig.parse({
    environments: {
      bench: {
        backend: {
          provider: 'heroku',
          app,
          path: `fixtures/heroku-apps/${fixture}`,
          seed: 'echo seeded',
          healthcheck: '/healthz',
          config_vars: { BENCH: 'yes' },
        },
      },
    },
  });
  const backend = parsed.environments.bench?.backend;
  if (backend?.provider !== 'heroku') throw new Error('not a heroku backend');
  return backend;
}

function context(lines: string[]): StepContext {
  return {
    deployment: {
      id: 1,
      githubId: 1,
      owner: 'bench',
      repo: 'bench',
      sha: randomBytes(20).toString('hex'),
      ref: 'main',
      environment: 'bench',
      task: 'deploy',
    },
    log: { line: (text) => void lines.push(text) },
    outputs: new Map(),
    source: { dir: async () => repoRoot },
    signal: new AbortController().signal,
    secret: () => undefined,
    // The sandbox platform listens on loopback, which a policy must open.
    network: ['127.0.0.0/8'],
  };
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${platform.url}${path}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.heroku+json; version=3' },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

const span = (from: string, to: string) => Date.parse(to) - Date.parse(from);

/** Seconds the seed's one-off dyno ran, from the platform's app log. */
async function seedRunMs(dyno: string): Promise<number> {
  const log = await readFile(join(workDir, 'platform', 'logs', 'apps', `${app}.log`), 'utf8');
  const stamp = (pattern: string) => {
    const line = log.split('\n').find((l) => l.includes(`heroku[${dyno}]: ${pattern}`));
    if (!line) throw new Error(`no "${pattern}" for ${dyno} in the app log`);
    return line.slice(0, line.indexOf(' ')).replace('000+00:00', 'Z');
  };
  return span(stamp('Starting process'), stamp('Process exited'));
}

try {
  for (let round = 1; round <= rounds; round++) {
    for (const fixture of ['good-v1', 'good-v2']) {
      const lines: string[] = [];
      const ctx = context(lines);
      const started = performance.now();
      const times: Partial<Record<Phase, number>> = {};
      for (const step of herokuProvider.steps(
        config(fixture),
        {
          serverEnv: {},
          herokuApiToken: token,
          herokuApiUrl: platform.url,
          herokuDataApiUrl: platform.dataApiUrl,
          // Heroku steps run no command: a sandbox never checked refuses any.
          sandbox: new CommandSandbox({ mode: 'on', user: 'runway-sandbox', dataDir: workDir, dir: join(workDir, 'sandbox') }),
          artifacts: localArtifactStore(join(workDir, 'artifacts')),
          workDir,
        },
        'backend',
      )) {
        const t0 = performance.now();
        const outcome = await step.run(ctx);
        const phase = stepPhase[step.name];
        if (phase) times[phase] = performance.now() - t0;
        for (const [key, value] of Object.entries(outcome?.outputs ?? {})) ctx.outputs.set(key, value);
      }
      deployTimes.push(performance.now() - started);
      for (const phase of phases) total[phase].push(times[phase] ?? 0);

      // The platform's share of each phase.
      const t0 = performance.now();
      const packed = await archiveSource(join(repoRoot, 'fixtures', 'heroku-apps', fixture));
      const packMs = performance.now() - t0;
      work.upload.push(Math.max(0, (times.upload ?? 0) - packMs));
      const builds = await get<{ id: string; created_at: string; updated_at: string }[]>(`/apps/${app}/builds`);
      const build = builds.at(-1);
      if (build) work.build.push(span(build.created_at, build.updated_at));
      const version = ctx.outputs.get('backend.release')?.slice(1);
      const release = await get<{ created_at: string; updated_at: string }>(`/apps/${app}/releases/${version}`);
      work.release.push(span(release.created_at, release.updated_at));
      const dyno = /as (run\.\d+)$/.exec(lines.find((l) => l.startsWith('running `echo seeded`')) ?? '')?.[1];
      if (dyno) work.seed.push(await seedRunMs(dyno));
      const h0 = performance.now();
      await (await fetch(`${webUrl}/healthz`)).text();
      work.health.push(performance.now() - h0);
      work.config.push(0);
      console.error(
        `round ${round} ${fixture}: ${((performance.now() - started) / 1000).toFixed(2)} s (${packed.bytes.length} bytes packed in ${packMs.toFixed(1)} ms)`,
      );
    }
  }
} finally {
  await platform.close();
  await rm(workDir, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
console.log(`\nHeroku provider on the sandbox platform: ${rounds} rounds of good-v1 → good-v2 (${deployTimes.length} deploys), medians\n`);
console.log(`${'phase'.padEnd(9)} ${'step'.padStart(9)} ${'platform'.padStart(9)} ${'provider'.padStart(9)}`);
for (const phase of phases) {
  const step = median(total[phase]);
  const platformMs = median(work[phase]);
  console.log(`${phase.padEnd(9)} ${ms(step)} ${ms(platformMs)} ${ms(Math.max(0, step - platformMs))}`);
}
console.log(`${'deploy'.padEnd(9)} ${ms(median(deployTimes))}`);
console.log("\nplatform = the work the platform reports (build/release timestamps, the dyno's run time in the app log, one health GET);");
console.log(
  "provider = the rest of the step: packing, API round trips, polling pauses (200 ms growing to 3 s), the output stream's last read.",
);
