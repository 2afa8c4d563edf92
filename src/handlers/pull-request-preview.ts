import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import type { PreviewRequest, TeardownRequest } from '../previews/preview-request.ts';
import { previewKey } from '../previews/preview-request.ts';
import type { Database } from '../store/database.ts';
import { recordDelivery } from '../store/deliveries-store.ts';
import { enqueueJob } from '../store/job-queue.ts';

type PreviewEvent =
  'pull_request.opened' | 'pull_request.reopened' | 'pull_request.synchronize' | 'pull_request.labeled' | 'pull_request.closed';

/**
 * Pull request events that concern previews: opening, reopening, pushing or labelling asks the
 * worker to create or update the preview; closing (merged or not) asks it to tear it down. Both go
 * in the pull request's one line of jobs. Nothing here calls GitHub. The delivery is recorded under
 * an id of its own (`<delivery>:preview`), as a merged PR's delivery is also the merge handler's.
 */
export function onPullRequestPreview(deps: { db: Database; wake: () => void }) {
  return async (event: WebhookEvent<PreviewEvent>): Promise<void> => {
    const { pull_request: pr, repository, installation, sender } = event.payload;
    if (!installation) return;
    const pull = { owner: repository.owner.login, repo: repository.name, pullNumber: pr.number };
    let payload: PreviewRequest | TeardownRequest;
    if (event.payload.action === 'closed') {
      payload = { ...pull, reason: pr.merged ? 'merged' : 'closed' };
    } else {
      payload = {
        ...pull,
        installationId: installation.id,
        action: event.payload.action,
        headSha: pr.head.sha,
        fork: pr.head.repo?.full_name !== pr.base.repo.full_name,
        actor: sender.login,
        actorType: sender.type === 'Bot' ? 'Bot' : 'User',
        ...(event.payload.action === 'labeled' && event.payload.label ? { label: event.payload.label.name } : {}),
      };
    }
    const kind = event.payload.action === 'closed' ? 'preview_teardown' : 'preview';
    const recorded = await deps.db.transaction(async (tx) => {
      if (!(await recordDelivery(tx, `${event.id}:preview`, event.name))) return false;
      await enqueueJob(tx, { kind, key: previewKey(pull), payload });
      return true;
    });
    if (recorded) deps.wake();
  };
}
