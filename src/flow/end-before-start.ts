import type { DeploymentOutcome } from '../deployments/deployment-observer.ts';
import { oneLine } from '../deployments/one-line.ts';
import { observerCaller } from '../deployments/observer-caller.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { endWait } from '../store/deployment-waits-store.ts';
import { moveDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { dropRunJobs } from '../store/job-queue.ts';
import type { FlowServices } from './flow-services.ts';
import { postFlowStatus } from './post-queued-status.ts';

/**
 * Ends a deployment that never started (a red check, a wait that timed out, `/cancel` of a waiting
 * one): `failure` or `error` with the reason, its wait and run job gone, GitHub, the PR comment
 * and the notifiers told. Returns false when it had already moved on (started, or ended).
 */
export async function endBeforeStart(
  services: FlowServices,
  github: GitHubClient,
  d: DeploymentRecord,
  outcome: { state: 'failure' | 'error'; description: string },
): Promise<boolean> {
  const description = oneLine(outcome.description, services.redactor);
  const moved = await services.db.transaction(async (tx) => {
    if (!(await moveDeployment(tx, d.id, outcome.state, { description }))) return false;
    await endWait(tx, d.id);
    await dropRunJobs(tx, [d.id], description);
    return true;
  });
  if (!moved) return false;
  await postFlowStatus(services, github, d, outcome.state, description);
  const result: DeploymentOutcome = { state: outcome.state, description, rolledBack: [] };
  const observe = observerCaller(services, d.id);
  observe.tell('finished', result);
  await observe.settled();
  return true;
}
