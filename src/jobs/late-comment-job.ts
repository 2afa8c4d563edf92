import { z } from 'zod';
import type { CommandServices } from '../chatops/command-context.ts';
import { commandRequest } from '../chatops/command-request.ts';
import { lateCommentNote } from '../chatops/late-comment-note.ts';
import { addReaction, createComment } from '../github/issue-comments.ts';
import type { Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

const lateComment = commandRequest.extend({ ageSeconds: z.number().nullable() });

/**
 * Answers a command that arrived too late to run (see the issue_comment handler) with 😕 and a note.
 * Run once, like a command: a second note would be noise.
 */
export function lateCommentJob(services: Pick<CommandServices, 'github'> & { commentMaxAgeSeconds: number }): JobHandler {
  return {
    maxAttempts: 1,
    async run(job: Job): Promise<JobOutcome> {
      const request = lateComment.parse(job.payload);
      const github = await services.github(request.installationId);
      const repo = { owner: request.owner, repo: request.repo };
      await addReaction(github, { ...repo, commentId: request.commentId, content: 'confused' });
      await createComment(github, {
        ...repo,
        issueNumber: request.issueNumber,
        body: lateCommentNote(request.ageSeconds, services.commentMaxAgeSeconds),
      });
      return { done: true };
    },
  };
}
