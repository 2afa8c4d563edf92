import type { GitHubClient, RepoRef } from './github-client.ts';

/**
 * When the work of a pull request began: the earliest author date among its commits (GitHub lists
 * at most 250). Author dates survive rebases and squashes of the branch; committer dates do not.
 * Undefined when GitHub gives no date.
 */
export async function pullRequestFirstCommitAt(github: GitHubClient, input: RepoRef & { pullNumber: number }): Promise<Date | undefined> {
  const commits = await github.paginate(github.rest.pulls.listCommits, {
    owner: input.owner,
    repo: input.repo,
    pull_number: input.pullNumber,
    per_page: 100,
  });
  const times = commits.map((c) => Date.parse(c.commit.author?.date ?? c.commit.committer?.date ?? '')).filter((t) => Number.isFinite(t));
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}
