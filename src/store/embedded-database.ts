import { existsSync } from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { embeddedBinaries } from './embedded-binaries.ts';
import { embeddedServerUser } from './embedded-db-user.ts';
import { initEmbeddedCluster } from './embedded-initdb.ts';
import { embeddedLayout } from './embedded-layout.ts';
import { startEmbeddedServer } from './embedded-server.ts';
import { openPostgresDatabase } from './postgres-database.ts';

/**
 * The embedded store: a PostgreSQL server of Runway's own (binaries from npm), started and stopped
 * with Runway, on a Unix socket in `dir`, one Runway process at a time. Runway talks to it as to
 * any PostgreSQL server; the server runs in its own processes, off Runway's event loop.
 */
export async function openEmbeddedDatabase(dir: string): Promise<Database> {
  const layout = embeddedLayout(dir);
  const unlock = lockDataDir(dir);
  let stopServer: (() => Promise<void>) | undefined;
  try {
    if (existsSync(path.join(layout.pgliteDir, 'PG_VERSION')) && !existsSync(path.join(layout.cluster, 'PG_VERSION'))) {
      throw new Error(
        `${layout.pgliteDir} holds a store of the earlier embedded engine (PGlite), which this version does not open; ` +
          'it is left untouched. Move it away to start with an empty store (see "Embedded store" in docs/operations.md)',
      );
    }
    const user = embeddedServerUser();
    const binaries = await embeddedBinaries();
    const password = await initEmbeddedCluster(layout, user, binaries);
    const server = await startEmbeddedServer(layout, user, binaries, password);
    stopServer = server.stop;
    const db = await openPostgresDatabase(server.connection);
    return {
      ...db,
      engine: 'embedded',
      keptOpen: async (size) => ({ ...(await db.keptOpen(size)), engine: 'embedded' }),
      close: async () => {
        await db.close();
        await server.stop();
        unlock();
      },
    };
  } catch (error) {
    await stopServer?.();
    unlock();
    throw error;
  }
}
