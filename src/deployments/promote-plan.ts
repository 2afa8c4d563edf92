import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { backendPromoteSteps, frontendPromoteSteps } from '../providers/index.ts';
import type { ProviderDeps } from '../providers/provider.ts';
import type { Queryable } from '../store/database.ts';
import { getDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { ConfigError } from './errors.ts';
import { publishedOutputs } from './rollback-plan.ts';
import type { Step } from './step.ts';

/**
 * The deployment a `deploy:promote` ships: the one Runway recorded when `/promote` created it
 * (never a payload's claim), of the same repository and another environment.
 */
async function promotionSource(db: Queryable, d: DeploymentRecord): Promise<DeploymentRecord> {
  const named = d.origin?.rollbackTo;
  const found = typeof named === 'number' ? await getDeployment(db, named) : undefined;
  if (!found || found.owner !== d.owner || found.repo !== d.repo || found.environment === d.environment)
    throw new ConfigError('this promotion names no deployment of another environment to ship');
  return found;
}

/**
 * The steps of a `deploy:promote`: what the source environment runs, put on this one without a
 * rebuild where the provider can (a Heroku release of the same slug; an S3 frontend's kept build
 * when the build would be the same, else a build with this environment's backend URL). Both sides
 * must use the same providers.
 */
export async function buildPromotePlan(
  db: Queryable,
  d: DeploymentRecord,
  config: DeployConfig,
  env: EnvironmentConfig,
  deps: ProviderDeps,
): Promise<Step[]> {
  return promoteSteps(await promotionSource(db, d), config, { name: d.environment, env }, deps);
}

/** The steps that ship `source` to the environment `to` (a dry run lists them too). */
export async function promoteSteps(
  source: DeploymentRecord,
  config: DeployConfig,
  { name, env }: { name: string; env: EnvironmentConfig },
  deps: ProviderDeps,
): Promise<Step[]> {
  const from = Object.hasOwn(config.environments, source.environment) ? config.environments[source.environment] : undefined;
  if (!from) throw new ConfigError(`cannot promote from ${source.environment}: it is no longer in the config`);
  const problem = providerMismatch(from, env);
  if (problem) throw new ConfigError(`cannot promote from ${source.environment} to ${name}: ${problem}`);
  const outputs = publishedOutputs(source);
  const shipped = { sha: source.sha, environment: source.environment, outputs };
  return [
    ...(env.backend && from.backend ? await backendPromoteSteps(env.backend, deps, { ...shipped, config: from.backend }) : []),
    ...(env.frontend && from.frontend ? await frontendPromoteSteps(env.frontend, deps, { ...shipped, config: from.frontend }) : []),
  ];
}

/** Why two environments cannot promote into each other (their backend or frontend providers differ), or undefined. */
export function providerMismatch(from: EnvironmentConfig, to: EnvironmentConfig): string | undefined {
  for (const side of ['backend', 'frontend'] as const) {
    const a = from[side]?.provider ?? 'none';
    const b = to[side]?.provider ?? 'none';
    if (a !== b) return `the ${side} providers differ (${a} and ${b})`;
  }
  return undefined;
}
