import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../src/config/parse-deploy-config.ts';
import { addressAllowed } from '../../src/net/address-allowed.ts';
import { guardedFetch } from '../../src/net/guarded-fetch.ts';
import { HealthcheckStep } from '../../src/providers/heroku/healthcheck.ts';
import { smokeStep } from '../../src/providers/s3/smoke-step.ts';
import { startS3Server } from '../../sandbox/s3/index.ts';
import { s3Provider } from '../../src/providers/s3/index.ts';
import { s3Config, s3Deps, tempRoot } from '../support/s3-site.ts';
import { fakeSha, s3StepContext } from '../support/s3-step-context.ts';
import { makeStepContext } from '../support/step-context.ts';
import { noCommandsSandbox } from '../support/command-sandbox.ts';
import { localArtifactStore } from '../../src/artifacts/local-artifact-store.ts';

/** A Heroku health check step whose app's web_url is already known (as after a release). */
function healthcheck(webUrl: string) {
  const parsed = parseDeployConfig(
    'environments:\n  production:\n    backend: { provider: heroku, app: guarded-api, healthcheck: /healthz, healthcheck_timeout_seconds: 30 }\n',
  );
  if (!parsed.ok) throw new Error('fixture config is invalid');
  const config = parsed.config.environments.production!.backend;
  if (config?.provider !== 'heroku') throw new Error('not heroku');
  const deps = {
    serverEnv: {},
    herokuApiUrl: 'http://127.0.0.1:1',
    herokuDataApiUrl: 'http://127.0.0.1:1',
    workDir: '/nonexistent',
    sandbox: noCommandsSandbox(),
    artifacts: localArtifactStore('/nonexistent'),
  };
  return new HealthcheckStep({ config, deps, side: 'backend', state: { webUrl } }, '/healthz');
}

describe("Runway's own requests for a repository", () => {
  let server: Server;
  let local: string;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('internal answer');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254', '169.254.169.254 is a loopback, private or link-local address'],
    ['a private 10.x address', 'http://10.20.30.40:8080', '10.20.30.40 is a loopback'],
    ['an IPv4 address written as IPv6', 'http://[::ffff:169.254.169.254]', 'resolves to 169.254.169.254, which is a loopback'],
  ])('refuse a health check of %s at once, naming it', async (_what, webUrl, message) => {
    const ctx = { ...makeStepContext({ sourceDir: '/nonexistent' }), network: [] };
    await expect(healthcheck(webUrl).run(ctx)).rejects.toThrow(message);
    // Refused before any connection, and not tried again until the deadline.
    expect(ctx.lines.join('\n')).not.toContain('trying again');
  });

  it('reach a loopback health check only when the policy opens loopback, by address or by name', async () => {
    hits = 0;
    const closed = { ...makeStepContext({ sourceDir: '/nonexistent' }), network: ['10.0.0.0/8'] };
    await expect(healthcheck(local).run(closed)).rejects.toThrow('127.0.0.1 is a loopback, private or link-local address');
    // A name is checked after DNS resolution, at connect time.
    await expect(healthcheck(local.replace('127.0.0.1', 'localhost')).run(closed)).rejects.toThrow(
      /localhost resolves to (127\.0\.0\.1|::1), which is a loopback/,
    );
    expect(hits).toBe(0);
    const open = { ...makeStepContext({ sourceDir: '/nonexistent' }), network: ['127.0.0.0/8'] };
    await healthcheck(local).run(open);
    expect(hits).toBe(1);
    expect(open.lines.join('\n')).not.toContain('internal answer');
  });

  it('refuse a smoke check of a site_url on a private address', async () => {
    const ctx = { ...makeStepContext({ sourceDir: '/nonexistent' }), network: [] };
    const step = smokeStep(
      s3Config({ bucket: 'site', site_url: 'http://192.168.1.10/' }),
      { artifacts: localArtifactStore('/nonexistent') },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    await expect(step.run(ctx)).rejects.toThrow(
      'smoke check of http://192.168.1.10 refused: 192.168.1.10 is a loopback, private or link-local address',
    );
  });

  it('follow a redirect only to addresses the policy opens', async () => {
    const redirecting = createServer((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/`;
    try {
      await expect(guardedFetch(url, { allow: ['127.0.0.0/8'] })).rejects.toMatchObject({ cause: { code: 'ERR_RUNWAY_ADDRESS_REFUSED' } });
    } finally {
      redirecting.close();
    }
  });

  it('refuse an S3 endpoint on loopback unless the policy opens it, sending nothing', async () => {
    const root = await tempRoot('guarded-s3');
    const s3 = await startS3Server({ directory: join(root, 's3rver'), buckets: ['site'] });
    try {
      const source = join(root, 'checkout');
      await mkdir(join(source, 'dist'), { recursive: true });
      await writeFile(join(source, 'dist', 'index.html'), '<p>hi</p>');
      const config = s3Config({ bucket: 'site', endpoint: s3.endpoint, force_path_style: true });
      const steps = s3Provider.steps(config, s3Deps(join(root, 'work')), 'frontend');
      const closed = { ...s3StepContext({ sourceDir: source, sha: fakeSha('guarded') }).ctx, network: [] };
      for (const step of steps.slice(0, 1)) await step.run(closed);
      await expect(steps[1]!.run(closed)).rejects.toThrow(
        `S3 endpoint ${s3.endpoint} is a loopback, private or link-local address that the policy's network list does not open`,
      );
      expect(s3.requestLog).toEqual([]);
    } finally {
      await s3.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it('fetch only http and https URLs', async () => {
    await expect(guardedFetch('file:///etc/passwd', { allow: [] })).rejects.toThrow('only http and https URLs are fetched, not file:');
  });

  it('judge addresses: public always, others only inside an allowed range', () => {
    expect(addressAllowed('93.184.216.34', [])).toBe(true);
    expect(addressAllowed('2606:4700::1111', [])).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ])
      expect([a, addressAllowed(a, [])]).toEqual([a, false]);
    expect(addressAllowed('10.1.2.3', ['10.1.0.0/16'])).toBe(true);
    expect(addressAllowed('10.2.0.1', ['10.1.0.0/16'])).toBe(false);
    expect(addressAllowed('::ffff:10.1.2.3', ['10.1.0.0/16'])).toBe(true);
    expect(addressAllowed('::1', ['127.0.0.0/8'])).toBe(false);
    expect(addressAllowed('not an address', ['0.0.0.0/0'])).toBe(false);
  });
});
