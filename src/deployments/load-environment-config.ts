import type { DeployConfig } from '../config/deploy-config.ts';
import { DEPLOY_CONFIG_PATH, formatConfigProblems, parseDeployConfig } from '../config/parse-deploy-config.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { fetchFileText } from '../github/repository-content.ts';
import type { RepositoryIdentity } from '../policy/repository-identity.ts';
import { CommitConfigCache, isCommitSha } from './commit-config-cache.ts';
import { branchHead, defaultBranchHead } from './default-branch-head.ts';

export type RepositoryConfig = { state: 'missing' } | { state: 'invalid'; message: string } | { state: 'valid'; config: DeployConfig };

/** Every deploy.yml this process read at a commit, parsed (src/deployments/commit-config-cache.ts). */
const atCommit = new CommitConfigCache<RepositoryConfig>();

async function fetchRepositoryConfig(github: GitHubClient, input: { owner: string; repo: string; ref: string }): Promise<RepositoryConfig> {
  const text = await fetchFileText(github, { ...input, path: DEPLOY_CONFIG_PATH });
  if (text === undefined) return { state: 'missing' };
  const parsed = parseDeployConfig(text);
  return parsed.ok ? { state: 'valid', config: parsed.config } : { state: 'invalid', message: formatConfigProblems(parsed.problems) };
}

/**
 * `.github/deploy.yml` at a ref. At a commit SHA it is read once per process (the file at a commit
 * never changes); at a branch or tag name it is read every time. The answer is frozen.
 */
export function loadRepositoryConfig(github: GitHubClient, input: { owner: string; repo: string; ref: string }): Promise<RepositoryConfig> {
  if (isCommitSha(input.ref))
    return atCommit.read({ api: github.request.endpoint.DEFAULTS.baseUrl, ...input, sha: input.ref }, () =>
      fetchRepositoryConfig(github, input),
    );
  return fetchRepositoryConfig(github, input);
}

/**
 * The config on the repository's default branch, which alone decides whether, when, where and with
 * what credentials a deployment runs (see src/config/trust-fields.ts), and the repository's id from
 * the same answer (the policy matches by it). Asked fresh each time: the repository (its default
 * branch) and the commit that branch points at now (src/deployments/default-branch-head.ts), whose
 * config is read once per process.
 */
export async function loadDefaultBranchConfig(
  github: GitHubClient,
  input: { owner: string; repo: string },
): Promise<{ defaultBranch: string; repository: RepositoryIdentity; loaded: RepositoryConfig }> {
  const { repository, defaultBranch, head } = await defaultBranchHead(github, input);
  return { defaultBranch, repository, loaded: await loadRepositoryConfig(github, { ...input, ref: head ?? defaultBranch }) };
}

/** `.github/deploy.yml` on a branch now: the commit the branch points at (asked fresh), then the config at that commit (read once per process). */
export async function loadBranchConfig(
  github: GitHubClient,
  input: { owner: string; repo: string; branch: string },
): Promise<RepositoryConfig> {
  const head = await branchHead(github, input);
  return loadRepositoryConfig(github, { owner: input.owner, repo: input.repo, ref: head ?? input.branch });
}
