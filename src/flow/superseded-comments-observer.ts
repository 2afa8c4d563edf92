import type { DeploymentObserver } from '../deployments/deployment-observer.ts';
import type { Database } from '../store/database.ts';
import { enqueueOnce } from '../store/job-queue.ts';
import { supersededByThis } from '../store/superseded-store.ts';

/**
 * When a deployment that superseded older merges starts and ends, their PR comments follow it:
 * they say which deployment shipped them and how it ended.
 */
export function supersededCommentsObserver(deps: { db: Database; wake: () => void }): DeploymentObserver {
  const update = async (d: { id: number }) => {
    let queued = false;
    for (const id of await supersededByThis(deps.db, d.id))
      queued = (await enqueueOnce(deps.db, 'pr_comment', `deployment:${id}`, id)) || queued;
    if (queued) deps.wake();
  };
  return { name: 'superseded-comments', started: update, finished: update };
}
