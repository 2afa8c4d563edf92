import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import { commandKey, type CommandRequest } from '../chatops/command-request.ts';
import { parseCommand } from '../chatops/parse-command.ts';
import { commentAgeSeconds } from '../chatops/comment-age.ts';
import { claimComment } from '../store/comment-commands-store.ts';
import type { Database } from '../store/database.ts';
import { recordDelivery } from '../store/deliveries-store.ts';
import { enqueueJob } from '../store/job-queue.ts';

/**
 * A new comment on an issue or pull request: when it holds a command (or something meant as one),
 * record it for the worker, which checks permissions, reacts and replies. Bots and ordinary comments
 * are ignored; nothing here calls GitHub.
 *
 * A comment acts once, whatever delivery ids carry it: it is claimed by repository id and comment
 * id, which a replay cannot change. A comment that first arrives long after it was written (a
 * delivery after downtime, or one replayed from an old capture) gets a note instead of acting: what
 * it asked for may no longer be wanted. Edits (`issue_comment.edited`) are not handled at all, so
 * editing a comment never runs it again.
 */
export function onIssueCommentCreated(deps: { db: Database; wake: () => void; commentMaxAgeSeconds: number }) {
  return async (event: WebhookEvent<'issue_comment.created'>): Promise<void> => {
    const { comment, issue, repository, installation, sender } = event.payload;
    if (!installation || sender.type === 'Bot' || comment.user?.type === 'Bot') return;
    const parsed = parseCommand(comment.body);
    if (!parsed.ok && parsed.reason === 'not_a_command') return;
    const request: CommandRequest = {
      installationId: installation.id,
      owner: repository.owner.login,
      repo: repository.name,
      defaultBranch: repository.default_branch,
      issueNumber: issue.number,
      isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
      commentId: comment.id,
      actor: sender.login,
      body: comment.body,
    };
    const ageSeconds = commentAgeSeconds(comment.created_at, new Date());
    const tooOld = ageSeconds > deps.commentMaxAgeSeconds;
    const recorded = await deps.db.transaction(async (tx) => {
      if (!(await recordDelivery(tx, event.id, event.name))) return false;
      const claimed = await claimComment(tx, {
        repositoryId: repository.id,
        commentId: comment.id,
        outcome: tooOld ? 'too_old' : 'queued',
      });
      if (!claimed) return false;
      await enqueueJob(tx, {
        kind: tooOld ? 'late_comment' : 'command',
        key: commandKey(request),
        payload: tooOld ? { ...request, ageSeconds: Number.isFinite(ageSeconds) ? ageSeconds : null } : request,
      });
      return true;
    });
    if (recorded) deps.wake();
  };
}
