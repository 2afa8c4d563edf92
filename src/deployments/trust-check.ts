import type { DeployConfig, EnvironmentConfig } from '../config/deploy-config.ts';
import { DEPLOY_CONFIG_PATH } from '../config/parse-deploy-config.ts';
import { trustFieldDifferences, withTrustFieldsOf } from '../config/trust-fields.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { RepositoryIdentity } from '../policy/repository-identity.ts';
import { ConfigError, RefusedError } from './errors.ts';
import { loadDefaultBranchConfig, loadRepositoryConfig } from './load-environment-config.ts';

export type TrustCheck =
  | { ok: true; defaultBranch: string; repository: RepositoryIdentity; config: DeployConfig; environment: EnvironmentConfig }
  /** `config`: a config is missing or invalid (the deployment fails); `refused`: it may not run as asked. */
  | { ok: false; kind: 'config' | 'refused'; reason: string };

export interface TrustCheckInput {
  owner: string;
  repo: string;
  sha: string;
  environment: string;
  /** A redeploy or rollback of an earlier commit takes the default branch's trust fields instead of failing on them. */
  purpose: 'deploy' | 'redeploy' | 'rollback';
}

/**
 * The environment a deployment of `sha` runs with: the commit's own config, whose trust fields
 * (src/config/trust-fields.ts) must equal those of the default branch's config. The returned
 * `config` is the default branch's: it decides notifiers and everything else that is not the commit's.
 */
export async function checkTrust(github: GitHubClient, input: TrustCheckInput): Promise<TrustCheck> {
  const { owner, repo, environment: name } = input;
  // The commit's config does not depend on the default branch's: both are asked at once (settled
  // until awaited below, so a refusal on the way leaves no unhandled rejection).
  const commitLoading = loadRepositoryConfig(github, { owner, repo, ref: input.sha });
  commitLoading.catch(() => undefined);
  const { defaultBranch, repository, loaded: main } = await loadDefaultBranchConfig(github, { owner, repo });
  if (main.state === 'missing') return { ok: false, kind: 'config', reason: `${DEPLOY_CONFIG_PATH} does not exist on ${defaultBranch}` };
  if (main.state === 'invalid')
    return { ok: false, kind: 'config', reason: `${DEPLOY_CONFIG_PATH} on ${defaultBranch} is invalid: ${main.message}` };
  if (!Object.hasOwn(main.config.environments, name))
    return { ok: false, kind: 'refused', reason: `environment "${name}" is not in ${defaultBranch}'s ${DEPLOY_CONFIG_PATH}` };
  const mainEnv = main.config.environments[name]!;
  const relaxed = input.purpose !== 'deploy';
  const trusted = (environment: EnvironmentConfig): TrustCheck => ({
    ok: true,
    defaultBranch,
    repository,
    config: main.config,
    environment,
  });

  const commit = await commitLoading;
  const at = input.sha.slice(0, 7);
  if (commit.state !== 'valid') {
    if (relaxed) return trusted(mainEnv);
    const reason = commit.state === 'missing' ? `${DEPLOY_CONFIG_PATH} does not exist at ${at}` : commit.message;
    return { ok: false, kind: 'config', reason };
  }
  const commitEnv = Object.hasOwn(commit.config.environments, name) ? commit.config.environments[name] : undefined;
  if (!commitEnv) {
    if (relaxed) return trusted(mainEnv);
    return { ok: false, kind: 'config', reason: `environment "${name}" is not in ${DEPLOY_CONFIG_PATH} at ${at}` };
  }
  if (relaxed) return trusted(withTrustFieldsOf(mainEnv, commitEnv));
  const differences = trustFieldDifferences(
    name,
    { config: main.config, environment: mainEnv },
    { config: commit.config, environment: commitEnv },
  );
  if (differences.length === 0) return trusted(commitEnv);
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : '';
  return {
    ok: false,
    kind: 'refused',
    reason: `${differences[0]!} differs from ${defaultBranch}'s${more}; change it on ${defaultBranch}`,
  };
}

/** The trusted environment, or the ConfigError or RefusedError that ends the deployment (or dry run) with the reason. */
export function requireTrusted(check: TrustCheck): Extract<TrustCheck, { ok: true }> {
  if (check.ok) return check;
  throw check.kind === 'config' ? new ConfigError(check.reason) : new RefusedError(`refused: ${check.reason}`);
}
