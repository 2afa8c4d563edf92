import { z } from 'zod';
import { livePreviewBody, writePreviewComment } from '../previews/preview-comment.ts';
import { previewEnvironmentName } from '../previews/preview-names.ts';
import type { PreviewServices } from '../previews/preview-services.ts';
import { listDeployments } from '../store/deployments-store.ts';
import type { Job } from '../store/job-queue.ts';
import { getPreview } from '../store/previews-store.ts';
import type { JobHandler, JobOutcome } from '../worker/job-handler.ts';

const pullPayload = z.object({ owner: z.string(), repo: z.string(), pullNumber: z.number(), installationId: z.number() });

/** Brings a live preview's comment up to date with the store (its URLs, the latest deployment). */
export function previewCommentJob(services: PreviewServices & { logUrl: (id: number) => string }): JobHandler {
  return {
    maxAttempts: 5,
    async run(job: Job): Promise<JobOutcome> {
      const pull = pullPayload.parse(job.payload);
      const preview = await getPreview(services.db, pull);
      // Teardown and refusals write their own comment; this one follows live previews only.
      if (!preview || (preview.state !== 'alive' && preview.state !== 'creating')) return { done: true };
      const [latest] = await listDeployments(services.db, {
        owner: pull.owner,
        repo: pull.repo,
        environment: previewEnvironmentName(pull.pullNumber),
        limit: 1,
      });
      const github = await services.github(pull.installationId);
      await writePreviewComment(services, github, pull, livePreviewBody(preview, latest, latest && services.logUrl(latest.id)));
      return { done: true };
    },
  };
}
