import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type S3Server } from '../../sandbox/s3/index.ts';
import { s3Provider } from '../../src/providers/s3/index.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { launchChromium } from '../support/chromium.ts';
import { checkoutFixture, s3Config, s3Deps, tempRoot } from '../support/s3-site.ts';

describe('a site synced to S3, in a browser', () => {
  let root: string;
  let server: S3Server;
  let backend: Server;
  let backendUrl: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const backendCalls: string[] = [];

  beforeAll(async () => {
    root = await tempRoot('s3-browser');
    server = await startS3Server({ directory: join(root, 's3rver'), buckets: ['web'] });
    backend = createServer((req, res) => {
      backendCalls.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ message: 'hello from the backend' }));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    backend?.closeAllConnections();
    await new Promise((resolve) => backend?.close(resolve));
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('renders the page, which calls the backend URL injected at build time', async () => {
    const checkout = await checkoutFixture(root);
    const config = s3Config({
      build: 'node build.mjs',
      env: { VITE_API_URL: '${{ backend.url }}' },
      bucket: 'web',
      endpoint: server.endpoint,
      force_path_style: true,
      site_url: server.websiteUrl('web'),
    });
    const { ctx } = s3StepContext({ sourceDir: checkout, sha: fakeSha('browser'), outputs: { 'backend.url': backendUrl } });
    for (const step of s3Provider.steps(config, s3Deps(join(root, 'work')), 'frontend')) await step.run(ctx);

    const page = await browser.context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(server.websiteUrl('web'));
    await expect.poll(() => page.locator('#greeting').getAttribute('data-state'), { timeout: 15_000 }).toBe('loaded');

    expect(await page.locator('h1').textContent()).toBe('Hello API');
    expect(await page.locator('#greeting').textContent()).toBe('hello from the backend');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#greeting')!).color)).toBe('rgb(0, 170, 85)');
    expect(backendCalls).toEqual(['GET /hello']);
    expect(failed).toEqual([]);
    await page.close();
  });
});
