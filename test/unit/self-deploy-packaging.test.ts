import { existsSync, readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parseDeployConfig } from '../../src/config/parse-deploy-config.ts';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('Runway ships Runway: Procfile, app.json and the runway-production environment', () => {
  it('the Procfile migrates in the release phase and runs the compiled server, from files the build makes', () => {
    const lines = Object.fromEntries(
      read('Procfile')
        .trim()
        .split('\n')
        .map((l) => l.split(/:\s*/, 2) as [string, string]),
    );
    expect(lines).toEqual({ release: 'node dist/src/migrate-main.js', web: 'node dist/src/main.js' });
    for (const command of Object.values(lines)) {
      const source = command.replace(/^node dist\//, '').replace(/\.js$/, '.ts');
      expect(existsSync(new URL(source, root)), source).toBe(true);
    }
    expect(existsSync(new URL('Dockerfile', root))).toBe(false);
  });

  it('app.json generates the secrets, asks for the App, adds PostgreSQL, and never turns the sandbox off', () => {
    const app = JSON.parse(read('app.json')) as {
      env: Record<string, { required?: boolean; generator?: string; value?: string }>;
      addons: { plan: string }[];
    };
    expect(app.env.RUNWAY_ADMIN_TOKEN?.generator).toBe('secret');
    expect(app.env.RUNWAY_SESSION_SECRET?.generator).toBe('secret');
    for (const name of ['APP_ID', 'PRIVATE_KEY', 'WEBHOOK_SECRET', 'PUBLIC_URL']) expect(app.env[name]?.required, name).toBe(true);
    expect(app.addons.map((a) => a.plan)).toContain('heroku-postgresql:essential-0');
    expect(Object.keys(app.env)).not.toContain('RUNWAY_SANDBOX');
    expect(JSON.stringify(app)).not.toMatch(/RUNWAY_SANDBOX[^,]*off/);
  });

  it('.github/deploy.yml deploys the repository root to Heroku when the server changes, not when only docs do', () => {
    const parsed = parseDeployConfig(read('.github/deploy.yml'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const env = parsed.config.environments['runway-production'];
    expect(env?.backend).toMatchObject({ provider: 'heroku', path: '.', healthcheck: '/healthz' });
    const touched = picomatch(env?.paths ?? []);
    expect(touched('src/server/build-info.ts')).toBe(true);
    expect(touched('Procfile')).toBe(true);
    expect(touched('docs/operations.md')).toBe(false);
    expect(touched('deploy-targets/broker/src/index.ts')).toBe(false);
  });
});
