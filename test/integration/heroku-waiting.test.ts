import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployConfig, type HerokuBackendConfig } from '../../src/config/deploy-config.ts';
import { StepFailedError } from '../../src/deployments/errors.ts';
import { herokuProvider } from '../../src/providers/heroku/index.ts';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { herokuProviderDeps } from '../support/heroku-provider-deps.ts';
import { makeStepContext, type TestStepContext } from '../support/step-context.ts';

// How the provider waits for builds and release phases: by following their output streams to the
// end. This platform's statuses lag the end of the streams, as Heroku's may.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const token = `hk-${randomBytes(12).toString('hex')}`;
const suffix = randomBytes(2).toString('hex');

let platform: HerokuPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'runway-heroku-waiting-'));
  platform = await startHerokuPlatform({ token, workDir: join(workDir, 'platform'), statusLagMs: 300 });
});

afterAll(async () => {
  await platform?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function backendConfig(app: string, fixture: string): HerokuBackendConfig {
  const parsed = deployConfig.parse({
    environments: { production: { backend: { provider: 'heroku', app, path: `fixtures/heroku-apps/${fixture}` } } },
  });
  const backend = parsed.environments.production?.backend;
  if (backend?.provider !== 'heroku') throw new Error('not a heroku backend');
  return backend;
}

/** Runs config → source → build → release in order; the first failure ends the deployment. */
async function deploy(app: string, fixture: string): Promise<{ ctx: TestStepContext; error?: unknown; failedStep?: string }> {
  const ctx = makeStepContext({ sourceDir: repoRoot, deployment: { sha: randomBytes(20).toString('hex') } });
  const deps = herokuProviderDeps({ platform, token, workDir });
  for (const step of herokuProvider.steps(backendConfig(app, fixture), deps, 'backend')) {
    try {
      const outcome = await step.run(ctx);
      for (const [key, value] of Object.entries(outcome?.outputs ?? {})) ctx.outputs.set(key, value);
    } catch (error) {
      return { ctx, error, failedStep: step.name };
    }
  }
  return { ctx };
}

async function newApp(base: string): Promise<string> {
  const name = `${base}-${suffix}`;
  await platform.createApp(name);
  return name;
}

const requests = (pattern: RegExp) => platform.requestLog.filter((r) => pattern.test(r.path));

describe('waiting for Heroku builds and release phases', () => {
  it('a build and a release phase whose statuses lag their streams: v1 released with all its output; a failing release phase then fails the deploy', async () => {
    const app = await newApp('lag');
    const first = await deploy(app, 'good-v1');
    expect(first.error).toBeUndefined();
    const { lines } = first.ctx;
    // The whole build output, then the whole release phase output, each once and in order.
    const building = lines.indexOf('-----> Building on the Heroku-24 stack (sandbox)');
    const launching = lines.findIndex((l) => l.startsWith('-----> Launching... slug '));
    const succeeded = lines.findIndex((l) => /^build \S+ succeeded$/.test(l));
    const live = lines.findIndex((l) => /^v2 is live at /.test(l));
    expect(building).toBeGreaterThanOrEqual(0);
    expect(launching).toBeGreaterThan(building);
    expect(succeeded).toBeGreaterThan(launching);
    expect(lines.filter((l) => l.startsWith('-----> Launching'))).toHaveLength(1);
    expect(lines.slice(succeeded, live).some((l) => /CREATE TABLE|COMMIT|INSERT/.test(l))).toBe(true);
    expect(first.ctx.outputs.get('backend.release')).toBe('v2');
    expect(platform.app(app).currentRelease?.version).toBe(2);
    expect(lines.some((l) => l.includes('could not be read'))).toBe(false);

    const failed = await deploy(app, 'migration-fails');
    expect(failed.failedStep).toBe('backend.release');
    expect(failed.error).toBeInstanceOf(StepFailedError);
    expect((failed.error as Error).message).toMatch(
      /^release phase failed: .*ERROR: +relation "runway_fixture_missing_table" does not exist$/,
    );
    expect(platform.app(app).currentRelease?.version).toBe(2);
  }, 240_000);

  it('a failing build fails the deploy with its output, and makes no release', async () => {
    const app = await newApp('buildfail');
    const failed = await deploy(app, 'build-fails');
    expect(failed.failedStep).toBe('backend.build');
    expect(failed.error).toBeInstanceOf(StepFailedError);
    const message = (failed.error as Error).message;
    expect(message).toMatch(/^build failed on Heroku: /);
    expect(message).toContain('Push rejected, failed to compile Node.js app.');
    expect(failed.ctx.lines).toContain('       compiling assets/app.css');
    expect(failed.ctx.lines).toContain('       ERROR: assets/app.css:3: unexpected }');
    expect(platform.app(app).releases.map((r) => r.description)).toEqual(['Initial release']);
  }, 240_000);

  it('a build stream cut mid-way is resumed where it broke: every line once', async () => {
    const app = await newApp('cut');
    platform.cutNextStream(/^\/streams\/builds\//, 60);
    const before = requests(/^\/streams\/builds\//).length;
    const done = await deploy(app, 'good-v1');
    expect(done.error).toBeUndefined();
    const { lines } = done.ctx;
    expect(lines.filter((l) => l === '-----> Building on the Heroku-24 stack (sandbox)')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('-----> Fetched source ('))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('-----> Launching... slug '))).toHaveLength(1);
    const streamReads = requests(/^\/streams\/builds\//).slice(before);
    expect(streamReads[0]?.status).toBe(200);
    expect(streamReads[1]?.status).toBe(206);
    expect(lines.some((l) => l.includes('could not be read'))).toBe(false);
  }, 240_000);

  it('a build stream that cannot be read at all: the build is polled, ends right, and the log says the output is missing', async () => {
    const app = await newApp('nostream');
    // Runs last in this file: injected answers not used up stay queued.
    platform.failNext('GET', /^\/streams\/builds\//, Array(40).fill({ status: 503 }));
    const done = await deploy(app, 'good-v1');
    expect(done.error).toBeUndefined();
    expect(done.ctx.lines).toContain('(build output could not be read: HTTP 503)');
    expect(done.ctx.lines.some((l) => /^build \S+ succeeded$/.test(l))).toBe(true);
    expect(done.ctx.outputs.get('backend.release')).toBe('v2');
  }, 240_000);
});
