import type { Database } from '../../src/store/database.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { storeFor, type Engine } from './engines.ts';

/** A migrated store of `engine`, opened in this process, with its cleanup. */
export async function openStoreFor(engine: Engine): Promise<{ db: Database; dataDir: string; cleanup(): Promise<void> }> {
  const store = await storeFor(engine);
  const db = await openDatabase({ databaseUrl: store.databaseUrl, dataDir: store.dataDir });
  return {
    db,
    dataDir: store.dataDir,
    cleanup: async () => {
      await db.close();
      await store.cleanup();
    },
  };
}

/** A deployment row to hang jobs and log lines on (the way a `deployment.created` delivery records one). */
export { recordDeploymentCreated } from '../../src/store/deployments-store.ts';
