import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { PolicyError } from '../deployments/errors.ts';
import type { DeploymentRef } from '../deployments/deployment-ref.ts';
import type { StepLog } from '../deployments/step.ts';
import { resourcesUsed } from './config-resources.ts';
import type { RepositoryIdentity } from './repository-identity.ts';
import type { ResourceGate } from './resource-gate.ts';

/**
 * The pre-step check of a deployment: its config may use only the apps, buckets, endpoints and
 * variables the gate allows this repository. Throws a PolicyError naming each refused field;
 * returns the networks Runway's own requests for this repository may reach.
 */
export async function admitDeployment(
  gate: ResourceGate,
  deployment: Pick<DeploymentRef, 'owner' | 'repo' | 'environment'>,
  /** From the trust check, with the repository's id as GitHub gave it (never from a payload). */
  loaded: { config: DeployConfig; environment: EnvironmentConfig; repository: RepositoryIdentity },
  log: StepLog,
  options: { dryRun?: boolean } = {},
): Promise<{ network: readonly string[] }> {
  const repo = loaded.repository;
  const uses = resourcesUsed(loaded.config, deployment.environment, loaded.environment);
  const admitted = await gate.admit({ repo, uses, log, dryRun: options.dryRun });
  if (!admitted.ok) {
    for (const refusal of admitted.refusals) log.line(`✖ ${refusal}`);
    throw new PolicyError(admitted.refusals.join('; '));
  }
  return { network: gate.networkAllowFor(repo) };
}
