import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDeploymentStatus } from '../../sandbox/github/index.ts';
import { readTree } from '../../sandbox/read-tree.ts';
import { sandboxDeployConfig } from '../../sandbox/sandbox-config.ts';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { endedDeploymentsOf } from '../support/ended-deployments.ts';
import { mergeChange } from '../support/merge-change.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

// Issue 6, "Done when": a merge whose broker migration fails. Heroku's release phase (the
// Procfile's `release: npm run migrate`) fails, so the previous release stays live on an unchanged
// database, and the deployment status says why. The repository holds all three apps with the real
// deploy.yml, so the merges also show the `paths` filters: touching broker deploys broker only.

const repo = { owner: 'shipyard', name: 'products' };
const adminPassword = `admin-${randomBytes(9).toString('hex')}`;
const environments = ['cargo-express-production', 'broker-production', 'adoptions-production'];

// Written into the fake repository's commit only: the real broker app is not touched.
const failingMigration = {
  file: '002_retention.sql',
  sql: [
    '-- Keep messages per channel for a retention period.',
    'ALTER TABLE channels ADD COLUMN retention_hours integer NOT NULL DEFAULT 168;',
    'UPDATE channel_settings SET retention_hours = 24;',
    '',
  ].join('\n'),
};

describe('a broker merge whose migration fails', () => {
  let sandbox: Sandbox;
  let store: { url: string; drop(): Promise<void> };
  let webUrl: string;
  let failed: FakeDeploymentStatus | undefined;

  beforeAll(async () => {
    store = await createScratchDatabase('runway_e2e_broker');
    sandbox = await startSandbox({
      herokuApps: [{ name: 'broker-api' }],
      databaseUrl: store.url,
      runwayEnv: {
        BROKER_JWT_SECRET: randomBytes(32).toString('hex'),
        BROKER_ADMIN_PASSWORD: adminPassword,
        // The other environments' secrets, so that a wrongly created deployment would get far enough to show.
        CARGO_EXPRESS_JWT_SECRET: randomBytes(32).toString('hex'),
        ADOPTIONS_JWT_SECRET: randomBytes(32).toString('hex'),
        ADOPTIONS_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      },
    });
    const appFiles = await Promise.all(
      ['cargo-express', 'broker', 'adoptions'].map((app) =>
        readTree(new URL(`../../deploy-targets/${app}`, import.meta.url).pathname, `deploy-targets/${app}`),
      ),
    );
    sandbox.github.createRepo({
      ...repo,
      files: { '.github/deploy.yml': sandboxDeployConfig({ environments, siteUrls: {} }), ...Object.assign({}, ...appFiles) },
    });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
    await store?.drop();
  });

  it('deploys the broker alone when a merge touches only the broker', async () => {
    const sha = await mergeChange(sandbox.github, repo, {
      branch: 'broker-docs',
      title: 'Broker: changelog',
      files: { 'deploy-targets/broker/CHANGELOG.md': '- Pull with acknowledgement\n' },
    });
    const ended = await endedDeploymentsOf(sandbox.github, repo, sha, { timeoutMs: 240_000 });
    expect(ended.map((d) => [d.environment, d.final.state, d.final.description])).toEqual([
      ['broker-production', 'success', expect.stringContaining('released v')],
    ]);
    webUrl = sandbox.heroku.app('broker-api').webUrl.replace(/\/+$/, '');
    expect(ended[0]!.final.environmentUrl).toBe(webUrl);
    expect((await fetch(`${webUrl}/healthz`)).status).toBe(200);

    // Some state for the failed deploy to leave alone: a channel, the admin's queue, a message in it.
    const token = await adminToken();
    expect((await call('POST', '/channels', token, { name: 'e2e-orders' })).status).toBe(201);
    expect((await call('POST', '/channels/e2e-orders/subscribe', token, {})).status).toBe(201);
    const published = await call('POST', '/channels/e2e-orders/messages', token, { payload: { order: 42 } });
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({ queued: 1 });
  }, 300_000);

  it('fails the deployment (the SQL error in its log) and keeps the previous version answering', async () => {
    const app = sandbox.heroku.app('broker-api');
    const liveBefore = app.currentRelease;
    expect(liveBefore?.status).toBe('succeeded');

    const sha = await mergeChange(sandbox.github, repo, {
      branch: 'channel-retention',
      title: 'Broker: channel retention',
      files: { [`deploy-targets/broker/migrations/${failingMigration.file}`]: failingMigration.sql },
    });
    const ended = await endedDeploymentsOf(sandbox.github, repo, sha, { timeoutMs: 240_000 });
    expect(ended.map((d) => d.environment)).toEqual(['broker-production']);
    failed = ended[0]!.final;
    expect(failed.state).toBe('failure');
    expect(failed.description).toMatch(/^backend\.release failed: release phase failed/);
    // The deployment's log (the status's log_url) holds the release phase's output.
    const log = await fetchRunwayPage(sandbox.runway.url, `${new URL(failed.logUrl).pathname}/log.json`);
    expect(log.status).toBe(200);
    const lines = ((await log.json()) as { lines: { line: string }[] }).lines.map((l) => l.line);
    expect(lines).toContainEqual(
      expect.stringContaining(`FAILED in ${failingMigration.file} (line 3): relation "channel_settings" does not exist`),
    );

    // Heroku made the release and its phase failed; the release before it is still the live one.
    const after = sandbox.heroku.app('broker-api');
    expect(after.releases.at(-1)?.status).toBe('failed');
    expect(after.currentRelease?.id).toBe(liveBefore?.id);
    expect(sandbox.github.deployments(repo.owner, repo.name).map((d) => d.environment)).toEqual(['broker-production', 'broker-production']);

    // Same web_url, same data, working auth.
    expect(sandbox.heroku.app('broker-api').webUrl.replace(/\/+$/, '')).toBe(webUrl);
    expect((await fetch(`${webUrl}/healthz`)).status).toBe(200);
    const token = await adminToken();
    const channels = await call('GET', '/channels', token);
    expect(channels.status).toBe(200);
    expect(JSON.stringify(await channels.json())).toContain('e2e-orders');
    const pulled = await call('POST', '/channels/e2e-orders/pull', token, { max_messages: 10 });
    expect(pulled.status).toBe(200);
    expect(await pulled.json()).toMatchObject({ messages: [{ payload: { order: 42 }, attempt: 1 }] });

    // The migration ran in one transaction that was rolled back: no column, not recorded.
    const db = new pg.Client({ connectionString: after.databaseUrl });
    await db.connect();
    try {
      const columns = await db.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'channels' AND column_name = 'retention_hours'",
      );
      expect(columns.rowCount).toBe(0);
      const applied = await db.query<{ applied: string }>("SELECT string_agg(file, ',' ORDER BY file) AS applied FROM schema_migrations");
      expect(applied.rows[0]?.applied).toBe('001_initial.sql');
    } finally {
      await db.end();
    }
  }, 300_000);

  it('says why in the deployment status: the SQL error of the release phase', () => {
    expect(failed?.description).toContain('relation "channel_settings"');
  });

  async function adminToken(): Promise<string> {
    const res = await call('POST', '/token', undefined, { username: 'admin', password: adminPassword });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  function call(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    return fetch(`${webUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
});
