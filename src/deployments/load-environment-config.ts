import type { DeployConfig } from '../config/deploy-config.ts';
import { DEPLOY_CONFIG_PATH, formatConfigProblems, parseDeployConfig } from '../config/parse-deploy-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { fetchFileText } from '../github/repository-content.ts';
import type { RepositoryIdentity } from '../policy/repository-identity.ts';

export type RepositoryConfig = { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'valid'; config: DeployConfig };

/** `.github/deploy.yml` at a ref. */
export async function loadRepositoryConfig(
  github: GitHubClient,
  input: { owner: string; repo: string; ref: string },
): Promise<RepositoryConfig> {
  const text = await fetchFileText(github, { ...input, path: DEPLOY_CONFIG_PATH });
  if (text === undefined) return { state: 'missing' };
  const parsed = parseDeployConfig(text);
  return parsed.ok ? { state: 'valid', config: parsed.config } : { state: 'invalid', message: formatConfigProblems(parsed.problems) };
}

/**
 * The config on the repository's default branch, which alone decides whether, when, where and with
 * what credentials a deployment runs (see src/config/trust-fields.ts), and the repository's id from
 * the same answer (the policy matches by it).
 */
export async function loadDefaultBranchConfig(
  github: GitHubClient,
  input: { owner: string; repo: string },
): Promise<{ defaultBranch: string; repository: RepositoryIdentity; loaded: RepositoryConfig }> {
  const res = await github.rest.repos.get({ owner: input.owner, repo: input.repo });
  const defaultBranch = res.data.default_branch;
  const repository = { owner: input.owner, name: input.repo, id: res.data.id };
  return { defaultBranch, repository, loaded: await loadRepositoryConfig(github, { ...input, ref: defaultBranch }) };
}
