import { createHash } from 'node:crypto';
import type { Commit } from '../git-model.ts';
import type { RepoRecord } from '../state.ts';
import type { Urls } from './urls.ts';
import { nodeId, userShape } from './user.ts';

const treeSha = (commit: Commit): string =>
  createHash('sha1')
    .update(JSON.stringify([...commit.files.entries()]))
    .digest('hex');

/** A commit as `GET /repos/{o}/{r}/commits/{ref}` returns it (without `files`). */
export function commitShape(urls: Urls, repo: RepoRecord, commit: Commit): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}`;
  const person = { name: commit.author, email: `${commit.author}@users.noreply.fake-github`, date: commit.date };
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', parseInt(commit.sha.slice(0, 8), 16)),
    commit: {
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: treeSha(commit), url: `${api}/git/trees/${treeSha(commit)}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: userShape(urls, commit.author),
    committer: userShape(urls, commit.author),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
  };
}

/** The short commit form inside a branch's listing. */
export function branchShape(
  urls: Urls,
  repo: RepoRecord,
  name: string,
  commit: Commit,
  required?: { context: string; appId: number | null }[],
): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    name,
    commit: commitShape(urls, repo, commit),
    _links: { self: `${api}/branches/${name}`, html: `${urls.web}/${repo.owner}/${repo.name}/tree/${name}` },
    protected: required !== undefined,
    protection: {
      enabled: required !== undefined,
      required_status_checks: {
        enforcement_level: required ? 'non_admins' : 'off',
        contexts: (required ?? []).map((r) => r.context),
        checks: (required ?? []).map((r) => ({ context: r.context, app_id: r.appId })),
      },
    },
    protection_url: `${api}/branches/${name}/protection`,
  };
}
