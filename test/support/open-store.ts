import type { Database } from '../../src/store/database.ts';
import { recordDeploymentCreated } from '../../src/store/deployments-store.ts';
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

/**
 * A deployment row to hang jobs and log lines on, recorded the way a `deployment.created` delivery
 * records one: `acme/svc` to `production` at `aaaa…` by octocat unless told otherwise. Returns its id.
 */
export async function recordTestDeployment(
  db: Database,
  d: { delivery: string; githubId: number; runKey: string; repo?: string; environment?: string; sha?: string; creator?: string | null },
): Promise<number> {
  const creator = d.creator === undefined ? 'octocat' : d.creator;
  const id = await recordDeploymentCreated(
    db,
    { id: d.delivery, event: 'deployment' },
    {
      githubId: d.githubId,
      installationId: 1,
      owner: 'acme',
      repo: d.repo ?? 'svc',
      environment: d.environment ?? 'production',
      sha: d.sha ?? 'a'.repeat(40),
      ref: 'main',
      task: 'deploy',
      payload: {},
      creator,
      creatorType: creator === null ? null : 'User',
    },
    d.runKey,
  );
  if (id === undefined) throw new Error(`delivery ${d.delivery} or deployment ${d.githubId} was recorded already`);
  return id;
}
