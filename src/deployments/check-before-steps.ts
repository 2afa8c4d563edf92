import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { RepositoryIdentity } from '../policy/repository-identity.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { authorizeCause, causeRole } from './authorize-cause.ts';
import { causeOf } from './deployment-cause.ts';
import { RefusedError } from './errors.ts';
import { checkTrust, requireTrusted } from './trust-check.ts';

/**
 * What a deployment must pass before its first step: its config may not widen the default
 * branch's trust fields, and whoever caused it must be one of the environment's deployers as the
 * default branch states them. Returns the environment to run; throws a ConfigError or a
 * RefusedError, whose message becomes the deployment's one final status.
 */
export async function checkBeforeSteps(
  github: GitHubClient,
  d: DeploymentRecord,
): Promise<{ config: DeployConfig; environment: EnvironmentConfig; repository: RepositoryIdentity }> {
  const repo = { owner: d.owner, repo: d.repo };
  const cause = causeOf(d);
  // Asked beside the configs: who caused it does not depend on them.
  const role = causeRole(github, { ...repo, cause });
  const trust = requireTrusted(
    await checkTrust(github, { ...repo, sha: d.sha, environment: d.environment, purpose: d.origin?.purpose ?? 'deploy' }),
  );
  const allowed = await authorizeCause(github, {
    ...repo,
    environment: d.environment,
    cause,
    deployers: trust.environment.deployers,
    role,
  });
  if (!allowed.ok) throw new RefusedError(`refused: ${allowed.reason}`);
  return { config: trust.config, environment: trust.environment, repository: trust.repository };
}
