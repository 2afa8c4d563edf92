import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { backendRollbackSteps, frontendRollbackSteps } from '../providers/index.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import type { Queryable } from '../store/database.ts';
import { getDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { succeededDeployments } from '../store/environment-view.ts';
import type { Step } from './step.ts';

/**
 * The earlier deployment a rollback returns to: the one Runway recorded when the command created it
 * (never a payload's claim), else the latest success of that sha. Either way of the same
 * repository and environment.
 */
export async function rollbackTarget(db: Queryable, d: DeploymentRecord): Promise<DeploymentRecord | undefined> {
  const named = d.origin?.rollbackTo;
  if (typeof named === 'number') {
    const found = await getDeployment(db, named);
    if (found && found.owner === d.owner && found.repo === d.repo && found.environment === d.environment) return found;
  }
  return (await succeededDeployments(db, d)).find((e) => e.id !== d.id && e.sha === d.sha);
}

/** The outputs a deployment published (`backend.url`, `backend.release`, …). */
export function publishedOutputs(d: DeploymentRecord | undefined): Record<string, string> {
  const outputs = (d?.summary.outputs ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(outputs).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * The steps of a `deploy:rollback`: providers that can go back without rebuilding do so (a Heroku
 * release rollback, an S3 re-sync of the kept build); the others deploy the earlier sha again.
 */
export async function buildRollbackPlan(db: Queryable, d: DeploymentRecord, env: EnvironmentConfig, deps: ProviderDeps): Promise<Step[]> {
  return rollbackSteps(await rollbackTarget(db, d), d.sha, env, deps);
}

/** The rollback steps to `target` (or, without one, a deployment of `sha` again). */
export async function rollbackSteps(
  target: DeploymentRecord | undefined,
  sha: string,
  env: EnvironmentConfig,
  deps: ProviderDeps,
): Promise<Step[]> {
  const rollbackTo = { sha: target?.sha ?? sha, outputs: publishedOutputs(target) };
  return [
    ...(env.backend ? await backendRollbackSteps(env.backend, deps, rollbackTo) : []),
    ...(env.frontend ? await frontendRollbackSteps(env.frontend, deps, rollbackTo) : []),
  ];
}
