import { oneLine } from '../deployments/one-line.ts';
import { postDeploymentStatus } from '../github/deployments-api.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import type { FlowServices } from './flow-services.ts';

/** Posts `queued` (or `inactive`) with why the deployment waits; a refusal is logged, never fatal (the next change posts again). */
export async function postFlowStatus(
  services: Pick<FlowServices, 'redactor' | 'logUrl' | 'log'>,
  github: GitHubClient,
  d: DeploymentRecord,
  state: 'queued' | 'inactive' | 'failure' | 'error',
  description: string,
): Promise<void> {
  try {
    await postDeploymentStatus(github, {
      owner: d.owner,
      repo: d.repo,
      deploymentId: d.githubId,
      state,
      description: oneLine(description, services.redactor),
      logUrl: services.logUrl(d.id),
    });
  } catch (error) {
    services.log.warn({ err: error, deployment: d.id }, `could not post the ${state} status`);
  }
}
