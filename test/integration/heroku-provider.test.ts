import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployConfig, type HerokuBackendConfig } from '../../src/config/deploy-config.ts';
import { ConfigError, StepFailedError } from '../../src/deployments/errors.ts';
import type { Step } from '../../src/deployments/step.ts';
import { TimeLimitError } from '../../src/deployments/time-limit.ts';
import { herokuProvider } from '../../src/providers/heroku/index.ts';
import type { ProviderDeps } from '../../src/providers/provider.ts';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { makeStepContext, type TestStepContext } from '../support/step-context.ts';
import { herokuProviderDeps } from '../support/heroku-provider-deps.ts';

const exec = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const token = `hk-${randomBytes(12).toString('hex')}`;
const apiSecret = `s3cr3t-${randomBytes(12).toString('hex')}`;
const suffix = randomBytes(2).toString('hex');

let platform: HerokuPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'runway-heroku-provider-'));
  platform = await startHerokuPlatform({ token, workDir: join(workDir, 'platform') });
});

afterAll(async () => {
  await platform?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function deps(overrides: Partial<ProviderDeps> = {}): ProviderDeps {
  return herokuProviderDeps({ platform, token, workDir }, { serverEnv: { API_SECRET: apiSecret }, ...overrides });
}

/** The backend section as `.github/deploy.yml` would give it, defaults applied by the real schema. */
function backendConfig(section: Record<string, unknown>): HerokuBackendConfig {
  const parsed = deployConfig.parse({ environments: { production: { backend: { provider: 'heroku', ...section } } } });
  const backend = parsed.environments.production?.backend;
  if (backend?.provider !== 'heroku') throw new Error('not a heroku backend');
  return backend;
}

interface Deployment {
  ctx: TestStepContext;
  error?: unknown;
  /** Summaries of the undo calls, in the order they ran. */
  undone: string[];
  ran: string[];
}

/** What the runner does: run in order, merge outputs, undo the completed steps in reverse on failure. */
async function runSteps(steps: Step[], ctx: TestStepContext): Promise<Deployment> {
  const completed: Step[] = [];
  const ran: string[] = [];
  for (const step of steps) {
    ran.push(step.name);
    try {
      const outcome = await step.run(ctx);
      for (const [key, value] of Object.entries(outcome?.outputs ?? {})) ctx.outputs.set(key, value);
      completed.push(step);
    } catch (error) {
      const undone: string[] = [];
      for (const done of completed.reverse()) {
        const outcome = await done.undo?.(ctx);
        if (outcome?.summary) undone.push(outcome.summary);
      }
      return { ctx, error, undone, ran };
    }
  }
  return { ctx, undone: [], ran };
}

async function deploy(
  app: string,
  fixture: string,
  section: Record<string, unknown> = {},
  depOverrides: Partial<ProviderDeps> = {},
): Promise<Deployment> {
  const config = backendConfig({ app, path: `fixtures/heroku-apps/${fixture}`, ...section });
  const ctx = makeStepContext({ sourceDir: repoRoot, deployment: { sha: randomBytes(20).toString('hex') } });
  const result = await runSteps(herokuProvider.steps(config, deps(depOverrides), 'backend'), ctx);
  assertNoSecrets(app, result);
  return result;
}

/** No log line and no error message may carry the token, a secret config var or the database password. */
function assertNoSecrets(app: string, result: Deployment): void {
  const { databaseUrl } = platform.app(app);
  const secrets = [token, apiSecret];
  const password = databaseUrl ? new URL(databaseUrl).password : '';
  if (password) secrets.push(password);
  const texts = [...result.ctx.lines, ...result.undone, result.error instanceof Error ? result.error.message : ''];
  for (const secret of secrets) {
    for (const text of texts) expect(text).not.toContain(secret);
  }
}

async function servedVersion(app: string): Promise<string> {
  const response = await fetch(`${platform.app(app).webUrl.replace(/\/$/, '')}/`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { version: string }).version;
}

async function newApp(base: string): Promise<string> {
  const name = `${base}-${suffix}`;
  await platform.createApp(name);
  return name;
}

describe('heroku provider against the sandbox platform', () => {
  it('deploys v1 then v2: config vars set, build and release phase logged, seed run, health checked, v2 served', async () => {
    const app = await newApp('good');
    const section = {
      config_vars: { GREETING: 'hello', API_SECRET: { from_env: 'API_SECRET' } },
      seed: 'echo seeded-ok',
      healthcheck: '/healthz',
    };
    const first = await deploy(app, 'good-v1', section);
    expect(first.error).toBeUndefined();
    expect(first.ran).toEqual([
      'backend.config',
      'backend.source',
      'backend.build',
      'backend.release',
      'backend.seed',
      'backend.healthcheck',
    ]);
    expect(await servedVersion(app)).toBe('v1');

    const second = await deploy(app, 'good-v2', section);
    expect(second.error).toBeUndefined();
    expect(await servedVersion(app)).toBe('v2');
    const current = platform.app(app).currentRelease;
    expect(second.ctx.outputs.get('backend.release')).toBe(`v${current?.version}`);
    expect(second.ctx.outputs.get('backend.url')).toBe(platform.app(app).webUrl.replace(/\/$/, ''));
    expect(platform.app(app).configVars).toMatchObject({ GREETING: 'hello', API_SECRET: apiSecret });
    expect(second.ctx.secrets).toEqual(expect.arrayContaining([apiSecret, token]));
    // The second run found the config vars already set: no config release.
    expect(second.ctx.lines).toContain('config vars already set: GREETING, API_SECRET');
    expect(second.ctx.lines).toContain('seeded-ok');
    expect(second.ctx.lines.some((l) => l.includes('heroku-command-exit-status'))).toBe(false);
    expect(second.ctx.lines.some((l) => /health check: GET .*\/healthz answered 200/.test(l))).toBe(true);
  }, 240_000);

  it('a failing migration leaves v1 live and says why', async () => {
    const app = await newApp('migrate');
    expect((await deploy(app, 'good-v1')).error).toBeUndefined();
    const live = platform.app(app).currentRelease?.version;

    const failed = await deploy(app, 'migration-fails', { healthcheck: '/healthz' });
    expect(failed.error).toBeInstanceOf(StepFailedError);
    expect((failed.error as Error).message).toMatch(
      /^release phase failed: .*ERROR: +relation "runway_fixture_missing_table" does not exist$/,
    );
    expect(failed.ran.at(-1)).toBe('backend.release');
    expect(failed.undone).toEqual([]);
    expect(platform.app(app).currentRelease?.version).toBe(live);
    expect(await servedVersion(app)).toBe('v1');
  }, 240_000);

  it('a seed that keeps printing past seed_timeout_seconds is stopped, and the release rolled back', async () => {
    const app = await newApp('seedtime');
    expect((await deploy(app, 'good-v1')).error).toBeUndefined();
    const before = platform.app(app).currentRelease?.version;

    const seed = 'while true; do echo still seeding; sleep 0.2; done';
    const failed = await deploy(app, 'good-v2', { seed, seed_timeout_seconds: 2 });
    expect(failed.error).toBeInstanceOf(TimeLimitError);
    expect((failed.error as Error).message).toMatch(
      /^seed `while true; .*` ran longer than 2 seconds \(seed_timeout_seconds\); run\.\d+ was stopped$/,
    );
    expect(failed.ctx.lines).toContain('still seeding');
    expect(failed.undone).toEqual([`rolled back to v${before}`]);
    expect(await servedVersion(app)).toBe('v1');
    const dynos = await fetch(`${platform.url}/apps/${app}/dynos`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.heroku+json; version=3' },
    });
    expect(((await dynos.json()) as { type: string }[]).filter((d) => d.type === 'run')).toEqual([]);
  }, 240_000);

  it('a failing seed rolls back to the release before; the backup taken first restores with pg_restore', async () => {
    const app = await newApp('seed');
    expect((await deploy(app, 'good-v1')).error).toBeUndefined();
    const before = platform.app(app).currentRelease?.version;

    const failed = await deploy(app, 'seed-fails', { seed: 'npm run seed', backup: true });
    expect(failed.error).toBeInstanceOf(StepFailedError);
    expect((failed.error as Error).message).toMatch(/^seed `npm run seed` exited with status 1: .*refusing to seed/);
    expect(failed.undone).toEqual([`rolled back to v${before}, backup b001`]);
    expect(await servedVersion(app)).toBe('v1');
    expect(failed.ctx.lines).toContain('backup b001 captured');

    const backups = platform.app(app).backups;
    expect(backups.map((b) => b.id)).toEqual(['1']);
    const scratch = `heroku_provider_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
    try {
      await exec('pg_restore', ['--no-owner', '-d', `postgres://postgres@127.0.0.1:5432/${scratch}`, backups[0]?.file ?? '']);
      const restored = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${scratch}` });
      await restored.connect();
      const { rows } = await restored.query('SELECT version, name FROM runway_fixture_schema ORDER BY version');
      await restored.end();
      expect(rows).toEqual([{ version: 1, name: 'v1' }]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.end();
    }
  }, 240_000);

  it('a health check that names the release passes only for the new one, and keeps waiting on an old one until it rolls back', async () => {
    const app = await newApp('newrel');
    // The new release answers with its own dyno metadata (HEROKU_SLUG_COMMIT, HEROKU_RELEASE_VERSION from the platform).
    const byCommit = await deploy(app, 'good-v2', { healthcheck: '/healthz', healthcheck_release: { body_field: 'commit' } });
    expect(byCommit.error).toBeUndefined();
    const sha = byCommit.ctx.deployment.sha;
    expect(byCommit.ctx.lines.some((l) => l.endsWith(`/healthz answered 200 from the new commit ${sha}`))).toBe(true);
    const byRelease = await deploy(app, 'good-v2', {
      healthcheck: '/healthz',
      healthcheck_release: { body_field: 'release', value: 'release' },
    });
    expect(byRelease.error).toBeUndefined();
    expect(byRelease.ctx.lines.at(-1)).toMatch(
      new RegExp(`answered 200 from the new release v${platform.app(app).currentRelease?.version}$`),
    );
    const live = platform.app(app).currentRelease?.version;

    // An app that answers 2xx, but as an old release would: the check keeps waiting, then the release is rolled back.
    const stale = await deploy(app, 'stale-release', {
      healthcheck: '/healthz',
      healthcheck_timeout_seconds: 3,
      healthcheck_release: { body_field: 'commit' },
    });
    expect(stale.error).toBeInstanceOf(StepFailedError);
    expect((stale.error as Error).message).toBe(
      `health check GET /healthz got no 2xx within 3 s (last: answered 200 from commit 1111111, not the new ${stale.ctx.deployment.sha.slice(0, 7)})`,
    );
    expect(stale.ctx.lines.filter((l) => l.includes('from commit 1111111, not the new')).length).toBeGreaterThan(1);
    expect(stale.undone).toEqual([`rolled back to v${live}`]);
    expect(await servedVersion(app)).toBe('v2');
  }, 240_000);

  it('a failing health check rolls back to the release before', async () => {
    const app = await newApp('health');
    expect((await deploy(app, 'good-v1')).error).toBeUndefined();
    const before = platform.app(app).currentRelease?.version;

    const failed = await deploy(app, 'healthcheck-fails', { healthcheck: '/healthz', healthcheck_timeout_seconds: 3 });
    expect(failed.error).toBeInstanceOf(StepFailedError);
    expect((failed.error as Error).message).toBe('health check GET /healthz got no 2xx within 3 s (last: answered 500)');
    expect(failed.undone).toEqual([`rolled back to v${before}`]);
    expect(await servedVersion(app)).toBe('v1');
    expect(platform.app(app).currentRelease?.description).toMatch(new RegExp(`Rollback to v${before}`));
  }, 240_000);

  it('a config var read from a missing server variable is a ConfigError naming it, before any API call', async () => {
    const app = await newApp('config');
    const calls = platform.requestLog.length;
    const failed = await deploy(app, 'good-v1', { config_vars: { TOKEN: { from_env: 'NOT_SET_ANYWHERE' } } });
    expect(failed.error).toBeInstanceOf(ConfigError);
    expect((failed.error as Error).message).toBe('config var TOKEN (from NOT_SET_ANYWHERE): the server environment variable is not set');
    expect(failed.ran).toEqual(['backend.config']);
    expect(platform.requestLog.slice(calls).filter((r) => r.path.includes(app))).toEqual([]);
  });
});
