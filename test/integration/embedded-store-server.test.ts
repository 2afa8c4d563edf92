import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedDatabase } from '../../src/store/embedded-database.ts';
import { EMBEDDED_DB_USER } from '../../src/store/embedded-db-user.ts';
import { isProcessAlive } from '../../src/store/process-identity.ts';
import { storeFor, type EngineStore } from '../support/engines.ts';

/** The server's pid, from the first line of the cluster's postmaster.pid. */
const serverPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, 'postgres/data/postmaster.pid'), 'utf8').split('\n')[0]);
const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

describe('the embedded store runs its own PostgreSQL server', () => {
  let store: EngineStore;
  beforeAll(async () => {
    store = await storeFor('embedded');
  });
  afterAll(() => store?.cleanup());

  it('as an unprivileged user, on a socket in the data directory only, with a password, and stops when Runway is killed', async () => {
    // A process of its own that opens the store, so that it can be killed without a chance to close it.
    const opener = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/store/open-database.ts').then((m) => m.openDatabase({ dataDir: process.argv[1] })).then(() => console.log('open'))`,
        store.dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: opener.stdout! }).on('line', (line) => line === 'open' && resolve());
      opener.once('exit', (code) => reject(new Error(`the opener exited with ${code}`)));
    });
    const pid = serverPid(store.dataDir);
    expect(isProcessAlive(pid)).toBe(true);
    const expectedUid =
      process.getuid!() === 0
        ? Number(readFileSync('/etc/passwd', 'utf8').match(new RegExp(`^${EMBEDDED_DB_USER}:x:(\\d+):`, 'm'))?.[1])
        : process.getuid!();
    expect(uidOf(pid)).toBe(expectedUid);
    expect(uidOf(pid)).not.toBe(0);
    expect(readdirSync(path.join(store.dataDir, 'postgres'))).toContain('.s.PGSQL.5432');

    const socket = { host: path.join(store.dataDir, 'postgres'), user: 'runway', database: 'postgres' };
    const password = readFileSync(path.join(store.dataDir, 'postgres.password'), 'utf8').trim();
    const client = new pg.Client({ ...socket, password });
    await client.connect();
    const settings = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'unix_socket_directories') ORDER BY name`,
    );
    await client.end();
    expect(settings.rows).toEqual([
      { name: 'listen_addresses', setting: '' },
      { name: 'unix_socket_directories', setting: socket.host },
    ]);
    const wrong = new pg.Client({ ...socket, password: 'not-the-password' });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);

    opener.kill('SIGKILL');
    const deadline = Date.now() + 30_000;
    while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(isProcessAlive(pid)).toBe(false);

    // The next Runway takes the lock over and finds the store as it was left.
    const db = await openEmbeddedDatabase(store.dataDir);
    expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM runway_migrations')).not.toEqual([{ n: 0 }]);
    const reopened = serverPid(store.dataDir);
    await db.close();
    expect(isProcessAlive(reopened)).toBe(false);
  });

  it('refuses a data directory of the earlier PGlite engine with a clear message and leaves it untouched', async () => {
    const dir = path.join(store.dataDir, 'from-pglite');
    mkdirSync(path.join(dir, 'pglite'), { recursive: true });
    writeFileSync(path.join(dir, 'pglite/PG_VERSION'), '17\n');
    const message = `${dir}/pglite holds a store of the earlier embedded engine (PGlite), which this version does not open; it is left untouched`;
    await expect(openEmbeddedDatabase(dir)).rejects.toThrow(message);
    // The lock was given back: a second try gets the same answer, not "in use".
    await expect(openEmbeddedDatabase(dir)).rejects.toThrow(message);
    expect(readdirSync(dir).sort()).toEqual(['pglite']);
    expect(readFileSync(path.join(dir, 'pglite/PG_VERSION'), 'utf8')).toBe('17\n');
  });
});
