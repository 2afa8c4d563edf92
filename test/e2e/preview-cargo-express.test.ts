import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetObjectCommand, ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { DEMO_PREVIEW_BUCKET, demoPreviewsConfig } from '../../sandbox/demo-preview.ts';
import type { FakeDeployment } from '../../sandbox/github/types.ts';
import { readTree } from '../../sandbox/read-tree.ts';
import { sandboxClient } from '../../sandbox/s3/index.ts';
import { sandboxDeployConfig } from '../../sandbox/sandbox-config.ts';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { PREVIEW_COMMENT_TITLE } from '../../src/previews/preview-comment.ts';
import { adminQuery } from '../support/admin-query.ts';
import { launchChromium } from '../support/chromium.ts';

// Issue 16, "Done when": a pull request on deploy-targets/cargo-express gets a preview of its own
// (Heroku app, database with its own seed data, frontend under its prefix), driven in Chromium
// against the preview's backend; a push updates it; closing the pull request removes all of it;
// production's release, database and bucket stay as they were; no production secret reaches it.

const owner = 'cargo';
const repo = 'monorepo';
const PROD_APP = 'cargo-express-api';
const PROD_BUCKET = 'cargo-express-web';
const secrets = {
  prodJwt: `prod-jwt-${randomBytes(12).toString('hex')}`,
  prodSeed: `prod-seed-${randomBytes(9).toString('hex')}`,
  previewJwt: `preview-jwt-${randomBytes(12).toString('hex')}`,
  previewSeed: `preview-seed-${randomBytes(9).toString('hex')}`,
};

/** The real deploy.yml on the sandbox, production's seed password as a secret, and the demo's `previews:` block. */
function deployConfig(sandbox: Sandbox): string {
  const doc = parseDocument(
    sandboxDeployConfig({
      environments: ['cargo-express-production'],
      siteUrls: { 'cargo-express-production': sandbox.s3.websiteUrl(PROD_BUCKET) },
    }),
  );
  doc.setIn(
    ['environments', 'cargo-express-production', 'backend', 'config_vars', 'SEED_PASSWORD'],
    doc.createNode({ from_env: 'CARGO_EXPRESS_SEED_PASSWORD' }),
  );
  doc.set('previews', doc.createNode(demoPreviewsConfig(sandbox)));
  doc.setIn(['previews', 'backend', 'config_vars', 'SEED_PASSWORD'], doc.createNode({ from_env: 'CARGO_EXPRESS_PREVIEW_SEED_PASSWORD' }));
  return doc.toString();
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('a cargo-express pull request gets a full-stack preview, gone when it closes', () => {
  let sandbox: Sandbox;
  let number: number;
  let previewApp: string;
  let previewSite: string;
  let previewBackend: string;
  let previewDb: { name: string; role: string; url: string };
  let prodBefore: { releases: number; configVars: Record<string, string>; objects: Record<string, string> };
  /** Everything the preview answered (pages, bundles, API bodies), searched for production's secrets at the end. */
  const answers: string[] = [];

  const s3Objects = async (bucket: string, prefix = ''): Promise<Record<string, string>> => {
    const s3 = sandboxClient(sandbox.s3.endpoint);
    try {
      const listed = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix }));
      const entries = await Promise.all(
        (listed.Contents ?? []).map(async (o) => {
          const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
          return [o.Key!, await got.Body!.transformToString()] as const;
        }),
      );
      return Object.fromEntries(entries);
    } finally {
      s3.destroy();
    }
  };
  const finished = (sha: string): Promise<FakeDeployment> =>
    sandbox.github.waitFor(
      () =>
        sandbox.github
          .deployments(owner, repo)
          .find(
            (d) =>
              d.environment === `pr-${number}` &&
              d.sha === sha &&
              d.statuses.some((s) => ['success', 'failure', 'error'].includes(s.state)),
          ),
      { what: `the preview deployment at ${sha.slice(0, 7)}`, timeoutMs: 280_000 },
    );
  const previewComment = () => sandbox.github.comments(owner, repo, number).filter((c) => c.body.startsWith(PREVIEW_COMMENT_TITLE));
  const answer = async (res: Response): Promise<string> => {
    const text = await res.text();
    answers.push(text);
    return text;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      buckets: [PROD_BUCKET, DEMO_PREVIEW_BUCKET],
      herokuApps: [{ name: PROD_APP }],
      runwayEnv: {
        CARGO_EXPRESS_JWT_SECRET: secrets.prodJwt,
        CARGO_EXPRESS_SEED_PASSWORD: secrets.prodSeed,
        CARGO_EXPRESS_PREVIEW_JWT_SECRET: secrets.previewJwt,
        CARGO_EXPRESS_PREVIEW_SEED_PASSWORD: secrets.previewSeed,
      },
    });
    sandbox.github.createRepo({
      owner,
      name: repo,
      files: {
        '.github/deploy.yml': deployConfig(sandbox),
        ...(await readTree(new URL('../../deploy-targets/cargo-express', import.meta.url).pathname, 'deploy-targets/cargo-express')),
      },
    });
    sandbox.github.setPermission(owner, repo, 'ana', 'write');

    // Production as it stands before the pull request: data in its database, a site in its bucket.
    const prod = sandbox.heroku.app(PROD_APP);
    await query(prod.databaseUrl!, `CREATE TABLE production_orders (id text); INSERT INTO production_orders VALUES ('prod-only-order')`);
    const s3 = sandboxClient(sandbox.s3.endpoint);
    try {
      await s3.send(new PutObjectCommand({ Bucket: PROD_BUCKET, Key: 'index.html', Body: '<h1>production site</h1>' }));
    } finally {
      s3.destroy();
    }
    prodBefore = { releases: prod.releases.length, configVars: { ...prod.configVars }, objects: await s3Objects(PROD_BUCKET) };
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it('opens: its own app and database (its own seed data), its frontend under its prefix, nothing of production', async () => {
    const sha = sandbox.github.commit(owner, repo, {
      branch: 'try-preview',
      files: { 'deploy-targets/cargo-express/web/CHANGELOG.md': '- Tried in a preview first\n' },
      author: 'ana',
    });
    number = sandbox.github.openPullRequest(owner, repo, { head: 'try-preview', title: 'Try it in a preview', user: 'ana' });
    await sandbox.github.pullRequestEvent(owner, repo, number, 'opened');
    const deployment = await finished(sha);
    expect(deployment.statuses.at(-1)?.state, deployment.statuses.at(-1)?.description).toBe('success');
    expect(deployment.transientEnvironment).toBe(true);
    expect(deployment.productionEnvironment).toBe(false);

    previewApp = `${PROD_APP}-pr-${number}`;
    const app = sandbox.heroku.app(previewApp);
    expect(app.currentRelease?.status).toBe('succeeded');
    expect(app.database?.plan).toBe('heroku-postgresql:essential-0');
    previewDb = { ...app.database!, url: app.databaseUrl! };
    expect(previewDb.url).not.toBe(sandbox.heroku.app(PROD_APP).databaseUrl);
    previewBackend = app.webUrl.replace(/\/+$/, '');
    previewSite = `${sandbox.s3.websiteUrl(DEMO_PREVIEW_BUCKET)}pr-${number}/`;

    // Its own config: the preview's secrets, none of production's (neither as a name nor as a value).
    expect(app.configVars.JWT_SECRET).toBe(secrets.previewJwt);
    expect(app.configVars.SEED_PASSWORD).toBe(secrets.previewSeed);
    expect(app.configVars.CORS_ORIGIN).toBe(new URL(previewSite).origin);
    expect(Object.values(app.configVars)).not.toContain(secrets.prodJwt);
    expect(Object.values(app.configVars)).not.toContain(secrets.prodSeed);

    // Its database: migrated by its release phase and seeded with its own demo data; production's rows are not there.
    const tables = await query<{ tablename: string }>(previewDb.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.tablename)).not.toContain('production_orders');
    expect((await query<{ n: string }>(previewDb.url, 'SELECT count(*) AS n FROM users'))[0]!.n).toBe('1');
    const signIn = (password: string) =>
      fetch(`${previewBackend}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password }),
      });
    const asPreview = await signIn(secrets.previewSeed);
    expect(asPreview.status).toBe(200);
    await answer(asPreview);
    expect((await signIn(secrets.prodSeed)).status).toBe(401);

    const objects = await s3Objects(DEMO_PREVIEW_BUCKET, `pr-${number}/`);
    expect(Object.keys(objects)).toContain(`pr-${number}/index.html`);
    const comment = await sandbox.github.waitFor(() => previewComment().find((c) => c.body.includes('✅ live')), {
      what: 'the preview comment',
      timeoutMs: 60_000,
    });
    expect(comment.body).toContain(previewSite);
    expect(comment.body).toContain(previewBackend);
  }, 300_000);

  it('updates on a push: the same app and database, the new frontend under the prefix, the comment edited', async () => {
    const index = await readFile(new URL('../../deploy-targets/cargo-express/web/index.html', import.meta.url), 'utf8');
    const sha = sandbox.github.commit(owner, repo, {
      branch: 'try-preview',
      files: {
        'deploy-targets/cargo-express/web/index.html': index.replace(
          '<h1>Cargo Express · Monitoreo de entregas</h1>',
          '<h1>Cargo Express · Vista previa</h1>',
        ),
      },
      author: 'ana',
    });
    await sandbox.github.pullRequestEvent(owner, repo, number, 'synchronize');
    const deployment = await finished(sha);
    expect(deployment.statuses.at(-1)?.state, deployment.statuses.at(-1)?.description).toBe('success');
    expect(sandbox.heroku.app(previewApp).database?.name).toBe(previewDb.name);
    expect(sandbox.heroku.app(previewApp).releases.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(2);
    await sandbox.github.waitFor(() => previewComment().find((c) => c.body.includes(sha.slice(0, 7))), {
      what: 'the comment edited with the pushed commit',
      timeoutMs: 60_000,
    });
    expect(previewComment()).toHaveLength(1);
  }, 300_000);

  it("in Chromium: the preview's frontend signs in and calls the preview's backend, never production's", async () => {
    const prodBackend = sandbox.heroku.app(PROD_APP).webUrl.replace(/\/+$/, '');
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const calls: string[] = [];
      const failed: string[] = [];
      page.on('request', (r) => calls.push(`${r.method()} ${r.url()}`));
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
      page.on('response', (r) => {
        if (r.url().startsWith(previewBackend) || r.url().startsWith(previewSite)) {
          void r.text().then(
            (t) => answers.push(t),
            () => undefined,
          );
        }
      });
      await page.goto(previewSite);
      expect(await page.locator('h1').textContent()).toBe('Cargo Express · Vista previa');
      await page.getByTestId('login-form').waitFor({ state: 'visible', timeout: 15_000 });
      await page.getByTestId('username').fill('demo');
      await page.getByTestId('password').fill(secrets.previewSeed);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('dashboard').waitFor({ state: 'visible', timeout: 15_000 });
      await expect.poll(() => page.getByTestId('metric-today').textContent(), { timeout: 20_000 }).toMatch(/^\$\s/);
      await expect.poll(() => page.getByTestId('orders-table').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);

      expect(calls).toContain(`POST ${previewBackend}/token`);
      expect(calls).toContain(`GET ${previewBackend}/metrics`);
      expect(calls.filter((c) => c.includes(prodBackend))).toEqual([]);
      expect(calls.filter((c) => c.includes(sandbox.s3.websiteUrl(PROD_BUCKET)))).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('closes: the app, its database and role, and the prefix are gone; production is as it was; no production secret was answered', async () => {
    await sandbox.github.closePullRequest(owner, repo, number);
    await sandbox.github.waitFor(() => previewComment().find((c) => c.body.includes('torn down')), {
      what: 'the teardown',
      timeoutMs: 120_000,
    });
    expect(sandbox.heroku.hasApp(previewApp)).toBe(false);
    expect((await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [previewDb.name])).rows).toEqual([]);
    expect((await adminQuery('SELECT 1 FROM pg_roles WHERE rolname = $1', [previewDb.role])).rows).toEqual([]);
    expect(await s3Objects(DEMO_PREVIEW_BUCKET, `pr-${number}/`)).toEqual({});
    const previews = sandbox.github.deployments(owner, repo).filter((d) => d.environment === `pr-${number}`);
    expect(previews).toHaveLength(2);
    for (const d of previews) expect(d.statuses.at(-1)?.state).toBe('inactive');
    expect(previewComment()).toHaveLength(1);

    // Production: same releases, config vars, database content and bucket.
    const prod = sandbox.heroku.app(PROD_APP);
    expect(prod.releases).toHaveLength(prodBefore.releases);
    expect(prod.configVars).toEqual(prodBefore.configVars);
    const prodTables = await query<{ tablename: string }>(prod.databaseUrl!, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(prodTables.map((t) => t.tablename)).toEqual(['production_orders']);
    expect(await query(prod.databaseUrl!, 'SELECT id FROM production_orders')).toEqual([{ id: 'prod-only-order' }]);
    expect(await s3Objects(PROD_BUCKET)).toEqual(prodBefore.objects);
    expect(sandbox.github.deployments(owner, repo).filter((d) => d.environment === 'cargo-express-production')).toEqual([]);

    // Nothing the preview answered, nor the comment or its deployments' statuses, holds a production secret.
    const said = [
      ...answers,
      ...previewComment().map((c) => c.body),
      ...previews.flatMap((d) => d.statuses.map((s) => `${s.description} ${s.logUrl}`)),
    ].join('\n');
    expect(answers.length).toBeGreaterThan(2);
    expect(said).not.toContain(secrets.prodJwt);
    expect(said).not.toContain(secrets.prodSeed);
  }, 180_000);
});
