import type { CommandServices } from '../chatops/command-context.ts';
import { commandRequest } from '../chatops/command-request.ts';
import { executeCommand } from '../chatops/execute-command.ts';
import { addReaction, createComment } from '../github/issue-comments.ts';
import type { Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/**
 * Answers a comment command. Run once: a retry could create a second deployment or reply twice.
 * An unexpected failure still gets 😕 and a one-line reply (details go to the server log).
 */
export function commandJob(services: CommandServices): JobHandler {
  return {
    maxAttempts: 1,
    async run(job: Job): Promise<JobOutcome> {
      const request = commandRequest.parse(job.payload);
      const github = await services.github(request.installationId);
      try {
        await executeCommand(request, github, services);
        return { done: true };
      } catch (error) {
        services.log.error({ err: error, job: job.id }, 'a comment command failed');
        const repo = { owner: request.owner, repo: request.repo };
        await addReaction(github, { ...repo, commentId: request.commentId, content: 'confused' });
        await createComment(github, {
          ...repo,
          issueNumber: request.issueNumber,
          body: 'Runway could not complete this command: internal error (see the Runway server log).',
        });
        return { done: false, retryable: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
