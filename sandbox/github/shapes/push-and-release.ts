import { commitShape } from './commit.ts';
import { repositoryShape } from './repository.ts';
import type { Urls } from './urls.ts';
import { nodeId, userShape } from './user.ts';
import type { FakeState, RepoRecord } from '../state.ts';

const ZERO = '0000000000000000000000000000000000000000';

/** The `push` webhook body (without the envelope): a branch or tag moved from `before` to `after`. */
export function pushShape(
  urls: Urls,
  state: FakeState,
  repo: RepoRecord,
  input: { ref: string; before: string | null; after: string; pusher: string },
): Record<string, unknown> {
  const commit = state.mustResolve(repo, input.after);
  const html = `${urls.web}/${repo.owner}/${repo.name}`;
  const short = input.ref.replace(/^refs\/(heads|tags)\//, '');
  const email = `${input.pusher}@users.noreply.fake-github`;
  const person = { name: commit.author, email: `${commit.author}@users.noreply.fake-github`, username: commit.author };
  const parent = commit.parents[0] ? repo.commits.get(commit.parents[0]) : undefined;
  const changed = [...commit.files.keys()].filter((f) => parent?.files.get(f) !== commit.files.get(f));
  const headCommit = {
    id: commit.sha,
    tree_id: (commitShape(urls, repo, commit).commit as { tree: { sha: string } }).tree.sha,
    distinct: true,
    message: commit.message,
    timestamp: commit.date,
    url: `${html}/commit/${commit.sha}`,
    author: person,
    committer: person,
    added: changed.filter((f) => !parent?.files.has(f)),
    removed: [...(parent?.files.keys() ?? [])].filter((f) => !commit.files.has(f)),
    modified: changed.filter((f) => parent?.files.has(f)),
  };
  const isTag = input.ref.startsWith('refs/tags/');
  const base = repositoryShape(urls, repo);
  return {
    ref: input.ref,
    before: input.before ?? ZERO,
    after: input.after,
    created: input.before === null,
    deleted: false,
    forced: false,
    base_ref: null,
    compare:
      input.before === null ? `${html}/compare/${short}` : `${html}/compare/${input.before.slice(0, 12)}...${input.after.slice(0, 12)}`,
    // A new tag lists no commits; a branch push lists the one the fake made.
    commits: isTag ? [] : [headCommit],
    head_commit: headCommit,
    // Push events carry the repository with a few extra keys (`stargazers`, `master_branch`, the owner's name and email).
    repository: {
      ...base,
      owner: { ...(base.owner as object), name: repo.owner, email: null },
      stargazers: 0,
      master_branch: repo.defaultBranch,
    },
    pusher: { name: input.pusher, email },
  };
}

/** The `release` webhook's `release` object for a published release of `tag`. */
export function releaseShape(
  urls: Urls,
  state: FakeState,
  repo: RepoRecord,
  input: { tag: string; author: string },
): Record<string, unknown> {
  const id = state.nextId('release');
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}`;
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    url: `${api}/releases/${id}`,
    assets_url: `${api}/releases/${id}/assets`,
    upload_url: `${urls.api.replace('://', '://uploads.')}/repos/${repo.owner}/${repo.name}/releases/${id}/assets{?name,label}`,
    html_url: `${html}/releases/tag/${input.tag}`,
    id,
    node_id: nodeId('Release', id),
    tag_name: input.tag,
    target_commitish: repo.defaultBranch,
    name: input.tag,
    draft: false,
    author: userShape(urls, input.author),
    prerelease: false,
    created_at: at,
    published_at: at,
    assets: [],
    tarball_url: `${api}/tarball/${input.tag}`,
    zipball_url: `${api}/zipball/${input.tag}`,
    body: null,
  };
}
