import type { Context } from 'probot';
import { commandKey, type CommandRequest } from '../chatops/command-request.ts';
import { parseCommand } from '../chatops/parse-command.ts';
import type { Database } from '../store/database.ts';
import { recordDelivery } from '../store/deliveries-store.ts';
import { enqueueJob } from '../store/job-queue.ts';

/**
 * A new comment on an issue or pull request: when it holds a command (or something meant as one),
 * record it for the worker, which checks permissions, reacts and replies. Bots and ordinary comments
 * are ignored; nothing here calls GitHub.
 */
export function onIssueCommentCreated(deps: { db: Database; wake: () => void }) {
  return async (context: Context<'issue_comment.created'>): Promise<void> => {
    const { comment, issue, repository, installation, sender } = context.payload;
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
    const recorded = await deps.db.transaction(async (tx) => {
      if (!(await recordDelivery(tx, context.id, context.name))) return false;
      await enqueueJob(tx, { kind: 'command', key: commandKey(request), payload: request });
      return true;
    });
    if (recorded) deps.wake();
  };
}
