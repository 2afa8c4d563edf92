import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, settingsSecrets } from '../../src/config/settings.ts';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const valid = { APP_ID: '42', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 's3cret-hook' };

describe('settings', () => {
  it('applies the documented defaults', () => {
    const r = loadSettings(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings).toMatchObject({
      appId: 42,
      port: 3000,
      githubApiUrl: 'https://api.github.com',
      databaseUrl: undefined,
      logLevel: 'info',
      herokuApiUrl: 'https://api.heroku.com',
      githubWriteThrottle: true,
      jobLeaseSeconds: 30,
      workerConcurrency: 4,
      controlConcurrency: 4,
      retention: { logDays: 30, finishedJobDays: 14 },
      logCap: { maxLines: 50_000, maxBytes: 10 * 1024 ** 2 },
    });
    expect(r.settings.dataDir).toMatch(/\/data$/);
    expect(r.settings.sandbox).toEqual({ mode: 'on', user: 'runway-sandbox', dir: path.join(r.settings.dataDir, 'sandbox') });
  });

  it('turns the sandbox off only when told, and refuses other values', () => {
    const off = loadSettings({ ...valid, RUNWAY_SANDBOX: 'off', RUNWAY_SANDBOX_DIR: '/srv/runway-cache' });
    expect(off.ok && off.settings.sandbox).toEqual({ mode: 'off', user: 'runway-sandbox', dir: '/srv/runway-cache' });
    const bad = loadSettings({ ...valid, RUNWAY_SANDBOX: 'false', RUNWAY_SANDBOX_USER: 'root; rm' });
    expect(bad.ok ? [] : bad.problems).toEqual(['RUNWAY_SANDBOX: must be on or off', 'RUNWAY_SANDBOX_USER: must be a user name']);
  });

  it('builds the GitHub Enterprise API URL from GHE_HOST and GHE_PROTOCOL', () => {
    const r = loadSettings({ ...valid, GHE_HOST: '127.0.0.1:4000', GHE_PROTOCOL: 'http' });
    expect(r.ok && r.settings.githubApiUrl).toBe('http://127.0.0.1:4000/api/v3');
  });

  it('accepts a key with escaped newlines, as .env files hold it', () => {
    const r = loadSettings({ ...valid, PRIVATE_KEY: privateKey.replace(/\n/g, '\\n') });
    expect(r.ok && r.settings.privateKey).toBe(privateKey);
  });

  it('names every missing or invalid setting at once', () => {
    const r = loadSettings({ PORT: 'eighty', DATABASE_URL: 'mysql://x', GHE_PROTOCOL: 'ftp' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.problems.map((p) => p.split(':')[0]);
    expect(fields).toEqual(expect.arrayContaining(['APP_ID', 'WEBHOOK_SECRET', 'PRIVATE_KEY', 'PORT', 'DATABASE_URL', 'GHE_PROTOCOL']));
  });

  it('refuses a key that is not PEM, and a key file that cannot be read, naming the setting', () => {
    const notPem = loadSettings({ ...valid, PRIVATE_KEY: 'ghp-not-a-key' });
    expect(notPem.ok ? [] : notPem.problems).toEqual([
      "PRIVATE_KEY: not a PEM private key (use the .pem file from the GitHub App's settings page)",
    ]);
    const missing = loadSettings({ APP_ID: '42', WEBHOOK_SECRET: 's', PRIVATE_KEY_PATH: '/nonexistent/key.pem' });
    expect(missing.ok ? [] : missing.problems).toEqual(['PRIVATE_KEY_PATH: cannot read /nonexistent/key.pem (ENOENT)']);
  });

  it('treats the key, the webhook secret, the Heroku token and the database password as secrets', () => {
    const r = loadSettings({ ...valid, HEROKU_API_TOKEN: 'heroku-token-123', DATABASE_URL: 'postgres://u:pa%24%24word@db/x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(settingsSecrets(r.settings)).toEqual(expect.arrayContaining([privateKey, 's3cret-hook', 'heroku-token-123', 'pa$$word']));
  });

  it('makes `npm start` print one readable message and exit 1 when settings are missing', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, APP_ID: 'x' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Runway cannot start: 3 settings are missing or invalid:');
    expect(res.stderr).toContain('  - APP_ID: ');
    expect(res.stderr).toContain('  - WEBHOOK_SECRET: ');
    expect(res.stderr).toContain('  - PRIVATE_KEY: required (set PRIVATE_KEY to the PEM key, or PRIVATE_KEY_PATH to its file)');
    expect(res.stderr).toContain("  - APP_ID: must be the GitHub App's numeric id");
    expect(res.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});

describe('settings of the webhook door and the pages', () => {
  it('leave bearer access off and accept comments up to 5 minutes old by default', () => {
    const r = loadSettings(valid);
    expect(r.ok && { admin: r.settings.adminToken, metrics: r.settings.metricsToken, age: r.settings.commentMaxAgeSeconds }).toEqual({
      admin: undefined,
      metrics: undefined,
      age: 300,
    });
  });

  it('refuse short tokens, naming the setting and what it must be', () => {
    const r = loadSettings({ ...valid, RUNWAY_ADMIN_TOKEN: 'hunter2', RUNWAY_METRICS_TOKEN: 'short', RUNWAY_COMMENT_MAX_AGE_SECONDS: '0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'RUNWAY_ADMIN_TOKEN: must be a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
      'RUNWAY_METRICS_TOKEN: must be a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
      'RUNWAY_COMMENT_MAX_AGE_SECONDS: must be a whole number of seconds from 10 to 86400',
    ]);
  });

  it('count both tokens among the secrets that never leave the process', () => {
    const admin = 'a'.repeat(40);
    const metrics = 'm'.repeat(40);
    const r = loadSettings({ ...valid, RUNWAY_ADMIN_TOKEN: admin, RUNWAY_METRICS_TOKEN: metrics });
    expect(r.ok && settingsSecrets(r.settings)).toEqual(expect.arrayContaining([admin, metrics]));
  });
});

describe('settings of sign-in with GitHub', () => {
  const client = { GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef', GITHUB_CLIENT_SECRET: 's'.repeat(40) };

  it('is off without a client, and needs the id, the secret and a session secret together', () => {
    const off = loadSettings(valid);
    expect(off.ok && { signIn: off.settings.githubSignIn, logRole: off.settings.publicLogRole }).toEqual({
      signIn: undefined,
      logRole: 'triage',
    });
    const half = loadSettings({ ...valid, GITHUB_CLIENT_ID: client.GITHUB_CLIENT_ID });
    expect(!half.ok && half.problems).toEqual([
      'GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET: set both (sign in with GitHub) or neither',
      'RUNWAY_SESSION_SECRET: required with GITHUB_CLIENT_ID (a random string of at least 32 characters (e.g. `openssl rand -hex 32`))',
    ]);
    const bad = loadSettings({ ...valid, ...client, RUNWAY_SESSION_SECRET: 'short', RUNWAY_PUBLIC_LOG_ROLE: 'owner' });
    expect(!bad.ok && bad.problems).toEqual([
      'RUNWAY_SESSION_SECRET: must be a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
      'RUNWAY_PUBLIC_LOG_ROLE: must be read, triage, write, maintain or admin',
    ]);
  });

  it('keeps the client secret and the session secret among the secrets', () => {
    const session = 'x'.repeat(40);
    const r = loadSettings({ ...valid, ...client, RUNWAY_SESSION_SECRET: session });
    expect(r.ok && r.settings.githubSignIn?.clientId).toBe(client.GITHUB_CLIENT_ID);
    expect(r.ok && settingsSecrets(r.settings)).toEqual(expect.arrayContaining([client.GITHUB_CLIENT_SECRET, session]));
  });
});
