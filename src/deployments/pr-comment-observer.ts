import type { Database } from '../store/database.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { enqueueOnce } from '../store/job-queue.ts';
import type { DeploymentObserver } from './deployment-observer.ts';

/**
 * Keeps the deployment's one PR comment in step with it. The observer only asks for an update (a
 * durable `pr_comment` job, coalesced while one is waiting): GitHub writes never slow the run, and a
 * restart still brings the comment to the final state.
 */
export function prCommentObserver(deps: { db: Database; wake: () => void }): DeploymentObserver {
  const update = async (d: DeploymentRecord) => {
    if (await enqueueOnce(deps.db, 'pr_comment', `deployment:${d.id}`, d.id)) deps.wake();
  };
  return { name: 'pr-comment', started: update, stepChanged: update, finished: update };
}
