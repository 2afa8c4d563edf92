import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { loadSettings } from '../../src/config/settings.ts';
import { startRunway } from '../../src/runway.ts';
import { herokuDeployYml } from '../support/heroku-deploy-yml.ts';
import { fetchLogPage, herokuFixture, mergeAndAwaitDeployment, replaceFolder } from '../support/merge-and-deploy.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';

// What a user sees when Heroku says no, or is briefly down: over HTTP from the fake GitHub through
// Runway and heroku-client to the sandbox platform.
const owner = 'acme';
const repo = 'api';
const suffix = randomBytes(3).toString('hex');
const app = `api-${suffix}`;
const missingApp = `ghost-${suffix}`;
const config = herokuDeployYml({
  production: { app, path: 'backend', paths: ['backend/**'], healthcheck: '/healthz' },
  ghost: { app: missingApp, path: 'ghost', paths: ['ghost/**'] },
});

let sandbox: Sandbox;
let dropStore: (() => Promise<void>) | undefined;

async function mergeFixture(folder: 'backend' | 'ghost', fixture: string, environment: string, branch: string) {
  const files = replaceFolder(sandbox.github, { owner, name: repo }, folder, await herokuFixture(fixture, folder));
  return mergeAndAwaitDeployment(sandbox.github, { owner, repo, branch, files, environment });
}

const appRequests = () => sandbox.heroku.requestLog.filter((r) => r.path.startsWith(`/apps/${app}/`));

beforeAll(async () => {
  const store = await createScratchDatabase('runway_e2e_heroku_failures');
  dropStore = store.drop;
  sandbox = await startSandbox({ herokuApps: [{ name: app }], databaseUrl: store.url });
  sandbox.github.createRepo({ owner, name: repo, files: { '.github/deploy.yml': config, 'README.md': '# api\n' } });
});

afterAll(async () => {
  await sandbox?.close();
  await dropStore?.();
});

describe('Heroku failures, as a user sees them', () => {
  it(
    'a Runway whose HEROKU_API_TOKEN is wrong: error "Heroku rejected the API token", nothing released',
    { timeout: 180_000 },
    async () => {
      // A second Runway, the same in every way but the token, with a store of its own; the fake
      // GitHub sends the merge to it.
      const store = await createScratchDatabase('runway_e2e_wrong_token');
      const dataDir = await mkdtemp(path.join(tmpdir(), 'runway-wrong-token-'));
      const wrongToken = `heroku-wrong-${randomBytes(12).toString('hex')}`;
      const env = sandboxRunwayEnv({
        github: sandbox.github,
        dataDir,
        databaseUrl: store.url,
        heroku: { url: sandbox.heroku.url, dataApiUrl: sandbox.heroku.dataApiUrl, token: wrongToken },
      });
      const loaded = loadSettings(env);
      if (!loaded.ok) throw new Error(loaded.problems.join('; '));
      const runway = await startRunway(loaded.settings);
      const releasesBefore = sandbox.heroku.app(app).releases.length;
      try {
        sandbox.github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
        const d = await mergeFixture('backend', 'good-v1', 'production', 'wrong-token');
        expect(d.final.state).toBe('error');
        expect(d.final.description).toMatch(/Heroku rejected the API token \(HEROKU_API_TOKEN\)/);
        expect(d.final.description).not.toContain(wrongToken);
        const text = await fetchLogPage(runway.url, d.final.logUrl);
        expect(text).toContain('Heroku rejected the API token');
        expect(text).not.toContain(wrongToken);
      } finally {
        sandbox.github.setWebhookTarget(`${sandbox.runway.url}/api/github/webhooks`);
        await runway.close();
        await store.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
      // The platform refused every call: no config change, no build, no release.
      expect(sandbox.heroku.app(app).releases).toHaveLength(releasesBefore);
      expect(appRequests().length).toBeGreaterThan(0);
      expect(appRequests().filter((r) => r.method !== 'GET')).toEqual([]);
      expect(appRequests().every((r) => r.status === 401)).toBe(true);
    },
  );

  it('an app that does not exist on Heroku: error "Heroku app X not found"', { timeout: 180_000 }, async () => {
    const d = await mergeFixture('ghost', 'good-v1', 'ghost', 'ghost-app');
    expect(d.final.state).toBe('error');
    expect(d.final.description).toContain(`Heroku app ${missingApp} not found`);
    // Only the merge's environment was deployed (the paths filter kept production out).
    expect(
      sandbox.github
        .deployments(owner, repo)
        .filter((x) => x.sha === d.mergeSha)
        .map((x) => x.environment),
    ).toEqual(['ghost']);
    expect(await fetchLogPage(sandbox.runway.url, d.final.logUrl)).toContain(`Heroku app ${missingApp} not found`);
  });

  it(
    'a platform that answers 503 twice, then normally: success after two retries, the new version answers',
    { timeout: 180_000 },
    async () => {
      const retryAfter = { status: 503, headers: { 'Retry-After': '1' } };
      sandbox.heroku.failNext('POST', new RegExp(`^/apps/${app}/builds$`), [retryAfter, retryAfter]);
      const d = await mergeFixture('backend', 'good-v2', 'production', 'platform-hiccup');
      expect(d.final.state, d.final.description).toBe('success');
      const builds = appRequests().filter((r) => r.method === 'POST' && r.path === `/apps/${app}/builds`);
      expect(builds.map((r) => r.status)).toEqual([503, 503, 201]);
      const served = await fetch(sandbox.heroku.app(app).webUrl);
      expect(await served.json()).toEqual({ version: 'v2' });
      expect(d.final.environmentUrl.replace(/\/$/, '')).toBe(sandbox.heroku.app(app).webUrl.replace(/\/$/, ''));
      const text = await fetchLogPage(sandbox.runway.url, d.final.logUrl);
      const retries = text.split('\n').filter((l) => l.startsWith(`Heroku API: POST /apps/${app}/builds answered 503; retrying in 1.0 s`));
      expect(retries).toHaveLength(2);
    },
  );
});
