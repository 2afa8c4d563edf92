import type { FakeGitHub } from '../../sandbox/github/index.ts';

/** Commits `files` on a new branch, opens a pull request from it and merges it; returns the merge commit. */
export async function mergeChange(
  github: FakeGitHub,
  repo: { owner: string; name: string },
  change: { branch: string; title: string; files: Record<string, string | null> },
): Promise<string> {
  github.commit(repo.owner, repo.name, { branch: change.branch, files: change.files, message: change.title });
  const pr = github.openPullRequest(repo.owner, repo.name, { head: change.branch, title: change.title, user: 'ana' });
  const { mergeSha, delivery } = await github.mergePullRequest(repo.owner, repo.name, pr, { mergedBy: 'lead' });
  if (delivery.status < 200 || delivery.status >= 300) throw new Error(`Runway answered the merge webhook with ${delivery.status}`);
  return mergeSha;
}
