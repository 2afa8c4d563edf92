import { httpStatus, type GitHubClient, type RepoRef } from './github-client.ts';

/**
 * When the work of a pull request began: the earliest author date among its commits (GitHub lists
 * at most 250). A rebase of the branch keeps author dates and changes committer dates.
 * Undefined when GitHub gives no date or no longer knows the pull request (404); other errors are
 * thrown, like the merge job's other calls, and the job tries again.
 */
export async function pullRequestFirstCommitAt(github: GitHubClient, input: RepoRef & { pullNumber: number }): Promise<Date | undefined> {
  let commits;
  try {
    commits = await github.paginate(github.rest.pulls.listCommits, {
      owner: input.owner,
      repo: input.repo,
      pull_number: input.pullNumber,
      per_page: 100,
    });
  } catch (error) {
    // A pull request GitHub no longer shows: no first commit, and the merge deploys all the same.
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
  const times = commits.map((c) => Date.parse(c.commit.author?.date ?? c.commit.committer?.date ?? '')).filter((t) => Number.isFinite(t));
  return times.length === 0 ? undefined : new Date(Math.min(...times));
}
