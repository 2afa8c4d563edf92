import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { DEPLOY_CONFIG_PATH } from '../config/parse-deploy-config.ts';
import { authorizeCause } from '../deployments/authorize-cause.ts';
import { causeOf } from '../deployments/deployment-cause.ts';
import { ConfigError, RefusedError } from '../deployments/errors.ts';
import { loadDefaultBranchConfig, loadRepositoryConfig } from '../deployments/load-environment-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { RepositoryIdentity } from '../policy/repository-identity.ts';
import type { Queryable } from '../store/database.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { getPreview } from '../store/previews-store.ts';
import { previewEnvironment } from './preview-environment.ts';

/** The pull request number of a preview environment name (`pr-12` → 12). */
export function previewPullNumber(environment: string): number | undefined {
  const match = /^pr-([1-9]\d{0,9})$/.exec(environment);
  return match ? Number(match[1]) : undefined;
}

/**
 * The pre-step check of a preview deployment (one Runway created, trigger `preview`): the default
 * branch must still have `previews:`, the pull request a live preview whose app Runway created, and
 * whoever caused it must be one of the previews' deployers. Returns the preview's environment (see
 * preview-environment.ts); the policy check that follows bounds its app name and prefix.
 */
export async function checkPreviewBeforeSteps(
  db: Queryable,
  github: GitHubClient,
  d: DeploymentRecord,
): Promise<{ config: DeployConfig; environment: EnvironmentConfig; repository: RepositoryIdentity }> {
  const repo = { owner: d.owner, repo: d.repo };
  const pullNumber = previewPullNumber(d.environment);
  if (pullNumber === undefined) throw new RefusedError(`refused: ${d.environment} is not a preview environment (pr-<number>)`);
  const { defaultBranch, repository, loaded } = await loadDefaultBranchConfig(github, repo);
  if (loaded.state !== 'valid')
    throw new ConfigError(
      loaded.state === 'missing'
        ? `${DEPLOY_CONFIG_PATH} does not exist on ${defaultBranch}`
        : `${DEPLOY_CONFIG_PATH} on ${defaultBranch} is invalid`,
    );
  if (!loaded.config.previews) throw new RefusedError(`refused: ${defaultBranch}'s ${DEPLOY_CONFIG_PATH} has no \`previews:\``);
  const preview = await getPreview(db, { ...repo, pullNumber });
  if (!preview || preview.state !== 'alive') throw new RefusedError(`refused: pull request #${pullNumber} has no live preview`);
  const commit = await loadRepositoryConfig(github, { ...repo, ref: d.sha });
  const built = previewEnvironment(loaded.config, commit.state === 'valid' ? commit.config : undefined, preview);
  if (!built.ok) throw new ConfigError(built.reason);
  if (built.environment.backend && preview.appId === null) throw new RefusedError('refused: the preview has no app that Runway created');
  const allowed = await authorizeCause(github, {
    ...repo,
    environment: d.environment,
    cause: causeOf(d),
    deployers: built.environment.deployers,
  });
  if (!allowed.ok) throw new RefusedError(`refused: ${allowed.reason}`);
  return { config: loaded.config, environment: built.environment, repository };
}
