import { environmentKey } from '../jobs/environment-key.ts';
import type { Queryable } from '../store/database.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { markFaulty } from '../store/faulty-deployments-store.ts';
import { holdEnvironment } from '../store/holds-store.ts';
import { enqueueOnce } from '../store/job-queue.ts';

/**
 * After a rollback, what was rolled back is faulty, and the next merge must not ship the same
 * fault again unseen: the environment is held, merges queue behind "held after rollback of <sha>
 * by @x" until `/resume <env>`. Explicit commands still run.
 */
export async function holdAfterRollback(db: Queryable, r: { rolledBack: DeploymentRecord; actor: string }): Promise<void> {
  const { rolledBack: d, actor } = r;
  await markFaulty(db, d.id, actor);
  // Its PR comment says so (the worker looks for work when the command's job ends).
  await enqueueOnce(db, 'pr_comment', `deployment:${d.id}`, d.id);
  await holdEnvironment(db, { key: environmentKey(d.owner, d.repo, d.environment), rolledBackSha: d.sha, actor });
}
