import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { backendRollbackSteps, frontendRollbackSteps } from '../providers/index.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import type { Queryable } from '../store/database.ts';
import { getDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { succeededDeployments } from '../store/environment-view.ts';
import type { Step } from './step.ts';

/** The earlier deployment a rollback returns to: the one the command named, else the latest success of that sha. */
export async function rollbackTarget(db: Queryable, d: DeploymentRecord): Promise<DeploymentRecord | undefined> {
  const named = ((d.payload.runway ?? {}) as { rollback_to?: unknown }).rollback_to;
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
  const target = await rollbackTarget(db, d);
  const rollbackTo = { sha: target?.sha ?? d.sha, outputs: publishedOutputs(target) };
  return [
    ...(env.backend ? backendRollbackSteps(env.backend, deps, rollbackTo) : []),
    ...(env.frontend ? frontendRollbackSteps(env.frontend, deps, rollbackTo) : []),
  ];
}
