import { createServer, connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../sandbox/free-port.ts';
import { ADMIN_DATABASE_URL, createScratchDatabase } from '../../sandbox/scratch-database.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { openStoreWhenUp } from '../../src/store/open-store-when-up.ts';

/** From now on, `port` leads to the local PostgreSQL: the server "comes up" there. */
async function forwardToPostgres(port: number): Promise<Server> {
  const target = new URL(ADMIN_DATABASE_URL);
  const server = createServer((socket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

function recordingLog() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_: object, message: string) => void warnings.push(message) } };
}

describe('opening a PostgreSQL store that is not up yet', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('waits for a server that comes up, says so once, and opens the store', async () => {
    const scratch = await createScratchDatabase('runway_store_wait');
    cleanups.push(scratch.drop);
    const port = await freePort();
    const url = new URL(scratch.url);
    url.port = String(port);
    const { warnings, log } = recordingLog();
    const opening = openStoreWhenUp(() => openDatabase({ databaseUrl: url.toString(), dataDir: '/nonexistent' }), { log, waitMs: 20_000 });
    // Refused until the "server" starts listening.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const forward = await forwardToPostgres(port);
    cleanups.push(() => new Promise((resolve) => forward.close(resolve)));
    const db = await opening;
    // Cleanups run last first: the store's connections end before the forwarder closes.
    cleanups.push(() => db.close());
    expect(warnings).toEqual(['the store is not up yet; waiting for it']);
    // Migrated: the schema is there.
    expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs')).toEqual([{ n: 0 }]);
  });

  it('stops once the wait runs out, naming it', async () => {
    const port = await freePort();
    const { warnings, log } = recordingLog();
    const opening = openStoreWhenUp(
      () => openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/x`, dataDir: '/nonexistent' }),
      {
        log,
        waitMs: 1_500,
      },
    );
    await expect(opening).rejects.toThrow(/ECONNREFUSED.*still not up after 1.5 s/);
    expect(warnings).toHaveLength(1);
  });

  it('does not wait for the wrong database: the server has answered', async () => {
    const { warnings, log } = recordingLog();
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = '/runway_no_such_database';
    const opening = openStoreWhenUp(() => openDatabase({ databaseUrl: url.toString(), dataDir: '/nonexistent' }), { log, waitMs: 60_000 });
    await expect(opening).rejects.toThrow(/database "runway_no_such_database" does not exist/);
    expect(warnings).toEqual([]);
  });
});
