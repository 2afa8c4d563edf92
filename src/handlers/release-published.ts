import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import type { Database } from '../store/database.ts';
import { enqueueTrigger } from './enqueue-trigger.ts';

/** A published release: recorded for the worker, which deploys the environments with `on: { release: published }`. */
export function onReleasePublished(deps: { db: Database; wake: () => void }) {
  return async (event: WebhookEvent<'release.published'>): Promise<void> => {
    const { release, repository, installation } = event.payload;
    if (!installation || !release.author) return;
    await enqueueTrigger(deps, event, {
      kind: 'release',
      installationId: installation.id,
      owner: repository.owner.login,
      repo: repository.name,
      defaultBranch: repository.default_branch,
      name: release.tag_name,
      actor: release.author.login,
      actorType: release.author.type === 'Bot' ? 'Bot' : 'User',
    });
  };
}
