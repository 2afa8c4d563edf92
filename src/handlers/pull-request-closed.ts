import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import type { MergedPullRequest } from '../jobs/create-deployments-job.ts';
import type { Database } from '../store/database.ts';
import { recordDelivery } from '../store/deliveries-store.ts';
import { enqueueJob } from '../store/job-queue.ts';

/**
 * A merged pull request: record it for the worker, which creates the deployments. Nothing here
 * calls GitHub, so the webhook is answered in milliseconds.
 */
export function onPullRequestClosed(deps: { db: Database; wake: () => void }) {
  return async (event: WebhookEvent<'pull_request.closed'>): Promise<void> => {
    const { pull_request: pr, repository, installation } = event.payload;
    if (!pr.merged || !pr.merge_commit_sha || !installation) return;
    const job: MergedPullRequest = {
      installationId: installation.id,
      owner: repository.owner.login,
      repo: repository.name,
      pullNumber: pr.number,
      mergeSha: pr.merge_commit_sha,
      baseRef: pr.base.ref,
      defaultBranch: repository.default_branch,
      mergedBy: pr.merged_by?.login ?? event.payload.sender.login,
      mergedByType: (pr.merged_by?.type ?? event.payload.sender.type) === 'Bot' ? 'Bot' : 'User',
    };
    const recorded = await deps.db.transaction(async (tx) => {
      if (!(await recordDelivery(tx, event.id, event.name))) return false;
      await enqueueJob(tx, { kind: 'create_deployments', key: `pr:${job.owner}/${job.repo}#${job.pullNumber}`, payload: job });
      return true;
    });
    if (recorded) deps.wake();
  };
}
