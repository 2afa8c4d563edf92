import type { GitHubClient, RepoRef } from './github-client.ts';

/**
 * Whether `ref` (a sha or tag) is reachable from `branch`, and which commit it names: GitHub's
 * compare of `branch...ref` says `behind` or `identical` exactly when the branch contains it.
 */
export async function commitOnBranch(
  github: GitHubClient,
  input: RepoRef & { branch: string; ref: string },
): Promise<{ onBranch: boolean; sha: string }> {
  const { data: commit } = await github.rest.repos.getCommit({ owner: input.owner, repo: input.repo, ref: input.ref });
  const { data: compare } = await github.rest.repos.compareCommitsWithBasehead({
    owner: input.owner,
    repo: input.repo,
    basehead: `${input.branch}...${commit.sha}`,
    per_page: 1,
  });
  return { onBranch: compare.status === 'behind' || compare.status === 'identical', sha: commit.sha };
}
