import type { CommentRecord, FakeState, RepoRecord } from '../state.ts';
import type { Urls } from './urls.ts';
import { nodeId, userShape } from './user.ts';

/** An issue, or the issue side of a pull request (then with `pull_request`), as `issue_comment` payloads carry it. */
export function issueShape(urls: Urls, state: FakeState, repo: RepoRecord, number: number): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}`;
  const pr = repo.pulls.get(number);
  const issue = repo.issues.get(number);
  const id = pr?.id ?? issue?.id ?? number;
  const open = pr ? pr.state === 'open' : true;
  return {
    url: `${api}/issues/${number}`,
    repository_url: api,
    labels_url: `${api}/issues/${number}/labels{/name}`,
    comments_url: `${api}/issues/${number}/comments`,
    events_url: `${api}/issues/${number}/events`,
    html_url: pr ? `${html}/pull/${number}` : `${html}/issues/${number}`,
    id,
    node_id: nodeId(pr ? 'PullRequest' : 'Issue', id),
    number,
    title: pr?.title ?? issue?.title ?? `Issue ${number}`,
    user: userShape(urls, pr?.user ?? issue?.user ?? repo.owner),
    labels: [],
    state: open ? 'open' : 'closed',
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: repo.comments.filter((c) => c.issueNumber === number).length,
    created_at: pr?.createdAt ?? issue?.createdAt,
    updated_at: pr?.updatedAt ?? issue?.createdAt,
    closed_at: pr?.closedAt ?? null,
    author_association: 'MEMBER',
    active_lock_reason: null,
    body: null,
    ...(pr
      ? {
          draft: false,
          pull_request: {
            url: `${api}/pulls/${number}`,
            html_url: `${html}/pull/${number}`,
            diff_url: `${html}/pull/${number}.diff`,
            patch_url: `${html}/pull/${number}.patch`,
            merged_at: pr.mergedAt,
          },
        }
      : {}),
    reactions: reactionSummary(`${api}/issues/${number}/reactions`, []),
    timeline_url: `${api}/issues/${number}/timeline`,
    performed_via_github_app: null,
    state_reason: null,
  };
}

export function reactionSummary(url: string, contents: string[]): Record<string, unknown> {
  const count = (c: string): number => contents.filter((x) => x === c).length;
  return {
    url,
    total_count: contents.length,
    '+1': count('+1'),
    '-1': count('-1'),
    laugh: count('laugh'),
    hooray: count('hooray'),
    confused: count('confused'),
    heart: count('heart'),
    rocket: count('rocket'),
    eyes: count('eyes'),
  };
}

/** An issue comment as the REST API and `issue_comment` payloads carry it. */
export function commentShape(urls: Urls, state: FakeState, repo: RepoRecord, comment: CommentRecord): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}`;
  const onPull = repo.pulls.has(comment.issueNumber);
  const reactions = (state.reactions.get(comment.id) ?? []).map((r) => r.content);
  return {
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${html}/${onPull ? 'pull' : 'issues'}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: userShape(urls, comment.user, comment.userType),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.userType === 'Bot' ? 'NONE' : 'MEMBER',
    body: comment.body,
    reactions: reactionSummary(`${api}/issues/comments/${comment.id}/reactions`, reactions),
    performed_via_github_app: null,
  };
}
