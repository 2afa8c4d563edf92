import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '../../sandbox/scratch-database.ts';

/** The two store engines every integration test runs on. */
export const engines = ['embedded', 'postgres'] as const;
export type Engine = (typeof engines)[number];

export interface EngineStore {
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

/** A data directory, and for `postgres` a fresh database, for one Runway. */
export async function storeFor(engine: Engine): Promise<EngineStore> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'runway-test-'));
  // Tests may put several Runways' data folders inside: the sandbox user must walk through it.
  await chmod(dataDir, 0o711);
  if (engine === 'embedded') return { dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  const db = await createScratchDatabase('runway_test');
  return {
    dataDir,
    databaseUrl: db.url,
    cleanup: async () => {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
