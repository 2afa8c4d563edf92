/**
 * Heroku provider benchmark: deploys good-v1 then good-v2, several rounds, to the sandbox platform
 * with the provider's real steps, and prints per phase the step's time, the platform's own work
 * inside it and Runway's share (the rest), medians over the deploys, beside the goal.
 *
 *   npx tsx bench/heroku-deploy.ts [--rounds 3] [--before ../main] [--profile /tmp/heroku-profile]
 *
 * `--before <checkout>` deploys with that checkout's provider too (its src/providers/heroku and its
 * node_modules), to an app of its own, interleaved with this tree's: before and after in one run.
 * `--profile <dir>` writes a CPU profile of this process over the deploys after the first round
 * (this tree's and the other's alike) and prints where its time went.
 *
 * The platform's own work in a step is the time covered (overlaps once, clipped to the step) by:
 * each API request as the platform answered it (its request log: arrival and answer time; a
 * stream's body is not counted), the build's and the release's `created_at` → `updated_at`, and
 * the seed dyno's run ("Starting process" → "Process exited" in the app log). For the health check
 * it is one bare GET of the same URL right after the deploy. Runway's share is the rest of the step:
 * packing the tarball, its HTTP client and JSON, pauses, noticing late that the work ended.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { localArtifactStore } from '../src/artifacts/local-artifact-store.ts';
import { deployConfig, type HerokuBackendConfig } from '../src/config/deploy-config.ts';
import type { StepContext } from '../src/deployments/step.ts';
import { herokuProvider } from '../src/providers/heroku/index.ts';
import type { Provider, ProviderDeps } from '../src/providers/provider.ts';
import { CommandSandbox } from '../src/sandbox/command-sandbox.ts';
import { startPlatformProcess } from './support/platform-process-client.ts';
import { startCpuProfile } from './support/cpu-profile.ts';
import { summariseProfiles } from './support/cpu-profile-summary.ts';
import { coveredMs, median, preciseNow, type Span } from './support/time-spans.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const rounds = Math.max(3, Number(args.get('rounds') ?? 3));
const beforeDir = args.get('before');
const profileDir = args.get('profile');
/** Runway's share of a whole deploy that issue 18 asks for. */
const goalMs = 60;

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const token = `bench-${randomBytes(8).toString('hex')}`;
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

interface Contender {
  label: 'before' | 'after';
  provider: Provider<HerokuBackendConfig>;
  app: string;
  /** Per deploy: each phase's step time and the platform's work in it. */
  deploys: { step: Record<Phase, number>; platform: Record<Phase, number>; cpuMs: number }[];
}

const contenders: Contender[] = [
  { label: 'after', provider: herokuProvider, app: `bench-after-${randomBytes(2).toString('hex')}`, deploys: [] },
];
if (beforeDir) {
  const module = (await import(pathToFileURL(resolve(beforeDir, 'src/providers/heroku/index.ts')).href)) as {
    herokuProvider: Provider<HerokuBackendConfig>;
  };
  contenders.unshift({
    label: 'before',
    provider: module.herokuProvider,
    app: `bench-before-${randomBytes(2).toString('hex')}`,
    deploys: [],
  });
}

const workDir = await mkdtemp(join(tmpdir(), 'runway-heroku-bench-'));
// The platform runs in a process of its own, so that this one's time and CPU are the provider's.
const platform = await startPlatformProcess({ token, workDir: join(workDir, 'platform'), apps: contenders.map((c) => c.app) });
const deps: ProviderDeps = {
  serverEnv: {},
  herokuApiToken: token,
  herokuApiUrl: platform.url,
  herokuDataApiUrl: platform.dataApiUrl,
  // Heroku steps run no command: a sandbox never checked refuses any.
  sandbox: new CommandSandbox({ mode: 'on', user: 'runway-sandbox', dataDir: workDir, dir: join(workDir, 'sandbox') }),
  artifacts: localArtifactStore(join(workDir, 'artifacts')),
  workDir,
};

function config(app: string, fixture: string): HerokuBackendConfig {
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

const spanOf = (from: string, to: string): Span => ({ start: Date.parse(from), end: Date.parse(to) });

/** When the seed's one-off dyno ran, from the platform's app log (`2026-…T10:00:00.123000+00:00 heroku[run.1234]: …`). */
async function seedRun(app: string, dyno: string): Promise<Span> {
  const log = await readFile(join(workDir, 'platform', 'logs', 'apps', `${app}.log`), 'utf8');
  const stamp = (pattern: string) => {
    const line = log.split('\n').find((l) => l.includes(`heroku[${dyno}]: ${pattern}`));
    if (!line) throw new Error(`no "${pattern}" for ${dyno} in the app log`);
    return line.slice(0, line.indexOf(' ')).replace('000+00:00', 'Z');
  };
  return spanOf(stamp('Starting process'), stamp('Process exited'));
}

async function deployOnce(c: Contender, fixture: string): Promise<number> {
  const lines: string[] = [];
  const ctx = context(lines);
  const windows: Partial<Record<Phase, Span>> = {};
  const started = preciseNow();
  const cpu = process.cpuUsage();
  for (const step of c.provider.steps(config(c.app, fixture), deps, 'backend')) {
    const start = preciseNow();
    const outcome = await step.run(ctx);
    const phase = stepPhase[step.name];
    if (phase) windows[phase] = { start, end: preciseNow() };
    for (const [key, value] of Object.entries(outcome?.outputs ?? {})) ctx.outputs.set(key, value);
  }
  const deployMs = preciseNow() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;

  // What the platform did meanwhile, as it reports it.
  const work: Span[] = (await platform.requests())
    .filter((r) => r.startedAt >= started)
    .map((r) => ({ start: r.startedAt, end: r.startedAt + r.ms }));
  const build = (await get<{ created_at: string; updated_at: string }[]>(`/apps/${c.app}/builds`)).at(-1);
  if (build) work.push(spanOf(build.created_at, build.updated_at));
  const version = ctx.outputs.get('backend.release')?.slice(1);
  const release = await get<{ created_at: string; updated_at: string }>(`/apps/${c.app}/releases/${version}`);
  work.push(spanOf(release.created_at, release.updated_at));
  const dyno = /as (run\.\d+)$/.exec(lines.find((l) => l.startsWith('running `echo seeded`')) ?? '')?.[1];
  if (dyno) work.push(await seedRun(c.app, dyno));
  const h0 = preciseNow();
  await (await fetch(`${platform.webUrls[c.app]!.replace(/\/$/, '')}/healthz`)).text();
  const healthFloor = preciseNow() - h0;

  const step = {} as Record<Phase, number>;
  const own = {} as Record<Phase, number>;
  for (const phase of phases) {
    const window = windows[phase];
    step[phase] = window ? window.end - window.start : 0;
    own[phase] = !window ? 0 : phase === 'health' ? Math.min(healthFloor, step[phase]) : coveredMs(work, window);
  }
  c.deploys.push({ step, platform: own, cpuMs });
  return deployMs;
}

let profile: { stop(): Promise<void> } | undefined;
try {
  for (let round = 1; round <= rounds; round++) {
    // The first round warms up (modules loaded, code compiled): a profile starts after it.
    if (round === 2 && profileDir) profile = await startCpuProfile(join(profileDir, `heroku-deploy-${process.pid}.cpuprofile`));
    for (const fixture of ['good-v1', 'good-v2']) {
      // Alternate who goes first, so that a slow patch of the machine does not favour one side.
      const order = round % 2 ? contenders : [...contenders].reverse();
      for (const c of order) {
        const ms = await deployOnce(c, fixture);
        console.error(`round ${round} ${fixture} ${c.label}: ${(ms / 1000).toFixed(2)} s`);
      }
    }
  }
} finally {
  await profile?.stop();
  await platform.close();
  await rm(workDir, { recursive: true, force: true });
}

const f = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
const share = (d: Contender['deploys'][number], phase: Phase) => Math.max(0, d.step[phase] - d.platform[phase]);
const total = (d: Contender['deploys'][number], of: (phase: Phase) => number) => phases.reduce((sum, phase) => sum + of(phase), 0);

console.log(
  `\nHeroku provider on the sandbox platform: ${rounds} rounds of good-v1 → good-v2 (${contenders[0]!.deploys.length} deploys each), medians; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
console.log(
  [
    'phase'.padEnd(8),
    ...contenders.map((c) => `${`${c.label}: step`.padStart(14)} ${'platform'.padStart(9)} ${'Runway'.padStart(9)}`),
  ].join(' '),
);
for (const phase of phases) {
  const cells = contenders.map(
    (c) =>
      `${f(median(c.deploys.map((d) => d.step[phase]))).padStart(14)} ${f(median(c.deploys.map((d) => d.platform[phase])))} ${f(median(c.deploys.map((d) => share(d, phase))))}`,
  );
  console.log([phase.padEnd(8), ...cells].join(' '));
}
const totals = contenders.map((c) => ({
  label: c.label,
  step: median(c.deploys.map((d) => total(d, (p) => d.step[p]))),
  platform: median(c.deploys.map((d) => total(d, (p) => d.platform[p]))),
  runway: median(c.deploys.map((d) => total(d, (p) => share(d, p)))),
  cpu: median(c.deploys.map((d) => d.cpuMs)),
}));
console.log(['deploy'.padEnd(8), ...totals.map((t) => `${f(t.step).padStart(14)} ${f(t.platform)} ${f(t.runway)}`)].join(' '));
console.log('');
for (const t of totals) {
  const verdict = t.runway < goalMs ? 'met' : 'not met';
  console.log(
    `${t.label}: Runway's share ${t.runway.toFixed(0)} ms per deploy (${((100 * t.runway) / t.step).toFixed(0)} % of it; its CPU ${t.cpu.toFixed(0)} ms); goal < ${goalMs} ms: ${verdict}`,
  );
}
console.log(
  "\nplatform = the platform's own work inside the step (API answers, build and release timestamps, the seed dyno's run; health: one bare GET);",
);
console.log(
  "Runway = the rest of the step: packing, its HTTP client and JSON, pauses, noticing late that the work ended. Medians per row; 'deploy' is the median of each deploy's sum.",
);
// heroku-client reads these on every request (its Request constructor), in this process's time.
const certDir = process.env.SSL_CERT_DIR;
const certFile = process.env.SSL_CERT_FILE;
if (certDir || certFile) {
  const files = certDir ? (await readdir(certDir)).length : 0;
  console.log(
    `\nnote: ${[certDir && `SSL_CERT_DIR (${certDir}, ${files} entries)`, certFile && `SSL_CERT_FILE (${certFile})`].filter(Boolean).join(' and ')} set: heroku-client reads them on every API request; \`env -u SSL_CERT_DIR -u SSL_CERT_FILE npx tsx bench/heroku-deploy.ts …\` measures without.`,
  );
}
if (profileDir) console.log(`\n${await summariseProfiles(profileDir, 20)}`);
