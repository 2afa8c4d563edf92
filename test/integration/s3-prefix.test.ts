import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentManifestKey, releaseManifestKey } from '../../src/artifacts/artifact-location.ts';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { s3Provider } from '../../src/providers/s3/index.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { readBucket, s3Config, s3Deps, sandboxClient, tempRoot } from '../support/s3-site.ts';

describe('a site under a prefix of a shared bucket, keeping stale files', () => {
  let root: string;
  let server: S3Server;

  beforeAll(async () => {
    root = await tempRoot('s3-prefix');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['shared'] });
    await sandboxClient(server.endpoint).send(new PutObjectCommand({ Bucket: 'shared', Key: 'other/keep.txt', Body: 'another site' }));
    await sandboxClient(server.endpoint).send(
      new PutObjectCommand({ Bucket: 'shared', Key: 'application.txt', Body: 'outside the prefix too' }),
    );
    // Where Runway 0.1 kept its manifests, served by the website to anyone.
    await sandboxClient(server.endpoint).send(new PutObjectCommand({ Bucket: 'shared', Key: 'app/.runway/current.json', Body: '{}' }));
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function deploy(sha: string, files: Record<string, string>) {
    const source = join(root, sha);
    for (const [name, body] of Object.entries(files)) {
      await mkdir(join(source, 'out', name, '..'), { recursive: true });
      await writeFile(join(source, 'out', name), body);
    }
    const config = s3Config({
      output: 'out',
      bucket: 'shared',
      prefix: 'app',
      keep_stale_seconds: 3600,
      endpoint: server.endpoint,
      force_path_style: true,
    });
    const deps = s3Deps(join(root, 'work'));
    const { ctx } = s3StepContext({ sourceDir: source, sha });
    for (const step of s3Provider.steps(config, deps, 'frontend')) await step.run(ctx);
    return deps;
  }

  it('touches only keys under the prefix, and keeps a stale file with the time it became stale', async () => {
    const sha1 = fakeSha('prefix-1');
    const sha2 = fakeSha('prefix-2');
    await deploy(sha1, { 'index.html': '<p>one</p>', 'a.txt': 'a' });
    const startedAt = Date.now();
    const deps = await deploy(sha2, { 'index.html': '<p>two</p>', 'b.txt': 'b' });

    const objects = await readBucket(sandboxClient(server.endpoint), 'shared');
    // Runway's own files are not in the site's bucket (the 0.1 folder was removed): only in its artifact store.
    expect([...objects.keys()].sort()).toEqual(['app/a.txt', 'app/b.txt', 'app/index.html', 'application.txt', 'other/keep.txt']);
    const site = { owner: 'acme', repo: 'shop', environment: 'production' };
    const current = JSON.parse((await deps.artifacts.get(currentManifestKey(site)))!.toString());
    expect(current).toMatchObject({ sha: sha2, previous: sha1, prefix: 'app/' });
    expect(Object.keys(current.files).sort()).toEqual(['app/b.txt', 'app/index.html']);
    expect(Object.keys(current.stale)).toEqual(['app/a.txt']);
    expect(Date.parse(current.stale['app/a.txt'])).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(current.files['app/index.html']).toEqual({
      md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: 10,
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-cache',
    });
    expect(JSON.parse((await deps.artifacts.get(releaseManifestKey(site, sha2)))!.toString())).toEqual(current);
    expect(JSON.parse((await deps.artifacts.get(releaseManifestKey(site, sha1)))!.toString())).toMatchObject({ sha: sha1, previous: null });
  });
});
