import type { FakeState, PullRecord, RepoRecord } from '../state.ts';
import { repositoryShape } from './repository.ts';
import type { Urls } from './urls.ts';
import { nodeId, userShape } from './user.ts';

function side(urls: Urls, repo: RepoRecord, ref: string, sha: string, fork: boolean, user: string): Record<string, unknown> {
  const owner = fork ? user : repo.owner;
  const repoShape = repositoryShape(urls, repo);
  const shown = fork
    ? {
        ...repoShape,
        full_name: `${owner}/${repo.name}`,
        owner: userShape(urls, owner),
        fork: true,
        html_url: `${urls.web}/${owner}/${repo.name}`,
        url: `${urls.api}/repos/${owner}/${repo.name}`,
      }
    : repoShape;
  return { label: `${owner}:${ref}`, ref, sha, user: userShape(urls, owner), repo: shown };
}

/** A pull request as `GET /pulls/{n}` and `pull_request` webhooks carry it. */
export function pullRequestShape(urls: Urls, state: FakeState, repo: RepoRecord, pr: PullRecord): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}`;
  const headSha = state.headSha(repo, pr);
  const baseSha = pr.mergedBaseSha ?? repo.branches.get(pr.base) ?? '';
  const comments = repo.comments.filter((c) => c.issueNumber === pr.number).length;
  return {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: nodeId('PullRequest', pr.id),
    html_url: `${html}/pull/${pr.number}`,
    diff_url: `${html}/pull/${pr.number}.diff`,
    patch_url: `${html}/pull/${pr.number}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userShape(urls, pr.user),
    body: null,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: [],
    milestone: null,
    draft: false,
    commits_url: `${api}/pulls/${pr.number}/commits`,
    review_comments_url: `${api}/pulls/${pr.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    head: side(urls, repo, pr.head, headSha, pr.fromFork, pr.user),
    base: side(urls, repo, pr.base, baseSha, false, repo.owner),
    _links: {
      self: { href: `${api}/pulls/${pr.number}` },
      html: { href: `${html}/pull/${pr.number}` },
      issue: { href: `${api}/issues/${pr.number}` },
      comments: { href: `${api}/issues/${pr.number}/comments` },
      review_comments: { href: `${api}/pulls/${pr.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pr.number}/commits` },
      statuses: { href: `${api}/statuses/${headSha}` },
    },
    author_association: pr.fromFork ? 'CONTRIBUTOR' : 'MEMBER',
    auto_merge: null,
    active_lock_reason: null,
    merged: pr.merged,
    mergeable: pr.state === 'open' ? true : null,
    rebaseable: pr.state === 'open' ? true : null,
    mergeable_state: pr.state === 'open' ? 'clean' : 'unknown',
    merged_by: pr.mergedBy ? userShape(urls, pr.mergedBy) : null,
    comments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}
