import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { getEventListeners } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { planSync, s3Provider } from '../../src/providers/s3/index.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { loopback, s3Config, s3Deps, sandboxClient, tempRoot } from '../support/s3-site.ts';

describe('large sites and large files', () => {
  let root: string;
  let server: S3Server;

  beforeAll(async () => {
    root = await tempRoot('s3-large');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['many', 'big', 'wide'] });
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('pages through more than 1,000 keys without the legacy OpenSSL provider', async () => {
    const client = sandboxClient(server.endpoint);
    const limit = pLimit(16);
    const keys = Array.from({ length: 1_050 }, (_v, i) => `old/${String(i).padStart(4, '0')}.txt`);
    await Promise.all(keys.map((Key) => limit(() => client.send(new PutObjectCommand({ Bucket: 'many', Key, Body: Key })))));
    const dir = join(root, 'many-site');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), '<p>hi</p>');

    const plan = await planSync(
      s3Config({ bucket: 'many', endpoint: server.endpoint, force_path_style: true }),
      s3Deps(join(root, 'work')),
      { owner: 'acme', repo: 'many', environment: 'production' },
      dir,
      { network: loopback },
    );

    expect(plan.delete).toEqual(keys);
    expect(plan.upload.map((u) => u.key)).toEqual(['index.html']);
  });

  it('uploads a file past the single-part limit in parts, with its SHA-256 in metadata, and leaves it alone on a resync', async () => {
    const source = join(root, 'big-site');
    await mkdir(join(source, 'dist'), { recursive: true });
    const content = randomBytes(17 * 1024 * 1024);
    await writeFile(join(source, 'dist/video.mp4'), content);
    const config = s3Config({ output: 'dist', bucket: 'big', endpoint: server.endpoint, force_path_style: true });
    const deps = s3Deps(join(root, 'work'));
    const sync = async (sha: string) => {
      const { ctx } = s3StepContext({ sourceDir: source, sha });
      const [build, step] = s3Provider.steps(config, deps, 'frontend');
      await build!.run(ctx);
      return step!.run(ctx);
    };

    server.clearRequestLog();
    expect((await sync(fakeSha('big-1')))?.summary).toMatch(/^uploaded 1 files \(17\.0 MB\)/);
    // s3rver gives completed multipart objects a plain MD5 ETag, unlike AWS; the parts show it was one.
    const parts = server.requestLog.filter((e) => e.key === 'video.mp4' && e.method === 'PUT' && /partNumber=/.test(e.query));
    expect(parts.length).toBe(3);
    const head = await sandboxClient(server.endpoint).send(new HeadObjectCommand({ Bucket: 'big', Key: 'video.mp4' }));
    expect(head.Metadata?.['runway-sha256']).toBe(createHash('sha256').update(content).digest('hex'));
    expect(head.ContentType).toBe('video/mp4');

    expect((await sync(fakeSha('big-2')))?.summary).toBe('uploaded 0 files (0 B), deleted 0, 1 unchanged');
  });

  it('a sync of many files at high concurrency warns of no listener leak and leaves no listener behind', async () => {
    const source = join(root, 'wide-site');
    await mkdir(join(source, 'dist/assets'), { recursive: true });
    for (let i = 0; i < 300; i++) await writeFile(join(source, `dist/assets/chunk-${i}.js`), `export const n = ${i};\n`);
    await writeFile(join(source, 'dist/index.html'), '<p>wide</p>');
    const config = s3Config({ output: 'dist', bucket: 'wide', endpoint: server.endpoint, force_path_style: true, concurrency: 32 });
    const deps = s3Deps(join(root, 'work-wide'));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { ctx } = s3StepContext({ sourceDir: source, sha: fakeSha('wide-1') });
      const [build, step] = s3Provider.steps(config, deps, 'frontend');
      await build!.run(ctx);
      expect((await step!.run(ctx))?.summary).toMatch(/^uploaded 301 files/);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
      expect(getEventListeners(ctx.signal, 'abort')).toHaveLength(0);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
