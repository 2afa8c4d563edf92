import { z } from 'zod';
import { oneLine } from '../deployments/one-line.ts';
import { postDeploymentStatus } from '../github/deployments-api.ts';
import type { GitHubClientFactory } from '../github/github-client.ts';
import type { Redactor } from '../log/redactor.ts';
import type { Database } from '../store/database.ts';
import { getDeployment } from '../store/deployments-store.ts';
import type { Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

const reportPayload = z.object({ state: z.enum(['error', 'failure', 'inactive']), description: z.string() });

/** Posts a status that the store already holds (for a deployment whose worker died, or one superseded before it started). */
export function reportStatusJob(deps: {
  db: Database;
  github: GitHubClientFactory;
  redactor: Redactor;
  logUrl: (id: number) => string;
}): JobHandler {
  return {
    maxAttempts: 8,
    async run(job: Job): Promise<JobOutcome> {
      const { state, description } = reportPayload.parse(job.payload);
      const d = job.deploymentId === null ? undefined : await getDeployment(deps.db, job.deploymentId);
      if (!d) return { done: true };
      const github = await deps.github(d.installationId);
      await postDeploymentStatus(github, {
        owner: d.owner,
        repo: d.repo,
        deploymentId: d.githubId,
        state,
        description: oneLine(description, deps.redactor),
        logUrl: deps.logUrl(d.id),
      });
      return { done: true };
    },
  };
}
