import type { GitHubClient, RepoRef } from './github-client.ts';

export type Reaction = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';

export async function createComment(github: GitHubClient, input: RepoRef & { issueNumber: number; body: string }): Promise<number> {
  const res = await github.rest.issues.createComment({
    owner: input.owner,
    repo: input.repo,
    issue_number: input.issueNumber,
    body: input.body,
  });
  return res.data.id;
}

export async function updateComment(github: GitHubClient, input: RepoRef & { commentId: number; body: string }): Promise<void> {
  await github.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: input.commentId, body: input.body });
}

export async function addReaction(github: GitHubClient, input: RepoRef & { commentId: number; content: Reaction }): Promise<void> {
  await github.rest.reactions.createForIssueComment({
    owner: input.owner,
    repo: input.repo,
    comment_id: input.commentId,
    content: input.content,
  });
}
