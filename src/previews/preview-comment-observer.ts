import type { DeploymentObserver } from '../deployments/deployment-observer.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { enqueuePreviewComment } from './open-preview.ts';
import { previewPullNumber } from './preview-trust.ts';
import type { PreviewServices } from './preview-services.ts';

/** Keeps a preview's comment in step with its deployments (a durable job per change, like the PR comment). */
export function previewCommentObserver(services: Pick<PreviewServices, 'db' | 'wake'>): DeploymentObserver {
  const update = async (d: DeploymentRecord) => {
    const pullNumber = previewPullNumber(d.environment);
    if (d.origin?.trigger !== 'preview' || pullNumber === undefined) return;
    await enqueuePreviewComment(services, { owner: d.owner, repo: d.repo, pullNumber, installationId: d.installationId });
  };
  return { name: 'preview-comment', started: update, finished: update };
}
