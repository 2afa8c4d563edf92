import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, runDist } from './helpers/run-dist.ts';
import { JWT_SECRET } from './helpers/start-broker.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('npm start (dist/server.js)', () => {
  it('refuses to start without JWT_SECRET', async () => {
    const res = await runDist('server', [], { DATABASE_URL: db.url, PORT: '0' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET is required');
  });

  it('refuses a short JWT_SECRET', async () => {
    const res = await runDist('server', [], { DATABASE_URL: db.url, PORT: '0', JWT_SECRET: 'short' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET must be at least 32 characters');
  });

  it('serves /healthz, answers CORS only for CORS_ORIGIN, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(APP_DIR, 'dist', 'server.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: db.url, PORT: '0', JWT_SECRET, CORS_ORIGIN: 'https://ops.example.com, https://admin.example.com' },
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on port (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      const preflight = (origin: string) =>
        fetch(`http://127.0.0.1:${port}/channels`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
        });
      const allowed = await preflight('https://admin.example.com');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
      const refused = await preflight('https://evil.example.com');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
