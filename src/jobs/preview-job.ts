import { openPreview } from '../previews/open-preview.ts';
import { previewRequest } from '../previews/preview-request.ts';
import type { PreviewServices } from '../previews/preview-services.ts';
import type { Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/**
 * Creates or updates a pull request's preview (src/previews/open-preview.ts). Tried again when it
 * stops half-way: a preview left in `creating` is started again from nothing.
 */
export function previewJob(services: PreviewServices): JobHandler {
  return {
    maxAttempts: 3,
    async run(job: Job): Promise<JobOutcome> {
      const request = previewRequest.parse(job.payload);
      const outcome = await openPreview(services, request);
      services.log.info(
        { preview: `${request.owner}/${request.repo}#${request.pullNumber}`, action: request.action, outcome },
        'preview request',
      );
      return { done: true };
    },
  };
}
