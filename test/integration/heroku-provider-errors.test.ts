import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployConfig, type HerokuBackendConfig } from '../../src/config/deploy-config.ts';
import { ConfigError, ProviderError } from '../../src/deployments/errors.ts';
import type { Step } from '../../src/deployments/step.ts';
import { herokuProvider } from '../../src/providers/heroku/index.ts';
import type { ProviderDeps } from '../../src/providers/provider.ts';
import { startHerokuPlatform, type HerokuPlatform } from '../../sandbox/heroku/index.ts';
import { makeStepContext, type TestStepContext } from '../support/step-context.ts';
import { herokuProviderDeps } from '../support/heroku-provider-deps.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const token = `hk-${randomBytes(12).toString('hex')}`;
const app = `errors-${randomBytes(2).toString('hex')}`;

let platform: HerokuPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'runway-heroku-errors-'));
  platform = await startHerokuPlatform({ token, workDir: join(workDir, 'platform') });
  await platform.createApp(app);
});

afterAll(async () => {
  await platform?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function deps(overrides: Partial<ProviderDeps> = {}): ProviderDeps {
  return herokuProviderDeps({ platform, token, workDir }, overrides);
}

function backendConfig(section: Record<string, unknown>): HerokuBackendConfig {
  const parsed = deployConfig.parse({
    environments: { production: { backend: { provider: 'heroku', path: 'fixtures/heroku-apps/good-v1', ...section } } },
  });
  const backend = parsed.environments.production?.backend;
  if (backend?.provider !== 'heroku') throw new Error('not a heroku backend');
  return backend;
}

/** Runs the steps in order as the runner does; returns the first error (no undo is due in these cases). */
async function run(steps: Step[], ctx: TestStepContext): Promise<unknown> {
  for (const step of steps) {
    try {
      const outcome = await step.run(ctx);
      for (const [key, value] of Object.entries(outcome?.outputs ?? {})) ctx.outputs.set(key, value);
    } catch (error) {
      return error;
    }
  }
  return undefined;
}

async function deployWith(section: Record<string, unknown>, depOverrides: Partial<ProviderDeps> = {}) {
  const ctx = makeStepContext({ sourceDir: repoRoot });
  const error = await run(herokuProvider.steps(backendConfig(section), deps(depOverrides), 'backend'), ctx);
  const texts = [...ctx.lines, error instanceof Error ? error.message : ''];
  for (const text of texts) expect(text).not.toContain(token);
  return { ctx, error };
}

describe('heroku provider errors and retries', () => {
  it('a wrong token is a ProviderError that names HEROKU_API_TOKEN, and the wrong token is registered as a secret', async () => {
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    const { ctx, error } = await deployWith({ app }, { herokuApiToken: wrong });
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toBe('Heroku rejected the API token (HEROKU_API_TOKEN)');
    expect(ctx.secrets).toContain(wrong);
    expect(ctx.lines.join('\n')).not.toContain(wrong);
  });

  it('an unknown app is a ProviderError naming it', async () => {
    const { error } = await deployWith({ app: 'no-such-app' });
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toBe('Heroku app no-such-app not found');
  });

  it('no token configured is a ConfigError for the operator', async () => {
    const { error } = await deployWith({ app }, { herokuApiToken: undefined });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/set HEROKU_API_TOKEN/);
  });

  it('a missing backend path is a ConfigError', async () => {
    const { error } = await deployWith({ app, path: 'fixtures/heroku-apps/not-there' });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^backend path fixtures\/heroku-apps\/not-there is not a folder at 0123456/);
  });

  it('503 twice (once with Retry-After) then the real answer: the build is created once and the deploy succeeds', async () => {
    const buildsPath = new RegExp(`^/apps/${app}/builds$`);
    platform.failNext('POST', buildsPath, [{ status: 503 }, { status: 503, headers: { 'Retry-After': '1' } }]);
    const { ctx, error } = await deployWith({ app, healthcheck: '/healthz' });
    expect(error).toBeUndefined();
    const posts = platform.requestLog.filter((r) => r.method === 'POST' && buildsPath.test(r.path)).map((r) => r.status);
    expect(posts).toEqual([503, 503, 201]);
    const retries = ctx.lines.filter((l) => l.startsWith(`Heroku API: POST /apps/${app}/builds answered 503; retrying`));
    expect(retries).toHaveLength(2);
    expect(retries[1]).toMatch(/retrying in 1\.0 s \(attempt 3 of 5\)/);
    expect(ctx.outputs.get('backend.release')).toBe(`v${platform.app(app).currentRelease?.version}`);
  }, 120_000);

  it('a 503 that does not stop fails with a ProviderError saying how often it tried', async () => {
    const configPath = new RegExp(`^/apps/${app}/config-vars$`);
    platform.failNext(
      'GET',
      configPath,
      Array.from({ length: 5 }, () => ({ status: 503, headers: { 'Retry-After': '0' } })),
    );
    const { error } = await deployWith({ app });
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toBe(`Heroku API answered 503 to GET /apps/${app}/config-vars after 5 attempts: Injected failure.`);
  });
});
