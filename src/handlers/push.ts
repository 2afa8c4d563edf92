import type { Context } from 'probot';
import type { Database } from '../store/database.ts';
import type { TriggerEvent } from '../triggers/trigger-event.ts';
import { enqueueTrigger } from './enqueue-trigger.ts';

/**
 * A push of a branch or a tag: recorded for the worker, which deploys the environments whose `on:`
 * asks for it. Deleting a branch or tag deploys nothing.
 */
export function onPush(deps: { db: Database; wake: () => void }) {
  return async (context: Context<'push'>): Promise<void> => {
    const { ref, after, deleted, repository, installation, sender } = context.payload;
    if (deleted || !installation) return;
    const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
    const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1];
    const name = branch ?? tag;
    if (!name) return;
    const event: TriggerEvent = {
      kind: branch ? 'push' : 'tag',
      installationId: installation.id,
      owner: repository.owner?.login ?? repository.full_name.split('/')[0]!,
      repo: repository.name,
      defaultBranch: repository.default_branch,
      name,
      sha: after,
      actor: sender?.login ?? context.payload.pusher.name,
      actorType: sender?.type === 'Bot' ? 'Bot' : 'User',
    };
    await enqueueTrigger(deps, context, event);
  };
}
