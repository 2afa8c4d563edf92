import type { Context } from 'probot';
import { environmentKey } from '../jobs/environment-key.ts';
import type { Database } from '../store/database.ts';
import { recordDeploymentCreated } from '../store/deployments-store.ts';

/**
 * A deployment was created (by Runway, the API, a chat command or another tool): store it and put
 * its run in the environment's line, behind a job that posts `queued`. One statement, no GitHub
 * call: a redelivery finds the delivery or the deployment already stored and does nothing.
 */
export function onDeploymentCreated(deps: { db: Database; wake: () => void }) {
  return async (context: Context<'deployment.created'>): Promise<void> => {
    const { deployment, repository, installation } = context.payload;
    if (!installation || !deployment.task.startsWith('deploy')) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const id = await recordDeploymentCreated(
      deps.db,
      { id: context.id, event: context.name },
      {
        githubId: deployment.id,
        installationId: installation.id,
        owner,
        repo,
        environment: deployment.environment,
        sha: deployment.sha,
        ref: deployment.ref,
        task: deployment.task,
        payload: toObject(deployment.payload),
        creator: deployment.creator?.login ?? null,
      },
      environmentKey(owner, repo, deployment.environment),
    );
    if (id !== undefined) deps.wake();
  };
}

function toObject(payload: unknown): Record<string, unknown> {
  if (typeof payload === 'string') {
    if (payload === '') return {};
    try {
      const parsed: unknown = JSON.parse(payload);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch (error) {
      if (error instanceof SyntaxError) return { text: payload };
      throw error;
    }
  }
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}
