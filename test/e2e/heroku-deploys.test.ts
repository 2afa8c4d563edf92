import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { herokuDeployYml, type HerokuEnvironment } from '../support/heroku-deploy-yml.ts';
import { fetchLogPage, herokuFixture, mergeAndAwaitDeployment, replaceFolder, type MergedDeployment } from '../support/merge-and-deploy.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { queryRestoredBackup } from '../support/restore-backup.ts';

// The whole path over HTTP: fake GitHub → Runway (webhook, job, steps) → heroku-client → sandbox
// platform, which really builds, runs the release phase against PostgreSQL and serves web_url.
const owner = 'acme';
const repo = 'shop';
const app = `shop-api-${randomBytes(3).toString('hex')}`;
const secret = `greeting-${randomBytes(16).toString('hex')}`;
const environment: HerokuEnvironment = {
  app,
  path: 'backend',
  healthcheck: '/healthz',
  // Long enough for a loaded CI machine, short enough that the failing fixture gives up soon.
  healthcheckTimeoutSeconds: 4,
  backup: true,
  configVars: { GREETING: 'hello', SHOP_SECRET: { from_env: 'SHOP_SECRET' } },
};
/** The config of a merge: `seed` only where the fixture has a seed script. */
const deployYml = (seed?: string) => herokuDeployYml({ production: { ...environment, ...(seed ? { seed } : {}) } });

let sandbox: Sandbox;
let dropStore: (() => Promise<void>) | undefined;
let branchCount = 0;
/** Release versions that were live after each good deploy, by fixture. */
const live: Record<string, number> = {};

async function deployFixture(fixture: string, seed?: string): Promise<MergedDeployment> {
  const { github } = sandbox;
  const files = replaceFolder(github, { owner, name: repo }, 'backend', await herokuFixture(fixture, 'backend'));
  files['.github/deploy.yml'] = deployYml(seed);
  return mergeAndAwaitDeployment(github, { owner, repo, branch: `deploy-${fixture}-${++branchCount}`, files, environment: 'production' });
}

async function served(path = '/'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${webUrl()}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const webUrl = () => sandbox.heroku.app(app).webUrl.replace(/\/$/, '');
const currentVersion = () => sandbox.heroku.app(app).currentRelease?.version;
const logText = (d: MergedDeployment) => fetchLogPage(sandbox.runway.url, d.final.logUrl);
const failures: Record<string, { deployment: MergedDeployment; rolledBackTo: number }> = {};
/** What the release step's undo said, as the log page's step list shows it. */
async function rollbackNote(d: MergedDeployment): Promise<string | undefined> {
  return /^\s*undone\s+backend\.release \((.*)\)$/m.exec(await logText(d))?.[1];
}

beforeAll(async () => {
  const store = await createScratchDatabase('runway_e2e_heroku_deploys');
  dropStore = store.drop;
  sandbox = await startSandbox({ herokuApps: [{ name: app }], runwayEnv: { SHOP_SECRET: secret }, databaseUrl: store.url });
  sandbox.github.createRepo({ owner, name: repo, files: { '.github/deploy.yml': deployYml(), 'README.md': '# shop\n' } });
});

afterAll(async () => {
  await sandbox?.close();
  await dropStore?.();
});

describe('merged pull requests deploy the backend to the Heroku sandbox through Runway', () => {
  it('good-v1: success, v1 answers at web_url, config vars set, every step in the log', { timeout: 180_000 }, async () => {
    const d = await deployFixture('good-v1');
    expect(d.final.state, d.final.description).toBe('success');
    expect(d.deployment.statuses.map((s) => s.state).slice(0, 3)).toEqual(['queued', 'in_progress', 'success']);
    expect(await served('/')).toEqual({ status: 200, body: { version: 'v1' } });
    // The release phase ran the migration against the app's own database.
    expect(await served('/version')).toMatchObject({ status: 200, body: { version: 'v1', migrated: 'v1' } });
    expect(sandbox.heroku.app(app).configVars).toMatchObject({ GREETING: 'hello', SHOP_SECRET: secret });
    live['good-v1'] = currentVersion()!;

    const text = await logText(d);
    for (const step of ['backend.backup', 'backend.config', 'backend.source', 'backend.build', 'backend.release', 'backend.healthcheck']) {
      expect(text).toMatch(new RegExp(`succeeded\\s+${step.replace('.', '\\.')}`));
    }
    expect(text).toMatch(/backup b\d+ captured/);
    expect(text).toContain('uploaded the source archive');
    // The release phase's own output (psql), relayed from the platform.
    expect(text).toMatch(/backend\.release[^\n]*\n(?:[^\n]*\n)*?CREATE TABLE\nINSERT 0 1\n/);
    expect(text).toContain(`v${live['good-v1']} is live at ${webUrl()}`);
    expect(text).toContain(`health check: GET ${webUrl()}/healthz answered 200`);
    expect(text).not.toContain(secret);
  });

  it('good-v2: success, v2 answers at the same web_url, the status links it and names the release', { timeout: 180_000 }, async () => {
    const urlBefore = webUrl();
    const d = await deployFixture('good-v2');
    expect(d.final.state, d.final.description).toBe('success');
    expect(webUrl()).toBe(urlBefore);
    expect(await served('/')).toEqual({ status: 200, body: { version: 'v2' } });
    // v2 has a build script: the platform ran it, and the v2 migration ran on top of v1's.
    const version = await served('/version');
    expect(version).toMatchObject({ status: 200, body: { version: 'v2', migrated: 'v2' } });
    expect(version.body.built).not.toBeNull();
    live['good-v2'] = currentVersion()!;
    expect(live['good-v2']).toBeGreaterThan(live['good-v1']!);
    expect(d.final.environmentUrl.replace(/\/$/, '')).toBe(webUrl());
    expect(d.final.description).toMatch(new RegExp(`\\bv${live['good-v2']}\\b`));
    // The earlier deployment of the environment is no longer the live one.
    const first = sandbox.github.deployments(owner, repo).find((x) => x.id !== d.deployment.id);
    expect(first?.statuses.at(-1)?.state).toBe('inactive');
  });

  it('migration-fails: failure naming the release phase and the SQL error; v2 still answers', { timeout: 180_000 }, async () => {
    const d = await deployFixture('migration-fails');
    expect(d.final.state).toBe('failure');
    expect(d.final.description).toMatch(/release phase failed/);
    expect(d.final.description).toMatch(/relation "runway_fixture_missing_table" does not exist/);
    expect(d.final.environmentUrl).toBe('');
    expect(currentVersion()).toBe(live['good-v2']);
    expect(await served('/')).toEqual({ status: 200, body: { version: 'v2' } });
    const text = await logText(d);
    expect(text).toMatch(/failed\s+backend\.release/);
    expect(text).toContain('ERROR:');
    expect(text).not.toMatch(/succeeded\s+backend\.healthcheck/);
  });

  it('seed-fails: failure, rolled back to the release live before, v2 answers', { timeout: 180_000 }, async () => {
    const before = currentVersion()!;
    const d = await deployFixture('seed-fails', 'npm run seed');
    failures['seed-fails'] = { deployment: d, rolledBackTo: before };
    expect(d.final.state).toBe('failure');
    expect(d.final.description).toMatch(/seed `npm run seed` exited with status 1: .*refusing to seed/);
    expect(await served('/')).toEqual({ status: 200, body: { version: 'v2' } });
    expect(sandbox.heroku.app(app).currentRelease?.description).toMatch(new RegExp(`Rollback to v${before}\\b`));
    const text = await logText(d);
    expect(text).toContain('refusing to seed');
    expect(text).toMatch(/failed\s+backend\.seed/);
    expect(text).toMatch(/undone\s+backend\.release/);
    expect(text).toContain(`rolled back to v${before}`);
    expect(await rollbackNote(d)).toMatch(new RegExp(`^rolled back to v${before}, backup b\\d+$`));
  });

  it('healthcheck-fails: failure, rolled back to the release live before, v2 answers', { timeout: 180_000 }, async () => {
    const before = currentVersion()!;
    const d = await deployFixture('healthcheck-fails');
    failures['healthcheck-fails'] = { deployment: d, rolledBackTo: before };
    expect(d.final.state).toBe('failure');
    expect(d.final.description).toMatch(/health check GET \/healthz got no 2xx within 4 s \(last: answered 500\)/);
    expect(await served('/')).toEqual({ status: 200, body: { version: 'v2' } });
    expect(sandbox.heroku.app(app).currentRelease?.description).toMatch(new RegExp(`Rollback to v${before}\\b`));
    const text = await logText(d);
    expect(text).toMatch(/failed\s+backend\.healthcheck/);
    expect(text).toMatch(/undone\s+backend\.release/);
    expect(await rollbackNote(d)).toMatch(new RegExp(`^rolled back to v${before}, backup b\\d+$`));
  });

  // Known bug (see the report of issue 4): the failure description is "<step> failed: <reason> —
  // <rollback note>" cut to GitHub's 140 characters from the end, so a long reason (the seed's
  // error line) cuts off "rolled back to vN", the part a user needs most. Flip to `it` once fixed.
  it('each rolled-back failure says "rolled back to vN" in the deployment status itself', () => {
    for (const { deployment, rolledBackTo } of Object.values(failures)) {
      expect(deployment.final.description).toContain(`rolled back to v${rolledBackTo}`);
      expect(deployment.final.description.length).toBeLessThanOrEqual(140);
    }
    expect(Object.keys(failures)).toEqual(['seed-fails', 'healthcheck-fails']);
  });

  it('took a backup before each deploy, and the last one restores with pg_restore', { timeout: 120_000 }, async () => {
    const backups = sandbox.heroku.app(app).backups;
    // One per deployment: good-v1, good-v2, migration-fails, seed-fails, healthcheck-fails.
    expect(backups).toHaveLength(5);
    const sql = 'SELECT version, name FROM runway_fixture_schema ORDER BY version';
    // Before good-v2 only v1's migration had run; before the last deploy, v1's and v2's.
    expect(await queryRestoredBackup(backups[1]!.file, sql)).toEqual([{ version: 1, name: 'v1' }]);
    expect(await queryRestoredBackup(backups[4]!.file, sql)).toEqual([
      { version: 1, name: 'v1' },
      { version: 2, name: 'v2' },
    ]);
  });
});
