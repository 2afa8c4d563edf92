import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials, startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { currentManifestKey, syncRecordKey } from '../../src/artifacts/artifact-location.ts';
import { localArtifactStore } from '../../src/artifacts/local-artifact-store.ts';
import { createS3Client } from '../../src/providers/s3/client.ts';
import { syncRelease, type SyncRequest } from '../../src/providers/s3/sync-release.ts';
import { s3Target } from '../../src/providers/s3/target.ts';
import { fakeSha } from '../support/s3-step-context.ts';
import { loopback, readBucket, s3Config, sandboxClient, tempRoot } from '../support/s3-site.ts';

const site = { owner: 'acme', repo: 'shop', environment: 'production' };
const release1 = { 'index.html': '<script src="/assets/app-Ab12Cd34.js"></script>', 'assets/app-Ab12Cd34.js': 'one()' };
const release2 = { 'index.html': '<script src="/assets/app-Ef56Gh78.js"></script>', 'assets/app-Ef56Gh78.js': 'two()' };

describe('the live manifest standing for a bucket listing', () => {
  let root: string;
  let server: S3Server;
  let artifacts: ReturnType<typeof localArtifactStore>;
  let bucket = 0;

  beforeAll(async () => {
    root = await tempRoot('s3-trusted');
    server = await startS3Server({
      directory: join(root, 's3rver'),
      buckets: ['site1', 'site2', 'site3', 'site4', 'site5', 'site6', 'site7'],
    });
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  /** A fresh bucket, artifact store and build folder for one test. */
  function setup(section: Record<string, unknown> = {}) {
    bucket++;
    const name = `site${bucket}`;
    const config = s3Config({ bucket: name, endpoint: server.endpoint, force_path_style: true, concurrency: 4, ...section });
    artifacts = localArtifactStore(join(root, `artifacts-${name}`));
    const dir = join(root, `dist-${name}`);
    const lines: string[] = [];
    const sync = async (files: Record<string, string>, sha: string, extra: Partial<SyncRequest> = {}) => {
      await rm(dir, { recursive: true, force: true });
      for (const [key, body] of Object.entries(files)) {
        await mkdir(dirname(join(dir, key)), { recursive: true });
        await writeFile(join(dir, key), body);
      }
      const target = s3Target(config, {});
      const client = createS3Client(config, target, sandboxCredentials, loopback);
      try {
        return await syncRelease({
          client,
          target,
          config,
          dir,
          sha,
          artifacts,
          site,
          log: { line: (l) => lines.push(l) },
          signal: new AbortController().signal,
          ...extra,
        });
      } finally {
        client.destroy();
      }
    };
    const requests = () => server.requestLog.filter((e) => e.via === 'api' && e.bucket === name);
    const listings = () => requests().filter((e) => e.method === 'GET' && e.key === '');
    const keys = async () => [...(await readBucket(sandboxClient(server.endpoint), name)).keys()].sort();
    return { name, config, sync, requests, listings, keys, lines };
  }

  it('a resync of the live release reads one object, lists nothing and writes nothing', async () => {
    const s = setup();
    expect((await s.sync(release1, fakeSha('r1'))).listed).toBe(true);
    const record = await artifacts.get(syncRecordKey(site));
    server.clearRequestLog();

    const result = await s.sync(release1, fakeSha('r1'));

    expect(result).toMatchObject({ listed: false, uploaded: 0, deleted: 0, unchanged: 2 });
    expect(s.requests().map((e) => `${e.method} ${e.key}`)).toEqual(['HEAD index.html']);
    expect(await artifacts.get(syncRecordKey(site))).toEqual(record);
    expect(s.lines.at(-2)).toMatch(/^bucket contents from the live manifest/);
  });

  it("a rebuild uploads and deletes from the manifest's account, without a listing", async () => {
    const s = setup();
    await s.sync(release1, fakeSha('r1'));
    server.clearRequestLog();

    const result = await s.sync(release2, fakeSha('r2'));

    expect(result).toMatchObject({ listed: false, uploaded: 2, deleted: 1, unchanged: 0, previous: fakeSha('r1') });
    expect(s.listings()).toEqual([]);
    expect(await s.keys()).toEqual(['assets/app-Ef56Gh78.js', 'index.html']);
  });

  it('a manifest that is not the one Runway left makes the sync list, and a file added by hand goes as stale', async () => {
    const s = setup();
    await s.sync(release1, fakeSha('r1'));
    await sandboxClient(server.endpoint).send(new PutObjectCommand({ Bucket: s.name, Key: 'by-hand.txt', Body: 'x' }));
    // Same content, other bytes: someone rewrote the live manifest.
    const manifest = JSON.parse((await artifacts.get(currentManifestKey(site)))!.toString());
    await artifacts.put(currentManifestKey(site), JSON.stringify(manifest));
    server.clearRequestLog();

    const result = await s.sync(release1, fakeSha('r1'));

    expect(result).toMatchObject({ listed: true, deleted: 1 });
    expect(s.listings()).toHaveLength(1);
    expect(s.lines).toContain('listing the bucket: the live manifest is not the one Runway left after its last complete sync');
    expect(await s.keys()).toEqual(['assets/app-Ab12Cd34.js', 'index.html']);
  });

  it('an entry page changed or removed outside Runway makes the sync list and put it back', async () => {
    const s = setup();
    await s.sync(release1, fakeSha('r1'));
    await sandboxClient(server.endpoint).send(new DeleteObjectCommand({ Bucket: s.name, Key: 'index.html' }));

    const result = await s.sync(release1, fakeSha('r1'));

    expect(result).toMatchObject({ listed: true, uploaded: 1 });
    expect(s.lines).toContain('listing the bucket: index.html is missing from the bucket');
    expect(await s.keys()).toEqual(['assets/app-Ab12Cd34.js', 'index.html']);
  });

  it('a sync stopped after its first write leaves no record: the next one lists and removes what it put there', async () => {
    const s = setup();
    await s.sync(release1, fakeSha('r1'));
    const stop = new AbortController();
    const stopping = s.sync(release2, fakeSha('r2'), {
      signal: stop.signal,
      log: { line: (l) => (l.startsWith('assets: uploaded') ? stop.abort(new Error('cancelled')) : undefined) },
    });
    await expect(stopping).rejects.toThrow();
    expect(await s.keys()).toContain('assets/app-Ef56Gh78.js');
    expect(await artifacts.get(syncRecordKey(site))).toBeUndefined();

    const result = await s.sync(release1, fakeSha('r1'));

    expect(result).toMatchObject({ listed: true, deleted: 1 });
    expect(await s.keys()).toEqual(['assets/app-Ab12Cd34.js', 'index.html']);
  });

  it('verify, verify_hours: 0 and a last listing older than verify_hours each list the bucket', async () => {
    const s = setup({ verify_hours: 2 });
    await s.sync(release1, fakeSha('r1'));
    expect((await s.sync(release1, fakeSha('r1'), { verify: true })).listed).toBe(true);
    expect(s.lines).toContain('listing the bucket: verification asked for');
    const inAnHour = new Date(Date.now() + 3_600_000);
    expect((await s.sync(release1, fakeSha('r1'), { now: () => inAnHour })).listed).toBe(false);
    const later = new Date(Date.now() + 3 * 3_600_000);
    expect((await s.sync(release1, fakeSha('r1'), { now: () => later })).listed).toBe(true);
    expect(s.lines.some((l) => /^listing the bucket: last listed .*, over 2 h ago$/.test(l))).toBe(true);
    // That listing renewed the record: an hour after it, the manifest stands for the bucket again.
    const afterThat = new Date(later.getTime() + 3_600_000);
    expect((await s.sync(release1, fakeSha('r1'), { now: () => afterThat })).listed).toBe(false);

    const always = setup({ verify_hours: 0 });
    await always.sync(release1, fakeSha('r1'));
    expect((await always.sync(release1, fakeSha('r1'))).listed).toBe(true);
    expect(always.lines).toContain('listing the bucket: verify_hours is 0');
  });
});
