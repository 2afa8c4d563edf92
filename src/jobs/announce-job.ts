import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import { oneLine } from '../deployments/one-line.ts';
import { postDeploymentStatus } from '../github/deployments-api.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Database } from '../store/database.ts';
import { hasPendingOrigin } from '../store/deployment-origins-store.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { releaseJob, type Job } from '../store/job-queue.ts';
import { getLock } from '../store/locks-store.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';
import { environmentKey } from './environment-key.ts';

/**
 * A new deployment: checks that Runway manages its environment, posts `queued` with the log URL,
 * then lets its run job take its place in the environment's line. A deployment for an environment
 * that the default branch's config does not name belongs to some other tool (a branch cannot make
 * Runway manage one by naming it in its own config): it is left alone.
 */
export function announceJob(deps: {
  db: Database;
  github: GitHubClientFactory;
  redactor: Redactor;
  logUrl: (id: number) => string;
}): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const runJobId = Number(job.payload.runJobId);
      const d = job.deploymentId === null ? undefined : await getDeployment(deps.db, job.deploymentId);
      if (!d) return { done: true };
      const where = { owner: d.owner, repo: d.repo, environment: d.environment };
      // GitHub can announce a deployment Runway is creating before Runway heard back with its id.
      // On the last attempt it goes on without: the run then refuses it for want of a known cause.
      if (!d.origin && job.attempts < this.maxAttempts && (await hasPendingOrigin(deps.db, where)))
        return { done: false, retryable: true, expected: true, error: 'waiting for the origin of a deployment Runway is creating' };
      const github = await deps.github(d.installationId);
      const { loaded } = await loadDefaultBranchConfig(github, d);
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
