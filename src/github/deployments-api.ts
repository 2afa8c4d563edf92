import type { DeploymentState } from '../deployments/deployment-state.ts';
import { httpStatus, type GitHubClient, type RepoRef } from './github-client.ts';

export type CreateDeploymentResult = { ok: true; id: number } | { ok: false; reason: 'checks_failed' | 'merged_instead'; message: string };

/**
 * Creates a GitHub Deployment. Never lets GitHub merge the default branch into the ref
 * (`auto_merge: false`), and names the required checks explicitly.
 */
export async function createDeployment(
  github: GitHubClient,
  input: RepoRef & {
    ref: string;
    environment: string;
    task: string;
    requiredContexts: string[];
    payload: Record<string, unknown>;
    description: string;
    /** GitHub's `production_environment` (src/config/production-environment.ts decides it). */
    productionEnvironment: boolean;
    /** A preview's environment: GitHub marks it gone once its deployments are inactive. */
    transientEnvironment?: boolean;
  },
): Promise<CreateDeploymentResult> {
  try {
    const res = await github.rest.repos.createDeployment({
      owner: input.owner,
      repo: input.repo,
      ref: input.ref,
      environment: input.environment,
      task: input.task,
      auto_merge: false,
      required_contexts: input.requiredContexts,
      payload: input.payload,
      description: input.description,
      production_environment: input.transientEnvironment ? false : input.productionEnvironment,
      ...(input.transientEnvironment && { transient_environment: true }),
      // A 409 (checks not green) is GitHub's final answer: Octokit's retry plugin would ask again for ~17 s.
      request: { retries: 0 },
    });
    if (res.status === 202 || !('id' in res.data)) {
      return { ok: false, reason: 'merged_instead', message: 'GitHub merged the default branch instead of creating a deployment' };
    }
    return { ok: true, id: res.data.id };
  } catch (error) {
    if (httpStatus(error) === 409) {
      return { ok: false, reason: 'checks_failed', message: (error as Error).message };
    }
    throw error;
  }
}

export async function postDeploymentStatus(
  github: GitHubClient,
  input: RepoRef & {
    deploymentId: number;
    state: Exclude<DeploymentState, 'inactive'> | 'inactive';
    description: string;
    logUrl: string;
    environmentUrl?: string;
  },
): Promise<void> {
  await github.rest.repos.createDeploymentStatus({
    owner: input.owner,
    repo: input.repo,
    deployment_id: input.deploymentId,
    state: input.state,
    description: input.description,
    log_url: input.logUrl,
    ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
    auto_inactive: true,
  });
}
