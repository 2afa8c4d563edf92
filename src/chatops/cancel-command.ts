import { finalStates } from '../deployments/deployment-state.ts';
import { endBeforeStart } from '../flow/end-before-start.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import { requestCancel } from '../store/cancel-requests-store.ts';
import { listDeployments, type DeploymentRecord } from '../store/deployments-store.ts';
import { openRunJobs } from '../store/job-queue.ts';
import { authorizeEnvironment } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';

type CancelCommand = Extract<Command, { kind: 'cancel' }>;

/** A deployment of this repository by GitHub's id (as replies show it) or Runway's own; another repository's is unknown. */
async function findDeployment(ctx: CommandContext, id: number): Promise<DeploymentRecord | undefined> {
  const { owner, repo } = ctx.request;
  const recent = await listDeployments(ctx.services.db, { owner, repo, limit: 1000 });
  return recent.find((d) => d.githubId === id) ?? recent.find((d) => d.id === id);
}

/**
 * `/cancel <env>` stops the running deployment of the environment: the worker running it stops the
 * running step (its sandbox and every process in it), undoes the completed steps as after a failure
 * unless `--no-undo`, and ends it `error` "cancelled by @x during <step>". `/cancel <deployment id>`
 * does that to a running deployment, and removes one that is still waiting (for CI, a hold, a lock
 * or its turn).
 */
export async function cancelCommand(ctx: CommandContext, cmd: CancelCommand): Promise<CommandAnswer> {
  const { owner, repo, actor } = ctx.request;
  const { db } = ctx.services;
  let d: DeploymentRecord | undefined;
  let environment: string;
  if ('deploymentId' in cmd.target) {
    d = await findDeployment(ctx, cmd.target.deploymentId);
    if (!d) return { ok: false, reply: `Runway knows no deployment ${cmd.target.deploymentId} in ${owner}/${repo}.` };
    environment = d.environment;
  } else environment = cmd.target.environment;
  const env = await authorizeEnvironment(ctx, environment);
  if (!env.ok) return env;

  const runs = await openRunJobs(db, environmentKey(owner, repo, environment));
  const running = runs.find((r) => r.state === 'running');
  if (!d) {
    const current =
      running && (await listDeployments(db, { owner, repo, environment, limit: 200 })).find((x) => x.id === running.deploymentId);
    if (!current || current.state !== 'in_progress')
      return { ok: false, reply: `Nothing is running on **${environment}**. To remove a waiting deployment, \`/cancel <deployment id>\`.` };
    d = current;
  }
  if (finalStates.includes(d.state)) return { ok: false, reply: `Deployment ${d.githubId} has already ended (${d.state}).` };
  if (d.state === 'in_progress' || running?.deploymentId === d.id) {
    await requestCancel(db, { deploymentId: d.id, actor, undo: cmd.undo });
    const undo = cmd.undo ? 'its completed steps are undone' : 'its completed steps are left as they are (--no-undo)';
    return { ok: true, reply: `🛑 Cancelling deployment ${d.githubId} (\`${d.sha.slice(0, 7)}\`) on **${environment}**: ${undo}.` };
  }
  const ended = await endBeforeStart(ctx.services, ctx.github, d, {
    state: 'error',
    description: `cancelled by @${actor} before it started`,
  });
  if (!ended) return { ok: false, reply: `Deployment ${d.githubId} has just started or ended; comment again to cancel it.` };
  return { ok: true, reply: `🗑️ Removed deployment ${d.githubId} (\`${d.sha.slice(0, 7)}\`) from **${environment}**: it will not run.` };
}
