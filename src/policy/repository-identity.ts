import type { GitHubClient } from '../github/github-client.ts';

/** A repository as the policy matches it: by name (case-insensitive, reusable after a rename) and by id. */
export interface RepositoryIdentity {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
}

/** The repository's id from GitHub itself (never from a deployment payload, which anyone can write). */
export async function fetchRepositoryIdentity(github: GitHubClient, input: { owner: string; repo: string }): Promise<RepositoryIdentity> {
  const res = await github.rest.repos.get({ owner: input.owner, repo: input.repo });
  return { owner: input.owner, name: input.repo, id: res.data.id };
}

export function fullName(repo: RepositoryIdentity): string {
  return `${repo.owner}/${repo.name}`;
}
