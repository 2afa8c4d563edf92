import { createDeployment, type CreateDeploymentResult } from '../github/deployments-api.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { Queryable } from '../store/database.ts';
import { attachOrigin, beginOrigin, dropOrigin, type DeploymentOrigin } from '../store/deployment-origins-store.ts';

/**
 * Creates a GitHub Deployment for Runway's own reasons (a merge, a command) and records its origin
 * in the store first, so that the deployment's cause, conversation and rollback target are Runway's
 * record and not the payload. The origin waits without an id until GitHub answers; the announce
 * job waits for it when GitHub's webhook comes first.
 */
export async function createRunwayDeployment(
  db: Queryable,
  github: GitHubClient,
  input: Parameters<typeof createDeployment>[1],
  origin: DeploymentOrigin,
): Promise<CreateDeploymentResult> {
  const originId = await beginOrigin(db, { owner: input.owner, repo: input.repo, environment: input.environment }, origin);
  let created: CreateDeploymentResult;
  try {
    created = await createDeployment(github, input);
  } catch (error) {
    await dropOrigin(db, originId);
    throw error;
  }
  if (created.ok) await attachOrigin(db, originId, created.id);
  else await dropOrigin(db, originId);
  return created;
}
