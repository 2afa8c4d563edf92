import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody, startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { freePort } from '../../sandbox/free-port.ts';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { launchChromium } from '../support/chromium.ts';
import { runNpmScript, type NpmScript } from '../support/npm-script.ts';

const deployYml = ['environments:', '  production:', '    backend: { provider: command, run: ./deploy.sh }', ''].join('\n');

describe('npm run setup registers the App through the manifest flow, then npm start runs with it', () => {
  let github: FakeGitHub;
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let started: NpmScript | undefined;
  const scripts: NpmScript[] = [];
  beforeAll(async () => {
    // npm's presetup and prestart build dist/ when it is stale; doing it here keeps that out of the test's timings.
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--if-stale'], {
      encoding: 'utf8',
      timeout: 280_000,
    });
    expect(build.status, build.stderr).toBe(0);
    github = await startFakeGitHub({ webhookSecret: 'secret-of-no-app-yet' });
    github.createRepo({ owner: 'acme', name: 'widgets', files: { '.github/deploy.yml': deployYml, 'deploy.sh': 'echo ok\n' } });
    dir = await mkdtemp(path.join(tmpdir(), 'runway-setup-'));
    await chmod(dir, 0o711);
    database = await createScratchDatabase('runway_setup');
  }, 300_000);
  afterAll(async () => {
    for (const script of [...scripts, started]) await script?.stop();
    await github?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'registers with the printed URL only, writes .env 0600, refuses a second setup, and npm start acts with the new App',
    { timeout: 300_000 },
    async () => {
      const port = await freePort();
      const publicUrl = `http://127.0.0.1:${port}`;
      const envFile = path.join(dir, '.env');
      const base = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        GHE_HOST: github.host,
        GHE_PROTOCOL: 'http',
      };
      const setupEnv = { ...base, PORT: String(port), PUBLIC_URL: publicUrl, RUNWAY_ENV_FILE: envFile };
      const setup = runNpmScript('setup', setupEnv);
      scripts.push(setup);
      const url = (await setup.line(/^\s+http:\/\/\S+\/setup\/\S+$/)).trim();
      expect(url.startsWith(`${publicUrl}/setup/`)).toBe(true);
      const oldAppId = github.appId;

      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        for (const wrong of [
          `${publicUrl}/setup/${'x'.repeat(32)}`,
          `${publicUrl}/setup/`,
          `${publicUrl}/`,
          `${publicUrl}/setup/registered?code=abc`,
        ]) {
          const refused = await page.goto(wrong);
          expect(refused?.status(), wrong).toBe(404);
        }
        await page.goto(url);
        await page.click('#register');
        await page.waitForURL(`${github.url}/settings/apps/new?state=*`);
        expect(await page.textContent('main')).toContain(`${publicUrl}/api/github/webhooks`);
        await page.click('#create');
        await page.waitForURL(`${publicUrl}/setup/registered?*`);
        const text = (await page.textContent('main')) ?? '';
        expect(text).toContain('Registered Runway');
        expect(text).toContain(envFile);
        const install = await page.getAttribute('#install', 'href');
        expect(install).toBe(`${github.url}/apps/runway/installations/new`);
        const html = await page.content();
        for (const secret of [github.webhookSecret, github.clientSecret, 'PRIVATE KEY']) expect(html).not.toContain(secret);
      } finally {
        await browser.close();
      }
      expect(await setup.exited).toBe(0);

      // The fake now answers for the new App; .env holds exactly its settings, readable by the owner only.
      expect(github.appId).not.toBe(oldAppId);
      expect((await stat(envFile)).mode & 0o777).toBe(0o600);
      const stored = parseEnv(await readFile(envFile, 'utf8')) as Record<string, string>;
      expect(stored).toMatchObject({
        APP_ID: String(github.appId),
        PRIVATE_KEY: github.privateKey,
        WEBHOOK_SECRET: github.webhookSecret,
        GITHUB_CLIENT_ID: github.clientId,
        GITHUB_CLIENT_SECRET: github.clientSecret,
      });
      expect(stored.RUNWAY_SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);

      const before = await readFile(envFile, 'utf8');
      const again = runNpmScript('setup', setupEnv);
      scripts.push(again);
      expect(await again.exited).toBe(1);
      expect(again.output.join('\n')).toContain(`an App is already stored (APP_ID=${github.appId} in ${envFile})`);
      expect(await readFile(envFile, 'utf8')).toBe(before);

      started = runNpmScript('start', {
        ...base,
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        RUNWAY_ENV_FILE: envFile,
        DATABASE_URL: database.url,
        RUNWAY_DATA_DIR: path.join(dir, 'data'),
        GITHUB_WRITE_THROTTLE: 'false',
        RUNWAY_REDELIVERY_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'info',
      });
      await started.line(/Runway is listening/);

      // A webhook signed with the secret GitHub had before the App existed is refused; the new one's is acted on.
      github.commit('acme', 'widgets', { branch: 'feature', files: { 'README.md': 'hello\n' } });
      const number = github.openPullRequest('acme', 'widgets', { head: 'feature' });
      const payload = github.buildPayload.pullRequestClosed('acme', 'widgets', number);
      const forged = await github.sendWebhook('pull_request', payload, {
        signature: signBody('secret-of-no-app-yet', JSON.stringify(payload)),
      });
      expect(forged.status).toBe(401);
      github.setPermission('acme', 'widgets', 'octo', 'write');
      const asked = await github.comment('acme', 'widgets', number, { user: 'octo', body: '/help' });
      expect(asked.status).toBe(200);
      const reply = await github.waitFor(() => github.comments('acme', 'widgets', number).find((c) => c.user === 'runway[bot]'), {
        timeoutMs: 30_000,
        what: 'the /help reply, made with an installation token that only the new key can get',
      });
      expect(reply.body).toContain('Environments: `production`.');
      expect(
        github.calls.some((c) => c.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(c.path) && c.status === 201),
      ).toBe(true);
    },
  );
});
