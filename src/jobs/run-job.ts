import { runDeployment, type DeploymentServices } from '../deployments/run-deployment.ts';
import { watchCancel } from '../flow/watch-cancel.ts';
import { supersededAtStart } from '../flow/supersede-at-start.ts';
import type { Queryable } from '../store/database.ts';
import { moveDeployment } from '../store/deployments-store.ts';
import { enqueueJob, markJobFailed, type Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

export const WORKER_STOPPED = 'worker stopped during the deployment';

/**
 * Runs a deployment. Never run twice: a deployment whose worker died is not resumed half-way (its
 * steps are not idempotent); it ends `error` and its environment is free for the next one.
 */
export function runJob(services: DeploymentServices): JobHandler {
  return {
    maxAttempts: 1,
    async run(job: Job, signal: AbortSignal): Promise<JobOutcome> {
      if (job.deploymentId === null || (await supersededAtStart(services, job.deploymentId))) return { done: true };
      const cancel = watchCancel(services.db, job.deploymentId, signal);
      try {
        await runDeployment(services, job.deploymentId, cancel.signal);
      } finally {
        cancel.stop();
      }
      return { done: true };
    },
    async abandon(tx: Queryable, job: Job): Promise<void> {
      await markJobFailed(tx, job.id, WORKER_STOPPED);
      if (job.deploymentId === null) return;
      await tx.query(
        `UPDATE deployment_steps SET state = 'failed', summary = $2, finished_at = now() WHERE deployment_id = $1 AND state = 'running'`,
        [job.deploymentId, WORKER_STOPPED],
      );
      const moved = await moveDeployment(tx, job.deploymentId, 'error', { description: WORKER_STOPPED });
      if (moved) {
        await enqueueJob(tx, {
          kind: 'report_status',
          key: `deployment:${job.deploymentId}`,
          deploymentId: job.deploymentId,
          payload: { state: 'error', description: WORKER_STOPPED },
        });
      }
    },
  };
}
