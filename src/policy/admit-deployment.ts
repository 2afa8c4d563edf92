import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { PolicyError } from '../deployments/errors.ts';
import type { DeploymentRef } from '../deployments/deployment-ref.ts';
import type { StepLog } from '../deployments/step.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { resourcesUsed } from './config-resources.ts';
import { fetchRepositoryIdentity } from './repository-identity.ts';
import type { ResourceGate } from './resource-gate.ts';

/**
 * The pre-step check of a deployment: its config may use only the apps, buckets, endpoints and
 * variables the gate allows this repository. Throws a PolicyError naming each refused field;
 * returns the networks Runway's own requests for this repository may reach.
 */
export async function admitDeployment(
  gate: ResourceGate,
  github: GitHubClient,
  deployment: Pick<DeploymentRef, 'owner' | 'repo' | 'environment'>,
  loaded: { config: DeployConfig; environment: EnvironmentConfig },
  log: StepLog,
  options: { dryRun?: boolean } = {},
): Promise<{ network: readonly string[] }> {
  const repo = await fetchRepositoryIdentity(github, deployment);
  const uses = resourcesUsed(loaded.config, deployment.environment, loaded.environment);
  const admitted = await gate.admit({ repo, uses, log, dryRun: options.dryRun });
  if (!admitted.ok) {
    for (const refusal of admitted.refusals) log.line(`✖ ${refusal}`);
    throw new PolicyError(admitted.refusals.join('; '));
  }
  return { network: gate.networkAllowFor(repo) };
}
