import { z } from 'zod';
import { previewKey } from '../previews/preview-request.ts';
import type { PreviewServices } from '../previews/preview-services.ts';
import { enqueueJob, type Job } from '../store/job-queue.ts';
import { getPreview } from '../store/previews-store.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

/** The longest a preview's expiry check sleeps: an operator's shorter `expires_at` is seen within this. */
export const EXPIRY_CHECK_MS = 600_000;

const pullPayload = z.object({ owner: z.string(), repo: z.string(), pullNumber: z.number() });

/**
 * A preview's time to live: one job per preview that goes back in line until the preview is gone
 * or its time is up, and then puts the teardown in the preview's line (after any update waiting there).
 */
export function previewExpiryJob(services: Pick<PreviewServices, 'db' | 'wake'>): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const pull = pullPayload.parse(job.payload);
      const preview = await getPreview(services.db, pull);
      if (!preview || preview.state === 'gone' || preview.state === 'tearing_down' || !preview.expiresAt) return { done: true };
      const left = preview.expiresAt.getTime() - Date.now();
      if (left > 0) return { done: true, againAfterMs: Math.min(left, EXPIRY_CHECK_MS) };
      await services.db.transaction((tx) =>
        enqueueJob(tx, { kind: 'preview_teardown', key: previewKey(pull), payload: { ...pull, reason: 'expired' } }),
      );
      services.wake();
      return { done: true };
    },
  };
}
