import type { ProbotOctokit } from 'probot';

/** The installation-authenticated Octokit that Probot hands out (throttling and retries included). */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;

/** Gets a client for an installation (Probot's `auth`). */
export type GitHubClientFactory = (installationId: number) => Promise<GitHubClient>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit RequestError, if that is what `error` is. */
export function httpStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}
