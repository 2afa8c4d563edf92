import type { Database } from '../store/database.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { enqueueOnce } from '../store/job-queue.ts';
import type { DeploymentObserver } from './deployment-observer.ts';

/**
 * Keeps the deployment's one PR comment in step with it. The observer only asks for an update (a
 * durable `pr_comment` job, coalesced while one is waiting): GitHub writes never slow the run, and a
 * restart still brings the comment to the final state. A deployment with no issue or PR to comment
 * on (src/jobs/pr-comment-job.ts, commentTarget) asks for nothing.
 */
export function prCommentObserver(deps: { db: Database; wake: () => void }): DeploymentObserver {
  const update = async (d: DeploymentRecord) => {
    // No issue or PR follows this deployment (another tool created it): the job would find nothing to do.
    if (d.origin?.issueNumber == null) return;
    if (await enqueueOnce(deps.db, 'pr_comment', `deployment:${d.id}`, d.id)) deps.wake();
  };
  return { name: 'pr-comment', started: update, stepChanged: update, finished: update };
}
