import { httpStatus, type GitHubClient } from '../github/github-client.ts';
import type { RepositoryIdentity } from '../policy/repository-identity.ts';

export interface DefaultBranchHead {
  repository: RepositoryIdentity;
  defaultBranch: string;
  /** The commit the default branch points at now; undefined when it has no such branch (an empty repository). */
  head: string | undefined;
}

/** Repositories whose default branch this process saw last (the most recent `GUESSES`). */
const GUESSES = 1024;
const lastSeen = new Map<string, string>();

/** The commit a branch points at now, or undefined when there is no such branch. */
export async function branchHead(
  github: GitHubClient,
  input: { owner: string; repo: string; branch: string },
): Promise<string | undefined> {
  try {
    return (await github.rest.repos.getBranch(input)).data.commit.sha;
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

/**
 * The repository (its id and default branch) and the commit its default branch points at, both
 * asked of GitHub now. A default branch seldom changes, so its head is asked at the same time as
 * the repository, under the name this process saw last; that answer is used only when the
 * repository's fresh answer names the same branch, else the branch it names is asked after it.
 * Nothing is taken from memory without GitHub confirming it: the memory only saves a round trip.
 */
export async function defaultBranchHead(github: GitHubClient, input: { owner: string; repo: string }): Promise<DefaultBranchHead> {
  const key = [github.request.endpoint.DEFAULTS.baseUrl, input.owner.toLowerCase(), input.repo.toLowerCase()].join('\n');
  const guess = lastSeen.get(key);
  const guessed = guess === undefined ? undefined : branchHead(github, { ...input, branch: guess });
  // Settled (ignored) unless the guess is confirmed, so a wrong or failing guess leaves no unhandled rejection.
  guessed?.catch(() => undefined);
  const res = await github.rest.repos.get({ owner: input.owner, repo: input.repo });
  const defaultBranch = res.data.default_branch;
  lastSeen.delete(key);
  lastSeen.set(key, defaultBranch);
  if (lastSeen.size > GUESSES) lastSeen.delete(lastSeen.keys().next().value!);
  const head = guessed && guess === defaultBranch ? await guessed : await branchHead(github, { ...input, branch: defaultBranch });
  return { repository: { owner: input.owner, name: input.repo, id: res.data.id }, defaultBranch, head };
}
