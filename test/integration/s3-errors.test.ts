import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { ConfigError, ProviderError, StepFailedError } from '../../src/deployments/errors.ts';
import { s3Provider } from '../../src/providers/s3/index.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { checkoutFixture, readBucket, s3Config, s3Deps, sandboxClient, tempRoot } from '../support/s3-site.ts';

/** Builds (copies) a one-page site, then runs frontend.sync with the given config and env; returns the error. */
describe('s3 provider failures', () => {
  let root: string;
  let server: S3Server;
  let source: string;

  beforeAll(async () => {
    root = await tempRoot('s3-errors');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['site'] });
    source = join(root, 'prebuilt');
    await mkdir(join(source, 'dist'), { recursive: true });
    await writeFile(join(source, 'dist/index.html'), '<h1>new</h1>');
    // A file the new release does not have: a sync that went wrong must not delete it.
    await sandboxClient(server.endpoint).send(new PutObjectCommand({ Bucket: 'site', Key: 'old-page.html', Body: '<h1>old</h1>' }));
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  async function syncFails(section: Record<string, unknown>, env: Record<string, string | undefined> = {}): Promise<unknown> {
    const config = s3Config({ output: 'dist', bucket: 'site', endpoint: server.endpoint, force_path_style: true, ...section });
    const deps = s3Deps(join(root, 'work'), env);
    const [build, sync] = s3Provider.steps(config, deps, 'frontend');
    const { ctx } = s3StepContext({ sourceDir: source, sha: fakeSha('failing') });
    await build!.run(ctx);
    server.clearRequestLog();
    return sync!.run(ctx).then(
      () => new Error('the sync succeeded'),
      (err: unknown) => err,
    );
  }

  async function expectNothingWritten(): Promise<void> {
    expect(server.requestLog.filter((e) => e.method !== 'GET' && e.method !== 'HEAD')).toEqual([]);
    expect([...(await readBucket(sandboxClient(server.endpoint), 'site')).keys()]).toEqual(['old-page.html']);
  }

  it('names a bucket that does not exist', async () => {
    const err = await syncFails({ bucket: 'no-such-site' });
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toBe(`bucket no-such-site does not exist at ${server.endpoint}`);
    await expectNothingWritten();
  });

  it('names the AWS variables when credentials are missing', async () => {
    const err = await syncFails({}, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/^no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    expect(server.requestLog).toEqual([]);
    await expectNothingWritten();
  });

  it('says when S3 rejects the credentials', async () => {
    const err = await syncFails({}, { AWS_ACCESS_KEY_ID: 'NOT-A-KEY' });
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toMatch(/^S3 rejected the credentials from AWS_ACCESS_KEY_ID .*\(InvalidAccessKeyId\)$/);
    await expectNothingWritten();
  });

  it('says it cannot reach a stopped endpoint', async () => {
    const stopped = await startS3Server({ directory: join(root, 'stopped'), buckets: ['site'] });
    await stopped.close();
    const err = await syncFails({ endpoint: stopped.endpoint });
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as Error).message).toBe(`cannot reach S3 at ${stopped.endpoint} (ECONNREFUSED) while trying to list site/`);
    await expectNothingWritten();
  });

  it('takes the endpoint from AWS_ENDPOINT_URL_S3 when the config has none', async () => {
    const config = s3Config({ output: 'dist', bucket: 'site', force_path_style: true });
    const deps = s3Deps(join(root, 'work'), { AWS_ENDPOINT_URL_S3: server.endpoint });
    const [build, sync] = s3Provider.steps(config, deps, 'frontend');
    const { ctx } = s3StepContext({ sourceDir: source, sha: fakeSha('from-env') });
    await build!.run(ctx);
    await sync!.run(ctx);
    const objects = await readBucket(sandboxClient(server.endpoint), 'site');
    expect(objects.get('index.html')?.body.toString()).toBe('<h1>new</h1>');
    expect(objects.has('old-page.html')).toBe(false);
    await sandboxClient(server.endpoint).send(new PutObjectCommand({ Bucket: 'site', Key: 'old-page.html', Body: '<h1>old</h1>' }));
  });
});

describe('frontend.build failures', () => {
  let root: string;
  let checkout: string;
  beforeAll(async () => {
    root = await tempRoot('s3-build');
    checkout = await checkoutFixture(root);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function buildFails(section: Record<string, unknown>, outputs: Record<string, string> = {}) {
    const config = s3Config({ bucket: 'site', build: 'node build.mjs', env: { VITE_API_URL: '${{ backend.url }}' }, ...section });
    const [build] = s3Provider.steps(config, s3Deps(join(root, 'work')), 'frontend');
    const test = s3StepContext({ sourceDir: checkout, sha: fakeSha('build'), outputs });
    const err = await build!.run(test.ctx).then(
      () => new Error('the build succeeded'),
      (e: unknown) => e,
    );
    return { err, lines: test.lines };
  }

  it('reports a placeholder that no step published as a config error', async () => {
    const { err } = await buildFails({}, { 'backend.release': 'v12' });
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      'frontend.env.VITE_API_URL uses ${{ backend.url }}, which no earlier step published (published: backend.release)',
    );
  });

  it('fails the step when the build command fails, with its output in the log', async () => {
    const { err, lines } = await buildFails({ env: {} });
    expect(err).toBeInstanceOf(StepFailedError);
    expect((err as Error).message).toBe('build command failed (exit code 1): node build.mjs');
    expect(lines).toEqual(['$ node build.mjs', 'VITE_API_URL is not set']);
  });

  it('fails the step when the output folder is missing or empty', async () => {
    const missing = await buildFails({ output: 'public-build' }, { 'backend.url': 'http://api' });
    expect(missing.err).toBeInstanceOf(StepFailedError);
    expect((missing.err as Error).message).toBe('build output public-build does not exist');
    await mkdir(join(checkout, 'empty/sub'), { recursive: true });
    const empty = await buildFails({ build: 'true', output: 'empty', env: {} });
    expect((empty.err as Error).message).toBe('build output empty is empty');
  });

  it('keeps server secrets out of the build environment and stops the build when cancelled', async () => {
    const config = s3Config({ bucket: 'site', build: 'env > env.txt; sleep 30', output: 'dist' });
    const deps = s3Deps(join(root, 'work'), { GITHUB_PRIVATE_KEY: 'secret-key' });
    const [build] = s3Provider.steps(config, deps, 'frontend');
    const test = s3StepContext({ sourceDir: checkout, sha: fakeSha('cancel') });
    const cancelled = expect(build!.run(test.ctx)).rejects.toThrow('cancelled by the test');
    // Cancelled once the sandboxed build has run its first command (a fixed delay raced its start).
    const envFile = join(checkout, 'env.txt');
    const env = await vi.waitFor(
      async () => {
        const text = await readFile(envFile, 'utf8');
        expect(text).toContain('CI=true');
        return text;
      },
      { timeout: 60_000, interval: 50 },
    );
    test.abort.abort(new StepFailedError('cancelled by the test'));
    await cancelled;
    expect(env).not.toContain('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toContain('secret-key');
  }, 90_000);
});
