import { checksVerdict } from '../checks/checks-to-wait-for.ts';
import { describeWait } from '../checks/check-verdict.ts';
import type { EnvironmentConfig } from '../config/deploy-config.ts';
import { formatMinutes } from '../deployments/time-limit.ts';
import type { GitHubClient } from '../github/github-client.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import { beginWait, endWait, getWait, setWaitSummary } from '../store/deployment-waits-store.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { getHold } from '../store/holds-store.ts';
import { enqueueJob, releaseJob, scheduleCheckWait, withdrawWaitingJob } from '../store/job-queue.ts';
import { getLock } from '../store/locks-store.ts';
import { endBeforeStart } from './end-before-start.ts';
import type { FlowServices } from './flow-services.ts';
import { postFlowStatus } from './post-queued-status.ts';
import { supersedeOlder } from './supersede.ts';

export type Advanced = 'joined' | 'waiting_for_checks' | 'held' | 'ended';

/**
 * A deployment waits for CI when it deploys new code: a merge, `/deploy`, or a deployment someone
 * else created. Redeploys and rollbacks ship what was live before; `--skip-checks` was an admin's call.
 */
export const waitsForChecks = (d: DeploymentRecord): boolean => (d.origin?.purpose ?? 'deploy') === 'deploy' && !d.origin?.skipChecks;

/** Merges (and deployments others created) wait while the environment is held; explicit commands go. */
const heldBack = (d: DeploymentRecord): boolean => d.origin?.trigger !== 'command';

/** "held after rollback of 1a2b3c4 by @lead" */
export function holdText(hold: { rolledBackSha: string; actor: string }): string {
  return `held after rollback of ${hold.rolledBackSha.slice(0, 7)} by @${hold.actor}`;
}

async function lineDescription(services: FlowServices, d: DeploymentRecord): Promise<string> {
  const lock = await getLock(services.db, environmentKey(d.owner, d.repo, d.environment));
  return lock ? `waiting for lock by @${lock.owner}${lock.reason ? `: ${lock.reason}` : ''}` : `queued for ${d.environment}`;
}

/**
 * Moves a new or waiting deployment as far as it may go: it waits for its CI checks (failing on a
 * red one, erroring past `checks_timeout_minutes`), then waits while the environment is held, then
 * joins its environment's line (posting `queued` first) and supersedes the older merges it makes
 * pointless. `runJobId`: the run job that `deployment.created` put in line, `waiting`; it keeps its
 * place when the deployment may go at once, and leaves the line while the deployment waits (a new
 * run job joins the end of the line when the wait ends). The environment's config is the default
 * branch's.
 */
export async function advanceDeployment(
  services: FlowServices,
  github: GitHubClient,
  d: DeploymentRecord,
  input: { env: EnvironmentConfig; defaultBranch: string; runJobId?: number },
): Promise<Advanced> {
  const { db } = services;
  const { env, runJobId } = input;
  const wait = await getWait(db, d.id);
  const leaveLine = async (reason: 'checks' | 'hold', summary: string, deadline: Date | null) => {
    await db.transaction(async (tx) => {
      if (runJobId !== undefined) await withdrawWaitingJob(tx, runJobId);
      await beginWait(tx, { deploymentId: d.id, reason, deadline, summary });
      // The slow poll; check webhooks make it run sooner (src/handlers/check-event.ts).
      if (reason === 'checks') await scheduleCheckWait(tx, d.id, services.checksPollSeconds);
    });
  };

  if (waitsForChecks(d) && wait?.reason !== 'hold') {
    const verdict = await checksVerdict(github, {
      owner: d.owner,
      repo: d.repo,
      sha: d.sha,
      branch: env.branch ?? input.defaultBranch,
      env,
    });
    if (verdict.state === 'red') {
      await endBeforeStart(services, github, d, { state: 'failure', description: `CI failed: ${verdict.check} (${verdict.outcome})` });
      return 'ended';
    }
    if (verdict.state === 'pending') {
      const now = services.clock();
      const deadline = wait?.deadline ?? new Date(now.getTime() + env.checks_timeout_minutes * 60_000);
      if (deadline.getTime() <= now.getTime()) {
        await endBeforeStart(services, github, d, {
          state: 'error',
          description: `CI did not finish within ${formatMinutes(env.checks_timeout_minutes)} (checks_timeout_minutes): ${verdict.pending.join(', ')} pending`,
        });
        return 'ended';
      }
      const summary = describeWait(verdict);
      if (!wait) await leaveLine('checks', summary, deadline);
      else if (wait.summary !== summary) await setWaitSummary(db, d.id, summary);
      if (wait?.summary !== summary) await postFlowStatus(services, github, d, 'queued', summary);
      return 'waiting_for_checks';
    }
  }

  const hold = heldBack(d) ? await getHold(db, environmentKey(d.owner, d.repo, d.environment)) : undefined;
  if (hold) {
    if (wait?.reason === 'hold') return 'held';
    const text = `${holdText(hold)}; waiting for /resume ${d.environment}`;
    await leaveLine('hold', text, null);
    await postFlowStatus(services, github, d, 'queued', text);
    return 'held';
  }

  // `queued` goes to GitHub before the run job may be claimed, so it never follows `in_progress`.
  await postFlowStatus(services, github, d, 'queued', await lineDescription(services, d));
  const joined = await db.transaction(async (tx) => {
    if (wait && !(await endWait(tx, d.id))) return false; // another job or replica moved it on
    if (runJobId !== undefined && !wait) await releaseJob(tx, runJobId);
    else await enqueueJob(tx, { kind: 'run', key: environmentKey(d.owner, d.repo, d.environment), deploymentId: d.id });
    return true;
  });
  if (joined) await supersedeOlder(services, github, { winner: d, env });
  return 'joined';
}
