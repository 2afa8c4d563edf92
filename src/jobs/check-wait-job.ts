import { flowEnvironment } from '../previews/preview-flow-environment.ts';
import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import { finalStates } from '../deployments/deployment-state.ts';
import { advanceDeployment } from '../flow/advance-deployment.ts';
import { endBeforeStart } from '../flow/end-before-start.ts';
import type { FlowServices } from '../flow/flow-services.ts';
import { getWait } from '../store/deployment-waits-store.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { scheduleCheckWait, type Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/**
 * A deployment waiting for CI: asks GitHub how its checks stand (check webhooks only make this
 * run sooner) and moves it on, or comes back after `checksPollSeconds`, the safety net for a
 * webhook that never came. The wait is in the store, so it survives restarts.
 */
export function checkWaitJob(services: FlowServices): JobHandler {
  return {
    maxAttempts: 10,
    async run(job: Job): Promise<JobOutcome> {
      const d = job.deploymentId === null ? undefined : await getDeployment(services.db, job.deploymentId);
      if (!d || finalStates.includes(d.state)) return { done: true };
      const wait = await getWait(services.db, d.id);
      if (wait?.reason !== 'checks') return { done: true };
      const github = await services.github(d.installationId);
      const { loaded, defaultBranch } = await loadDefaultBranchConfig(github, d);
      const env = loaded.state === 'valid' ? await flowEnvironment(services.db, loaded.config, d) : undefined;
      if (!env) {
        await endBeforeStart(services, github, d, {
          state: 'error',
          description: `environment "${d.environment}" is no longer in ${defaultBranch}'s .github/deploy.yml`,
        });
        return { done: true };
      }
      const step = await advanceDeployment(services, github, d, { env, defaultBranch });
      // Still waiting: ask again after the poll interval (a webhook may pull that forward).
      if (step === 'waiting_for_checks') await scheduleCheckWait(services.db, d.id, services.checksPollSeconds);
      return { done: true };
    },
  };
}
