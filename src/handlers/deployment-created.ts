import type { EmitterWebhookEvent as WebhookEvent } from '@octokit/webhooks';
import { z } from 'zod';
import { environmentKey } from '../jobs/environment-key.ts';
import type { Database } from '../store/database.ts';
import { recordDeploymentCreated } from '../store/deployments-store.ts';

/**
 * A deployment's `payload`: whatever its creator wrote (an object, a JSON string, or text). Parsed
 * once, here, and stored for the record only: what Runway relies on about a deployment comes from
 * its own store (deployment_origins), never from this.
 */
const deploymentPayload = z.unknown().transform((raw): Record<string, unknown> => {
  const value = typeof raw === 'string' && raw !== '' ? parseJson(raw) : raw;
  if (typeof value === 'string') return value === '' ? {} : { text: value };
  if (value === null || value === undefined) return {};
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return text;
    throw error;
  }
}

/**
 * A deployment was created (by Runway, the API, a chat command or another tool): store it and put
 * its run in the environment's line, behind a job that posts `queued`. One statement, no GitHub
 * call: a redelivery finds the delivery or the deployment already stored and does nothing.
 */
export function onDeploymentCreated(deps: { db: Database; wake: () => void }) {
  return async (event: WebhookEvent<'deployment.created'>): Promise<void> => {
    const { deployment, repository, installation } = event.payload;
    if (!installation || !deployment.task.startsWith('deploy')) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const creator = deployment.creator;
    const id = await recordDeploymentCreated(
      deps.db,
      { id: event.id, event: event.name },
      {
        githubId: deployment.id,
        installationId: installation.id,
        owner,
        repo,
        environment: deployment.environment,
        sha: deployment.sha,
        ref: deployment.ref,
        task: deployment.task,
        payload: deploymentPayload.parse(deployment.payload),
        creator: creator?.login ?? null,
        creatorType: creator ? (creator.type === 'Bot' ? 'Bot' : 'User') : null,
      },
      environmentKey(owner, repo, deployment.environment),
    );
    if (id !== undefined) deps.wake();
  };
}
