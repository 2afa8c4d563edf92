import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import type { Database } from '../store/database.ts';
import type { TriggerEvent } from '../triggers/trigger-event.ts';
import { enqueueTrigger } from './enqueue-trigger.ts';

/**
 * A push of a branch or a tag: recorded for the worker, which deploys the environments whose `on:`
 * asks for it. Deleting a branch or tag deploys nothing.
 */
export function onPush(deps: { db: Database; wake: () => void }) {
  return async (event: WebhookEvent<'push'>): Promise<void> => {
    const { ref, after, deleted, repository, installation, sender } = event.payload;
    if (deleted || !installation) return;
    const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
    const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1];
    const name = branch ?? tag;
    if (!name) return;
    const trigger: TriggerEvent = {
      kind: branch ? 'push' : 'tag',
      installationId: installation.id,
      owner: repository.owner?.login ?? repository.full_name.split('/')[0]!,
      repo: repository.name,
      defaultBranch: repository.default_branch,
      name,
      sha: after,
      actor: sender?.login ?? event.payload.pusher.name,
      actorType: sender?.type === 'Bot' ? 'Bot' : 'User',
    };
    await enqueueTrigger(deps, event, trigger);
  };
}
