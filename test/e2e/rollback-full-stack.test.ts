import { GetObjectCommand, ListObjectsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from '../../sandbox/read-tree.ts';
import { sandboxClient } from '../../sandbox/s3/index.ts';
import { startSandbox, type Sandbox } from '../../sandbox/stack.ts';
import { fetchRunwayPage } from '../../sandbox/runway-pages.ts';

const BUCKET = 'rollback-site';
const APP = 'rollback-full';

/** Every object of the site (Runway's own manifests aside), as key → bytes. */
async function siteObjects(sandbox: Sandbox): Promise<Map<string, string>> {
  const s3 = sandboxClient(sandbox.s3.endpoint);
  const listed = await s3.send(new ListObjectsCommand({ Bucket: BUCKET }));
  const objects = new Map<string, string>();
  for (const { Key } of listed.Contents ?? []) {
    if (!Key || Key.startsWith('.runway/')) continue;
    const body = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    objects.set(Key, Buffer.from(await body.Body!.transformToByteArray()).toString('base64'));
  }
  s3.destroy();
  return objects;
}

describe('/rollback of a backend on Heroku and a frontend on S3', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ buckets: [BUCKET], herokuApps: [{ name: APP }] });
    const config = `environments:
  production:
    branch: main
    backend: { provider: heroku, app: ${APP}, path: api, healthcheck: /healthz }
    frontend:
      provider: s3
      path: web
      build: node build.mjs
      env:
        VITE_API_URL: \${{ backend.url }}
      bucket: ${BUCKET}
      site_url: ${sandbox.s3.websiteUrl(BUCKET)}
`;
    sandbox.github.createRepo({
      owner: 'acme',
      name: 'shop',
      files: {
        '.github/deploy.yml': config,
        ...(await readTree('fixtures/heroku-apps/good-v1', 'api')),
        ...(await readTree('fixtures/sites/hello-api', 'web')),
      },
    });
    sandbox.github.setPermission('acme', 'shop', 'writer', 'write');
  }, 120_000);
  afterAll(async () => {
    if (process.env.DEBUG_ROLLBACK) {
      console.log(
        JSON.stringify(
          sandbox.github.comments('acme', 'shop', 1).map((c) => [c.user, c.body]),
          null,
          1,
        ),
      );
      console.log(
        JSON.stringify(
          sandbox.github.deployments('acme', 'shop').map((d) => [d.sha, d.task, d.statuses.map((s) => s.state + ':' + s.description)]),
          null,
          1,
        ),
      );
    }
    await sandbox?.close();
  });

  const finished = (sha: string, task = 'deploy') =>
    sandbox.github.waitFor(
      () =>
        sandbox.github
          .deployments('acme', 'shop')
          .find((d) => d.sha === sha && d.task === task && d.statuses.some((s) => ['success', 'failure', 'error'].includes(s.state))),
      { what: `${task} of ${sha.slice(0, 7)}`, timeoutMs: Number(process.env.ROLLBACK_WAIT_MS ?? 180_000) },
    );
  const served = async () =>
    ((await (await fetch(`${sandbox.heroku.app(APP).webUrl.replace(/\/$/, '')}/`)).json()) as { version: string }).version;

  it('puts the previous release back: the backend release, and the site byte for byte without a build', { timeout: 300_000 }, async () => {
    const { github } = sandbox;
    await github.comment('acme', 'shop', 1, { user: 'writer', body: '/deploy main to production' });
    const first = await finished(github.branchSha('acme', 'shop', 'main'));
    expect(first.statuses.map((s) => s.state)).toContain('success');
    expect(await served()).toBe('v1');
    const siteV1 = await siteObjects(sandbox);
    expect([...siteV1.keys()].some((k) => /^assets\/app-.+\.js$/.test(k))).toBe(true);

    const v2 = await readTree('fixtures/heroku-apps/good-v2', 'api');
    const gone = Object.keys(await readTree('fixtures/heroku-apps/good-v1', 'api')).filter((k) => !(k in v2));
    github.commit('acme', 'shop', {
      branch: 'main',
      files: {
        ...v2,
        ...Object.fromEntries(gone.map((k) => [k, null])),
        'web/src/app.js': `${(await readTree('fixtures/sites/hello-api/src'))['app.js']}\n// v2\n`,
      },
    });
    await github.comment('acme', 'shop', 1, { user: 'writer', body: '/deploy main to production' });
    const second = await finished(github.branchSha('acme', 'shop', 'main'));
    expect(second.statuses.map((s) => s.state)).toContain('success');
    expect(await served()).toBe('v2');
    expect(await siteObjects(sandbox)).not.toEqual(siteV1);

    await github.comment('acme', 'shop', 1, { user: 'writer', body: '/rollback production' });
    const rollback = await finished(first.sha, 'deploy:rollback');
    expect(rollback.statuses.at(-1)?.state).toBe('success');
    expect(await served()).toBe('v1');
    expect(await siteObjects(sandbox)).toEqual(siteV1);

    const log = await (
      await fetchRunwayPage(sandbox.runway.url, rollback.statuses.at(-1)!.logUrl, {
        headers: { accept: 'text/plain' },
      })
    ).text();
    expect(log).toMatch(/succeeded\s+backend\.rollback/);
    expect(log).toMatch(/succeeded\s+frontend\.restore/);
    expect(log).not.toMatch(/frontend\.build|backend\.build/);
  });

  it(
    'answers /deploy --dry-run with the files the sync would upload, and changes nothing in GitHub, Heroku or S3',
    { timeout: 300_000 },
    async () => {
      const { github } = sandbox;
      const app = (await readTree('fixtures/sites/hello-api/src'))['app.js']!;
      github.commit('acme', 'shop', { branch: 'main', files: { 'web/src/app.js': `${app}\n// v3\n` } });
      const before = {
        deployments: github.deployments('acme', 'shop').length,
        releases: sandbox.heroku.app(APP).releases.length,
        site: await siteObjects(sandbox),
      };
      await github.comment('acme', 'shop', 1, { user: 'writer', body: '/deploy main to production --dry-run' });
      const reply = await github.waitFor(
        () => github.comments('acme', 'shop', 1).find((c) => c.user === 'runway[bot]' && c.body.includes('**Dry run:**')),
        {
          what: 'the dry-run reply',
          timeoutMs: 180_000,
        },
      );
      expect(reply.body).toContain('`backend.release`');
      expect(reply.body).toMatch(/`frontend\.sync` would upload 2 files \([\d.]+ KiB\) to s3:\/\/rollback-site\/, delete 1, /);
      expect(reply.body).toMatch(/- upload `assets\/app-[\w-]+\.js` \(new, public, max-age=31536000, immutable\)/);
      expect(reply.body).toMatch(/- upload `index\.html` \(changed, no-cache\)/);
      expect(reply.body).toContain('Nothing was changed');
      expect(github.deployments('acme', 'shop')).toHaveLength(before.deployments);
      expect(sandbox.heroku.app(APP).releases).toHaveLength(before.releases);
      expect(await siteObjects(sandbox)).toEqual(before.site);
    },
  );
});
