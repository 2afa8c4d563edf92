import { teardownRequest } from '../previews/preview-request.ts';
import type { PreviewServices } from '../previews/preview-services.ts';
import { teardownPreview } from '../previews/teardown-preview.ts';
import type { Job } from '../store/job-queue.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/**
 * Tears a preview down. Durable: a worker that stops in the middle (a crash, a SIGKILL) loses its
 * lease, and the job runs again until everything is gone; every part of a teardown can run twice.
 */
export function previewTeardownJob(services: PreviewServices & { logUrl: (id: number) => string }): JobHandler {
  return {
    maxAttempts: 10,
    async run(job: Job, signal: AbortSignal): Promise<JobOutcome> {
      await teardownPreview(services, teardownRequest.parse(job.payload), signal);
      return { done: true };
    },
  };
}
