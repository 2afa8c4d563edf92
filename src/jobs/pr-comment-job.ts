import type { GitHubClientFactory } from '../github/github-client.ts';
import { addReaction, createComment, updateComment } from '../github/issue-comments.ts';
import type { Redactor } from '../log/redactor.ts';
import { prCommentBody } from '../deployments/pr-comment-body.ts';
import type { Database } from '../store/database.ts';
import { getDeploymentComment, saveDeploymentComment } from '../store/deployment-comments-store.ts';
import { getDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import type { Job } from '../store/job-queue.ts';
import { listSteps } from '../store/steps-store.ts';
import { commentFlow } from '../flow/comment-flow.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/**
 * The issue or PR whose conversation follows a deployment, and the command comment that asked for
 * it: what Runway recorded when it created the deployment. Deployments others created have none.
 */
export function commentTarget(d: DeploymentRecord): { issue?: number; commandComment?: number; reply?: number } {
  const o = d.origin;
  return { issue: o?.issueNumber ?? undefined, commandComment: o?.commandCommentId ?? undefined, reply: o?.replyCommentId ?? undefined };
}

/**
 * Brings a deployment's Runway comment up to date with the store: creates it once (or adopts the
 * reply to the command that asked for the deployment), then edits it. At the end, reacts 🚀 or 😕
 * to the command comment. Safe to run again: the comment id is kept in the store.
 */
export function prCommentJob(deps: {
  db: Database;
  github: GitHubClientFactory;
  redactor: Redactor;
  logUrl: (id: number) => string;
}): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const d = job.deploymentId === null ? undefined : await getDeployment(deps.db, job.deploymentId);
      if (!d) return { done: true };
      const target = commentTarget(d);
      if (target.issue === undefined) return { done: true };
      const github = await deps.github(d.installationId);
      const repo = { owner: d.owner, repo: d.repo };
      const body = deps.redactor.redact(prCommentBody(d, await listSteps(deps.db, d.id), deps.logUrl(d.id), await commentFlow(deps.db, d)));
      const known = (await getDeploymentComment(deps.db, d.id))?.commentId ?? target.reply;
      if (known !== undefined) await updateComment(github, { ...repo, commentId: known, body });
      const commentId = known ?? (await createComment(github, { ...repo, issueNumber: target.issue, body }));
      // Saved every time: the first time `known` may be the command's reply, adopted as the comment.
      await saveDeploymentComment(deps.db, { deploymentId: d.id, issueNumber: target.issue, commentId });
      if (target.commandComment !== undefined && ['success', 'failure', 'error'].includes(d.state)) {
        await addReaction(github, { ...repo, commentId: target.commandComment, content: d.state === 'success' ? 'rocket' : 'confused' });
      }
      return { done: true };
    },
  };
}
