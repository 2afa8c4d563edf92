import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { authorizeCause } from '../deployments/authorize-cause.ts';
import { causeOf } from '../deployments/deployment-cause.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import { endWait, environmentWaits } from '../store/deployment-waits-store.ts';
import { listDeployments, moveDeployment, type DeploymentRecord } from '../store/deployments-store.ts';
import { dropRunJobs, enqueueJob, enqueueOnce, openRunJobs } from '../store/job-queue.ts';
import { recordSuperseded } from '../store/superseded-store.ts';
import type { FlowServices } from './flow-services.ts';

/** Only merges replace each other: an explicit command (or a deployment someone else created) is never superseded. */
// Pushes to a branch are superseded like merges; tags and releases name one version on purpose.
const isMerge = (d: DeploymentRecord) => d.origin?.trigger === 'merge' || d.origin?.trigger === 'push';

/** "superseded by 1a2b3c4 (deployment 7000012)" */
export const supersededText = (by: DeploymentRecord) => `superseded by ${by.sha.slice(0, 7)} (deployment ${by.githubId})`;

/**
 * Ship the newest: `winner` (a merge deployment that may run now) makes the older merge
 * deployments of its environment that have not started `inactive`, "superseded by <sha>
 * (deployment N)". A winner whose cause the environment's deployers no longer allow supersedes
 * nothing. `starting` is a deployment whose run job was just claimed (it has not started either).
 */
export async function supersedeOlder(
  services: FlowServices,
  github: GitHubClient,
  input: { winner: DeploymentRecord; env: EnvironmentConfig; starting?: number },
): Promise<number[]> {
  const { winner, env } = input;
  if (!env.supersede || !isMerge(winner)) return [];
  const where = { owner: winner.owner, repo: winner.repo, environment: winner.environment };
  const runs = new Map(
    (await openRunJobs(services.db, environmentKey(where.owner, where.repo, where.environment))).map((r) => [r.deploymentId, r]),
  );
  const waiting = new Set((await environmentWaits(services.db, where)).map((w) => w.deploymentId));
  const older = (await listDeployments(services.db, { ...where, state: 'queued', limit: 500 })).filter(
    (d) =>
      d.id < winner.id &&
      isMerge(d) &&
      (d.id === input.starting || (runs.has(d.id) && runs.get(d.id)!.state !== 'running') || waiting.has(d.id)),
  );
  if (older.length === 0) return [];
  const allowed = await authorizeCause(github, { ...where, repo: where.repo, cause: causeOf(winner), deployers: env.deployers });
  if (!allowed.ok) return [];
  const description = supersededText(winner);
  const ids = await services.db.transaction(async (tx) => {
    const moved: number[] = [];
    for (const d of older) if (await moveDeployment(tx, d.id, 'inactive', { description })) moved.push(d.id);
    await dropRunJobs(tx, moved, description);
    for (const id of moved) {
      await endWait(tx, id);
      await enqueueJob(tx, {
        kind: 'report_status',
        key: `deployment:${id}`,
        deploymentId: id,
        payload: { state: 'inactive', description },
      });
      await enqueueOnce(tx, 'pr_comment', `deployment:${id}`, id);
    }
    await recordSuperseded(tx, moved, winner.id);
    return moved;
  });
  if (ids.length > 0) services.log.info({ deployment: winner.id, superseded: ids }, 'superseded older merge deployments');
  return ids;
}

/**
 * At the start of a merge deployment's run: the newest merge deployment of the environment that
 * is ready to run (its run job in line, not waiting), if newer than this one.
 */
export async function newerReadyMerge(services: FlowServices, d: DeploymentRecord): Promise<DeploymentRecord | undefined> {
  if (!isMerge(d)) return undefined;
  const ready = new Set(
    (await openRunJobs(services.db, environmentKey(d.owner, d.repo, d.environment)))
      .filter((r) => r.state === 'queued' && r.deploymentId > d.id)
      .map((r) => r.deploymentId),
  );
  if (ready.size === 0) return undefined;
  const queued = await listDeployments(services.db, {
    owner: d.owner,
    repo: d.repo,
    environment: d.environment,
    state: 'queued',
    limit: 500,
  });
  return queued.filter((x) => ready.has(x.id) && isMerge(x)).sort((a, b) => b.id - a.id)[0];
}
