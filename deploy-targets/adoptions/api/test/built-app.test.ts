import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.ts';

const run = promisify(execFile);
const appDir = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
const migrationCount = (await readdir(join(appDir, 'migrations'))).filter((f) => f.endsWith('.sql')).length;
let database: TestDatabase;

// What Heroku runs: the tsc build, the release phase (migrate), the seed dyno and `npm start`.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adoptions-build-'));
  await run(join(appDir, 'node_modules/.bin/tsc'), ['-p', join(appDir, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')]);
  await cp(join(appDir, 'package.json'), join(dir, 'package.json'));
  await symlink(join(appDir, 'migrations'), join(dir, 'migrations'));
  await symlink(join(appDir, 'node_modules'), join(dir, 'node_modules'));
  database = await createTestDatabase('built', { migrate: false });
}, 180_000);
afterAll(async () => {
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const baseEnv = () => ({ PATH: process.env.PATH ?? '', DATABASE_URL: database.url });
const node = (script: string, env: Record<string, string>) => run(process.execPath, [join(dir, 'dist', script)], { env });

describe('the built app', () => {
  it('migrates once and records it', async () => {
    const first = await node('cli/migrate.js', baseEnv());
    expect(first.stdout).toContain('migrate: applied 001_init.sql');
    expect(first.stdout).toContain('migrate: applied 005_animal_events.sql');
    expect(first.stdout).toContain(`migrate: ${migrationCount} applied, 0 already there`);
    const second = await node('cli/migrate.js', baseEnv());
    expect(second.stdout).toContain(`migrate: 0 applied, ${migrationCount} already there`);
    const { rows } = await database.db.query('SELECT version FROM schema_migrations');
    expect(rows).toHaveLength(migrationCount);
  });

  it('seeds idempotently, printing a generated password only once', async () => {
    const first = await node('cli/seed.js', baseEnv());
    expect(first.stdout).toContain('seed: roles created: admin, staff, volunteer');
    expect(first.stdout).toContain('seed: animals created: 3');
    const password = /generated password (\S+)/.exec(first.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{16}$/);

    await database.db.query(`DELETE FROM role_permissions WHERE role = 'volunteer' AND permission = 'adoptions.review'`);
    const second = await node('cli/seed.js', { ...baseEnv(), SEED_ADMIN_PASSWORD: 'ignored-because-admin-exists' });
    expect(second.stdout).toContain('seed: roles created: none');
    expect(second.stdout).toContain('seed: animals created: 0');
    expect(second.stdout).toContain('already exists');
    expect(second.stdout).not.toContain('generated password');
    const kept = await database.db.query(`SELECT 1 FROM role_permissions WHERE role = 'volunteer' AND permission = 'adoptions.review'`);
    expect(kept.rowCount).toBe(0);
    const counts = await database.db.query('SELECT (SELECT count(*)::int FROM animals) AS animals, (SELECT count(*)::int FROM accounts) AS accounts');
    expect(counts.rows[0]).toEqual({ animals: 3, accounts: 1 });

    await startAndSignIn(password!);
    // Three cold Node processes in a row, each hashing a password: past 30 s on a loaded two-core
    // machine (a test:targets run of 2026-11-30 timed out here).
  }, 120_000);

  it('refuses to start without JWT_SECRET', async () => {
    const failure = await node('server.js', { ...baseEnv(), STORAGE_BUCKET: 'uploads' }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('JWT_SECRET is required');
  });
});

async function startAndSignIn(password: string): Promise<void> {
  const child = spawn(process.execPath, [join(dir, 'dist/server.js')], {
    env: { ...baseEnv(), PORT: '0', JWT_SECRET: 'built-app-secret-built-app-secret-12', STORAGE_BUCKET: 'uploads' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.includes('"listening"'));
        if (line) resolve(JSON.parse(line).port);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const session = await fetch(`http://127.0.0.1:${port}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@adoptions.local', password }),
    });
    expect(session.status).toBe(200);
    const { token } = (await session.json()) as { token: string };
    const animals = await fetch(`http://127.0.0.1:${port}/animals`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await animals.json()) as { animals: unknown[] }).animals).toHaveLength(3);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
