import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import { oneLine } from '../deployments/one-line.ts';
import { postDeploymentStatus } from '../github/deployments-api.ts';
import { finalStates } from '../deployments/deployment-state.ts';
import { advanceDeployment } from '../flow/advance-deployment.ts';
import type { FlowServices } from '../flow/flow-services.ts';
import { flowEnvironment } from '../previews/preview-flow-environment.ts';
import { hasPendingOrigin } from '../store/deployment-origins-store.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { releaseJob, type Job } from '../store/job-queue.ts';
import { getLock } from '../store/locks-store.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';
import { environmentKey } from './environment-key.ts';

/**
 * A new deployment: checks that Runway manages its environment, posts `queued` with the log URL,
 * then lets its run job take its place in the environment's line, once its CI checks are green
 * and the environment is not held (src/flow/advance-deployment.ts). A deployment for an environment
 * that the default branch's config does not name belongs to some other tool (a branch cannot make
 * Runway manage one by naming it in its own config): it is left alone.
 */
export function announceJob(deps: FlowServices): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const runJobId = Number(job.payload.runJobId);
      const d = job.deploymentId === null ? undefined : await getDeployment(deps.db, job.deploymentId);
      if (!d || finalStates.includes(d.state)) return { done: true };
      const where = { owner: d.owner, repo: d.repo, environment: d.environment };
      // GitHub can announce a deployment Runway is creating before Runway heard back with its id.
      // On the last attempt it goes on without: the run then refuses it for want of a known cause.
      if (!d.origin && job.attempts < this.maxAttempts && (await hasPendingOrigin(deps.db, where)))
        return { done: false, retryable: true, expected: true, error: 'waiting for the origin of a deployment Runway is creating' };
      const github = await deps.github(d.installationId);
      const { loaded, defaultBranch } = await loadDefaultBranchConfig(github, d);
      const managed =
        loaded.state === 'invalid' ||
        (loaded.state === 'valid' && Object.hasOwn(loaded.config.environments, d.environment)) ||
        // A preview's environment (pr-<n>) is Runway's when Runway created the deployment for it.
        (loaded.state === 'valid' && loaded.config.previews !== undefined && d.origin?.trigger === 'preview');
      if (!managed) {
        // Not ours: forget it (the cascade removes its run job too).
        await deps.db.query('DELETE FROM deployments WHERE id = $1', [d.id]);
        return { done: true };
      }
      const env = loaded.state === 'valid' ? await flowEnvironment(deps.db, loaded.config, d) : undefined;
      if (env) {
        // Waits for CI and holds, then joins the line (src/flow/advance-deployment.ts).
        await advanceDeployment(deps, github, d, { env, defaultBranch, runJobId });
        return { done: true };
      }
      // An invalid config on the default branch, or a preview without its record: the run refuses it with the reason.
      const lock = await getLock(deps.db, environmentKey(d.owner, d.repo, d.environment));
      const description = lock
        ? `waiting for lock by @${lock.owner}${lock.reason ? `: ${lock.reason}` : ''}`
        : `queued for ${d.environment}`;
      try {
        await postDeploymentStatus(github, {
          owner: d.owner,
          repo: d.repo,
          deploymentId: d.githubId,
          state: 'queued',
          description: oneLine(description, deps.redactor),
          logUrl: deps.logUrl(d.id),
        });
      } catch (error) {
        // The deployment must run even if GitHub keeps refusing the `queued` status.
        if (job.attempts < this.maxAttempts) throw error;
      }
      await deps.db.transaction((tx) => releaseJob(tx, runJobId));
      return { done: true };
    },
  };
}
