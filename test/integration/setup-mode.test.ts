import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../sandbox/github/index.ts';
import { buildManifest, readAppYml } from '../../src/setup/app-manifest.ts';
import { convertManifestCode } from '../../src/setup/manifest-conversion.ts';
import { createSetupApp } from '../../src/setup/setup-app.ts';
import { storeAppSettings, type AppSettings } from '../../src/setup/store-app-settings.ts';

const app: AppSettings = {
  APP_ID: '77',
  PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n',
  WEBHOOK_SECRET: 'whsec',
  GITHUB_CLIENT_ID: 'Iv23abc',
  GITHUB_CLIENT_SECRET: 'client-secret-value',
};

describe('setup mode refuses bad input and overwrites nothing', () => {
  let github: FakeGitHub;
  let dir: string;
  beforeAll(async () => {
    github = await startFakeGitHub({ webhookSecret: 'before' });
    dir = await mkdtemp(path.join(tmpdir(), 'runway-setup-mode-'));
  });
  afterAll(async () => {
    await github?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the manifest carries the webhook URL, the redirect back and app.yml permissions and events', () => {
    const manifest = buildManifest(readAppYml(), 'https://runway.example.org');
    expect(manifest).toMatchObject({
      name: 'Runway',
      public: false,
      hook_attributes: { url: 'https://runway.example.org/api/github/webhooks', active: true },
      redirect_url: 'https://runway.example.org/setup/registered',
      callback_urls: ['https://runway.example.org/login/github/callback'],
      default_events: ['check_run', 'check_suite', 'deployment', 'issue_comment', 'pull_request', 'push', 'release', 'status'],
      default_permissions: {
        contents: 'read',
        checks: 'read',
        statuses: 'read',
        deployments: 'write',
        issues: 'write',
        pull_requests: 'write',
        metadata: 'read',
      },
    });
  });

  it('a forged code and a used code are refused by the fake GitHub and by the setup page, and nothing is stored', async () => {
    expect(await convertManifestCode(`${github.url}/api/v3`, 'forged-code')).toEqual({ ok: false, reason: 'refused', status: 404 });
    let completions = 0;
    const setup = createSetupApp({
      token: 't'.repeat(32),
      manifest: '{}',
      githubWebUrl: github.url,
      complete: async (code) => {
        completions++;
        const converted = await convertManifestCode(`${github.url}/api/v3`, code);
        return converted.ok ? { kind: 'stored', app: converted.app, file: 'unused' } : { kind: 'refused', status: 404 };
      },
    });
    const page = await setup.request(`/setup/${'t'.repeat(32)}`);
    expect(page.status).toBe(200);
    const state = /state=([0-9a-f]+)/.exec(await page.text())?.[1];
    expect(state).toBeDefined();
    // Without the state the page handed out, the callback is not even tried.
    expect((await setup.request('/setup/registered?code=forged&state=nope')).status).toBe(404);
    expect(completions).toBe(0);
    const refused = await setup.request(`/setup/registered?code=forged&state=${state}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('GitHub refused the code');
    // A real code works once; the second conversion of the same code is refused.
    const form = new FormData();
    form.set('manifest', JSON.stringify(buildManifest(readAppYml(), 'http://127.0.0.1:9')));
    const created = await fetch(`${github.url}/settings/apps/new?state=s`, { method: 'POST', body: form });
    const code = /code=([0-9a-f]+)/.exec(await created.text())?.[1];
    expect(code).toBeDefined();
    const first = await convertManifestCode(`${github.url}/api/v3`, code!);
    expect(first.ok && first.app.settings.APP_ID).toBe(String(github.appId));
    expect(await convertManifestCode(`${github.url}/api/v3`, code!)).toEqual({ ok: false, reason: 'refused', status: 404 });
  });

  it('writes a new .env with mode 0600, keeps other lines, and never replaces a stored App', async () => {
    const file = path.join(dir, 'keep.env');
    await writeFile(file, 'DATABASE_URL=postgres://db/runway\n', { mode: 0o644 });
    const stored = await storeAppSettings(file, app);
    expect(stored).toMatchObject({ ok: true, added: expect.arrayContaining(['APP_ID', 'RUNWAY_SESSION_SECRET', 'RUNWAY_ADMIN_TOKEN']) });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('DATABASE_URL=postgres://db/runway\n')).toBe(true);
    const again = await storeAppSettings(file, { ...app, APP_ID: '78' });
    expect(again).toEqual({ ok: false, reason: 'app-exists', file, appId: '77' });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('says where it could not write, and writes nothing', async () => {
    const file = path.join(dir, 'no-such-folder', '.env');
    expect(await storeAppSettings(file, app)).toEqual({ ok: false, reason: 'unwritable', file, message: 'ENOENT' });
    const asDirectory = path.join(dir, 'a-folder');
    await mkdir(asDirectory);
    expect(await storeAppSettings(asDirectory, app)).toMatchObject({ ok: false, reason: 'unwritable', file: asDirectory });
    expect((await stat(asDirectory)).isDirectory()).toBe(true);
  });
});
