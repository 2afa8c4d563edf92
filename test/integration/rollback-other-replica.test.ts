import { GetObjectCommand, ListObjectsCommand } from '@aws-sdk/client-s3';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { spawnRunway, type RunwayProcess } from '../../sandbox/runway-process.ts';
import { sandboxRunwayEnv } from '../../sandbox/runway-env.ts';
import { sandboxClient, startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { storeFor, type EngineStore } from '../support/engines.ts';

const SITE = 'shop-site';
const ARTIFACTS = 'runway-artifacts';

/** Every object of a bucket, as key → bytes (base64). */
async function objects(s3: S3Server, bucket: string): Promise<Map<string, string>> {
  const client = sandboxClient(s3.endpoint);
  const listed = await client.send(new ListObjectsCommand({ Bucket: bucket }));
  const found = new Map<string, string>();
  for (const { Key } of listed.Contents ?? []) {
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: Key! }));
    found.set(Key!, Buffer.from(await body.Body!.transformToByteArray()).toString('base64'));
  }
  client.destroy();
  return found;
}

describe('kept builds in the artifacts bucket', () => {
  let github: FakeGitHub;
  let s3: S3Server;
  let store: EngineStore;
  const replicas: RunwayProcess[] = [];
  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'artifacts-secret', strictTokens: true });
    store = await storeFor('postgres');
    s3 = await startS3Server({ directory: path.join(store.dataDir, 's3'), buckets: [SITE], privateBuckets: [ARTIFACTS] });
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await github?.close();
    await s3?.close();
    await store?.cleanup();
  });

  const replica = async (name: string) => {
    const env = sandboxRunwayEnv({
      github,
      dataDir: path.join(store.dataDir, name),
      databaseUrl: store.databaseUrl,
      s3Endpoint: s3.endpoint,
      extra: { RUNWAY_ARTIFACTS_BUCKET: ARTIFACTS },
    });
    const runway = await spawnRunway(env);
    replicas.push(runway);
    github.setWebhookTarget(`${runway.url}/api/github/webhooks`);
    return runway;
  };
  const finished = (sha: string, task = 'deploy') =>
    github.waitFor(
      () =>
        github
          .deployments('acme', 'shop')
          .find((d) => d.sha === sha && d.task === task && d.statuses.some((s) => ['success', 'failure', 'error'].includes(s.state))),
      { what: `${task} of ${sha.slice(0, 7)}`, timeoutMs: 180_000 },
    );

  it(
    'a replica that did not build rolls the site back byte for byte; the website never serves the manifest',
    { timeout: 600_000 },
    async () => {
      const config = `environments:
  production:
    branch: main
    frontend: { provider: s3, path: web, output: public, bucket: ${SITE}, site_url: ${s3.websiteUrl(SITE)} }
`;
      github.createRepo({
        owner: 'acme',
        name: 'shop',
        files: {
          '.github/deploy.yml': config,
          'web/public/index.html': '<h1>v1</h1>',
          'web/public/old.css': 'body { color: red }',
          'web/public/logo.bin': Buffer.from([0, 1, 2, 255, 254]).toString('latin1'),
        },
      });
      github.setPermission('acme', 'shop', 'writer', 'write');
      const builder = await replica('builder');

      await github.comment('acme', 'shop', 1, { user: 'writer', body: '/deploy main to production' });
      const first = await finished(github.branchSha('acme', 'shop', 'main'));
      expect(first.statuses.at(-1)?.state).toBe('success');
      const siteV1 = await objects(s3, SITE);
      expect([...siteV1.keys()].sort()).toEqual(['index.html', 'logo.bin', 'old.css']);

      github.commit('acme', 'shop', {
        branch: 'main',
        files: { 'web/public/index.html': '<h1>v2</h1>', 'web/public/old.css': null, 'web/public/new.css': 'body {}' },
      });
      await github.comment('acme', 'shop', 1, { user: 'writer', body: '/deploy main to production' });
      const second = await finished(github.branchSha('acme', 'shop', 'main'));
      expect(second.statuses.at(-1)?.state).toBe('success');
      expect(await objects(s3, SITE)).not.toEqual(siteV1);

      // Runway's own files are in the private bucket only; the website answers 404 for the old place.
      const artifacts = [...(await objects(s3, ARTIFACTS)).keys()];
      expect(artifacts).toContain('acme/shop/production/current.json');
      expect(artifacts).toContain(`acme/shop/production/builds/${first.sha}/kept.json`);
      expect([...(await objects(s3, SITE)).keys()].some((k) => k.includes('.runway') || k.includes('manifest'))).toBe(false);
      expect((await fetch(new URL('.runway/current.json', s3.websiteUrl(SITE)))).status).toBe(404);

      // The builder goes away with its disk; another replica with an empty data directory takes over.
      await builder.stop();
      await rm(path.join(store.dataDir, 'builder'), { recursive: true, force: true });
      await replica('other');
      await github.comment('acme', 'shop', 1, { user: 'writer', body: `/rollback production to ${first.sha.slice(0, 7)}` });
      const rollback = await finished(first.sha, 'deploy:rollback');
      expect(rollback.statuses.at(-1)).toMatchObject({ state: 'success' });
      expect(await objects(s3, SITE)).toEqual(siteV1);
      expect(await (await fetch(new URL('index.html', s3.websiteUrl(SITE)))).text()).toBe('<h1>v1</h1>');
    },
  );
});
