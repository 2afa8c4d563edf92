import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

// The commands Heroku runs (npm run build, release: npm run migrate, web: npm start, the seed and
// the simulator), run as built JavaScript in real processes.
const run = promisify(execFile);
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'procfile-test-secret-of-at-least-32-chars';

let testDb: TestDatabase;
let server: ChildProcess | undefined;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { JWT_SECRET: _secret, SEED_PASSWORD: _password, ...rest } = process.env;
  return { ...rest, DATABASE_URL: testDb.url, ...extra };
}

beforeAll(async () => {
  testDb = await createTestDatabase({ migrate: false });
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: API_DIR });
}, 180_000);
afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
  await testDb?.drop();
});

describe('built entry points', () => {
  it('refuses to start the web process without JWT_SECRET', async () => {
    const failure = await run(process.execPath, ['dist/server.js'], { cwd: API_DIR, env: env() }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/JWT_SECRET is required/);
  });

  it('migrates, seeds idempotently, serves, and takes orders from the simulator', async () => {
    const migrate = await run(process.execPath, ['dist/migrate.js'], { cwd: API_DIR, env: env() });
    expect(migrate.stdout).toMatch(/applied 001_create_users, 002_create_orders/);
    expect((await run(process.execPath, ['dist/migrate.js'], { cwd: API_DIR, env: env() })).stdout).toMatch(/up to date/);

    const firstSeed = await run(process.execPath, ['dist/seed.js'], { cwd: API_DIR, env: env() });
    expect(firstSeed.stdout).toMatch(/created user "demo" with the default password "demo-password"/);
    expect(firstSeed.stdout).toMatch(/12 demo order\(s\) created/);
    const secondSeed = await run(process.execPath, ['dist/seed.js'], { cwd: API_DIR, env: env() });
    expect(secondSeed.stdout).not.toMatch(/demo-password/);
    expect(secondSeed.stdout).toMatch(/0 demo order\(s\) created/);

    server = spawn(process.execPath, ['dist/server.js'], {
      cwd: API_DIR,
      env: env({ JWT_SECRET: SECRET, PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      server!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on port (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      server!.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    const api = `http://127.0.0.1:${port}`;
    expect((await fetch(`${api}/healthz`)).status).toBe(200);

    const simulator = await run(
      process.execPath,
      ['dist/simulator.js', '--api', api, '--every', '0.05', '--count', '3'],
      { cwd: API_DIR, env: env() },
    );
    expect(simulator.stdout).toMatch(/sent 3 order\(s\)/);

    const login = await fetch(`${api}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const page = await fetch(`${api}/pedidos?limit=100`, { headers: { authorization: `Bearer ${access_token}` } });
    const { pedidos } = (await page.json()) as { pedidos: Array<{ pedido_id: string }> };
    expect(pedidos).toHaveLength(15);
    expect(pedidos.filter((p) => p.pedido_id.startsWith('demo-'))).toHaveLength(12);

    server.kill('SIGTERM');
    const [code] = (await once(server, 'exit')) as [number | null];
    expect(code).toBe(0);
    // Six cold Node processes one after another (two of them hash passwords): past 30 s on a loaded
    // two-core CI machine, as the npm test run of 2026-11-30 showed.
  }, 120_000);
});
