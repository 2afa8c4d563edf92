import { readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import type { Step } from '../../src/deployments/step.ts';
import { planSync, restoreRelease, s3Provider } from '../../src/providers/s3/index.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { currentManifestKey, keptBuildFilesFolder } from '../../src/artifacts/artifact-location.ts';
import { checkoutFixture, loopback, readBucket, s3Config, s3Deps, sandboxClient, tempRoot } from '../support/s3-site.ts';

const sha1 = fakeSha('release-1');
const sha2 = fakeSha('release-2');

describe('s3 provider against s3rver', () => {
  let root: string;
  let server: S3Server;
  let checkout: string;
  let marker: string;
  let config: ReturnType<typeof s3Config>;
  let deps: ReturnType<typeof s3Deps>;
  const client = () => sandboxClient(server.endpoint);
  const snapshots = new Map<string, Awaited<ReturnType<typeof readBucket>>>();

  beforeAll(async () => {
    root = await tempRoot('s3-sync');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['site'] });
    checkout = await checkoutFixture(root);
    // In the checkout: the build runs in the sandbox, where the checkout is the only writable place.
    marker = join(checkout, 'builds.log');
    config = s3Config({
      build: 'node build.mjs',
      output: 'dist',
      env: { VITE_API_URL: '${{ backend.url }}', BUILD_MARKER: marker },
      bucket: 'site',
      endpoint: server.endpoint,
      force_path_style: true,
      site_url: server.websiteUrl('site'),
      concurrency: 4,
    });
    deps = s3Deps(join(root, 'work'));
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function deploy(sha: string) {
    const test = s3StepContext({ sourceDir: checkout, sha, outputs: { 'backend.url': 'http://api.example.test' } });
    const steps = s3Provider.steps(config, deps, 'frontend');
    for (const step of steps) {
      const outcome = await step.run(test.ctx);
      for (const [name, value] of Object.entries(outcome?.outputs ?? {})) test.ctx.outputs.set(name, value);
    }
    return { ...test, steps };
  }

  const siteWrites = () =>
    server.requestLog.filter((e) => e.via === 'api' && (e.method === 'PUT' || e.method === 'POST' || e.method === 'DELETE'));
  const builds = async () => (await readFile(marker, 'utf8')).trim().split('\n').length;

  it('first deploy uploads every file with its Content-Type and Cache-Control, HTML after the assets', async () => {
    server.clearRequestLog();
    const { steps, ctx, lines, secrets } = await deploy(sha1);
    expect(steps.map((s: Step) => s.name)).toEqual(['frontend.build', 'frontend.sync', 'frontend.smoke']);
    expect(ctx.outputs.get('frontend.url')).toBe(config.site_url);
    expect(secrets).toContain('S3RVER');
    expect(lines).toContain(`built 3 files for http://api.example.test`);

    const objects = await readBucket(client(), 'site');
    snapshots.set(sha1, objects);
    const siteKeys = [...objects.keys()].filter((k) => !k.startsWith('.runway/')).sort();
    expect(siteKeys).toEqual([
      expect.stringMatching(/^assets\/app-[\w-]{8}\.js$/),
      expect.stringMatching(/^assets\/style-[\w-]{8}\.css$/),
      'index.html',
      'logo.svg',
      'robots.txt',
    ]);
    // The release manifest is in Runway's artifact store, not where the website would serve it.
    expect([...objects.keys()].filter((k) => k.startsWith('.runway/'))).toEqual([]);
    const site = { owner: 'acme', repo: 'shop', environment: 'production' };
    expect(JSON.parse((await deps.artifacts.get(currentManifestKey(site)))!.toString())).toMatchObject({ sha: sha1, previous: null });
    expect(await deps.artifacts.list(keptBuildFilesFolder(site, sha1))).toHaveLength(siteKeys.length);

    const dist = join(checkout, 'dist');
    for (const key of siteKeys) expect(objects.get(key)?.body.equals(await readFile(join(dist, key))), key).toBe(true);
    const headers = (key: string) => ({ type: objects.get(key)?.contentType, cache: objects.get(key)?.cacheControl });
    const [app, style] = siteKeys as [string, string];
    expect(headers('index.html')).toEqual({ type: 'text/html; charset=utf-8', cache: 'no-cache' });
    expect(headers(app)).toEqual({ type: 'text/javascript; charset=utf-8', cache: 'public, max-age=31536000, immutable' });
    expect(headers(style)).toEqual({ type: 'text/css; charset=utf-8', cache: 'public, max-age=31536000, immutable' });
    expect(headers('logo.svg')).toEqual({ type: 'image/svg+xml', cache: 'no-cache' });
    expect(headers('robots.txt')).toEqual({ type: 'text/plain; charset=utf-8', cache: 'no-cache' });
    expect((await readFile(join(dist, app), 'utf8')).includes("const api = 'http://api.example.test'")).toBe(true);

    const writes = siteWrites().filter((e) => !e.key.startsWith('.runway/'));
    expect(writes.map((e) => e.key).sort()).toEqual(siteKeys);
    const html = writes.find((e) => e.key === 'index.html')!;
    for (const asset of writes.filter((e) => e.key !== 'index.html')) expect(asset.ended).toBeLessThan(html.started);
    expect(lines.some((l) => /^assets: uploaded 4\/4 files/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('serves the new build'))).toBe(true);
  });

  it('a dry run lists what a rebuilt site would upload and delete, and writes nothing', async () => {
    await appendFile(join(checkout, 'src/style.css'), 'h1 { color: rebeccapurple; }\n');
    await writeFile(marker, (await readFile(marker, 'utf8')) + 'dry-run build (by the test)\n');
    const { execFileSync } = await import('node:child_process');
    execFileSync('node', ['build.mjs'], {
      cwd: checkout,
      env: { ...process.env, VITE_API_URL: 'http://api.example.test', BUILD_MARKER: '' },
    });
    server.clearRequestLog();

    const plan = await planSync(config, deps, { owner: 'acme', repo: 'shop', environment: 'production' }, join(checkout, 'dist'), {
      network: loopback,
    });

    expect(plan.target).toBe('s3://site/');
    expect(plan.upload.map((u) => [u.key, u.reason])).toEqual([
      [expect.stringMatching(/^assets\/style-/), 'new'],
      ['index.html', 'changed'],
    ]);
    expect(plan.delete).toEqual([[...snapshots.get(sha1)!.keys()].find((k) => k.startsWith('assets/style-'))]);
    expect(plan.unchanged).toBe(3);
    expect(siteWrites()).toEqual([]);
  });

  it('a rebuilt site with one changed file uploads it and the HTML only, and deletes the stale file last', async () => {
    server.clearRequestLog();
    const buildsBefore = await builds();
    await deploy(sha2);
    expect(await builds()).toBe(buildsBefore + 1);

    const objects = await readBucket(client(), 'site');
    snapshots.set(sha2, objects);
    const before = snapshots.get(sha1)!;
    const oldStyle = [...before.keys()].find((k) => k.startsWith('assets/style-'))!;
    const newStyle = [...objects.keys()].find((k) => k.startsWith('assets/style-'))!;
    expect(newStyle).not.toBe(oldStyle);
    expect(objects.has(oldStyle)).toBe(false);

    const writes = siteWrites();
    const puts = writes.filter((e) => e.method === 'PUT' && !e.key.startsWith('.runway/')).map((e) => e.key);
    expect(puts).toEqual([newStyle, 'index.html']);
    const deletes = writes.filter((e) => e.method === 'POST' && e.query.startsWith('delete'));
    expect(deletes).toHaveLength(1);
    // Deletes come after every other write has finished: the HTML and the manifests.
    for (const other of writes.filter((e) => e !== deletes[0])) expect(other.ended).toBeLessThan(deletes[0]!.started);
    expect(writes.at(-1)).toBe(deletes[0]);
  });

  it('undo restores the previous release byte for byte from its kept build, without building', async () => {
    const buildsBefore = await builds();
    server.clearRequestLog();
    const { ctx, lines } = s3StepContext({ sourceDir: checkout, sha: sha2 });
    const sync = s3Provider.steps(config, deps, 'frontend').find((s) => s.name === 'frontend.sync')!;

    const outcome = await sync.undo!(ctx);

    expect(outcome?.summary).toBe(`frontend restored to ${sha1.slice(0, 7)}`);
    expect(await builds()).toBe(buildsBefore);
    expect(lines).toContain(`restoring ${sha1.slice(0, 7)} from its kept build`);
    const restored = await readBucket(client(), 'site');
    const siteOnly = (m: Map<string, { body: Buffer }>) =>
      [...m].filter(([k]) => !k.startsWith('.runway/')).map(([k, v]) => [k, v.body.toString('base64')]);
    expect(siteOnly(restored)).toEqual(siteOnly(snapshots.get(sha1)!));
    const site = await fetch(server.websiteUrl('site'));
    expect(Buffer.from(await site.arrayBuffer()).equals(snapshots.get(sha1)!.get('index.html')!.body)).toBe(true);
  });

  it('restoreRelease rolls the site to any kept release', async () => {
    const buildsBefore = await builds();
    const lines: string[] = [];
    const result = await restoreRelease({
      config,
      deps,
      site: { owner: 'acme', repo: 'shop', environment: 'production' },
      sha: sha2,
      log: { line: (l) => lines.push(l) },
      signal: new AbortController().signal,
      network: loopback,
    });

    expect(result).toMatchObject({ uploaded: 2, deleted: 1, unchanged: 3, previous: sha1 });
    expect(await builds()).toBe(buildsBefore);
    const siteOnly = (m: Map<string, { body: Buffer }>) =>
      [...m].filter(([k]) => !k.startsWith('.runway/')).map(([k, v]) => [k, v.body.toString('base64')]);
    expect(siteOnly(await readBucket(client(), 'site'))).toEqual(siteOnly(snapshots.get(sha2)!));
    await expect(
      restoreRelease({
        config,
        deps,
        site: { owner: 'acme', repo: 'shop', environment: 'production' },
        sha: fakeSha('never-built'),
        log: { line: () => undefined },
        signal: new AbortController().signal,
        network: loopback,
      }),
    ).rejects.toThrow(/no kept build of 6e65766/);
  });
});
