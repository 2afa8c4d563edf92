import { liveDeployment, succeededDeployments } from '../store/environment-view.ts';
import type { DeploymentRecord } from '../store/deployments-store.ts';
import { authorizeEnvironment } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';
import { holdAfterRollback } from '../flow/hold-after-rollback.ts';
import { startDeployment } from './start-deployment.ts';

type RollbackCommand = Extract<Command, { kind: 'rollback' }>;

/** The earlier successful deployment to return to: the one named (GitHub or Runway id, or sha), else the one before the live one. */
function pickTarget(cmd: RollbackCommand, live: DeploymentRecord | undefined, earlier: DeploymentRecord[]): DeploymentRecord | undefined {
  const to = cmd.to;
  if (to && 'sha' in to) return earlier.find((d) => d.sha.startsWith(to.sha));
  if (to) return earlier.find((d) => d.githubId === to.deploymentId) ?? earlier.find((d) => d.id === to.deploymentId);
  return earlier.find((d) => d.id !== live?.id && d.sha !== live?.sha);
}

/** `/rollback <env> [to <sha|deployment id>]`: a `deploy:rollback` deployment of an earlier successful sha. */
export async function rollbackCommand(ctx: CommandContext, cmd: RollbackCommand): Promise<CommandAnswer> {
  const env = await authorizeEnvironment(ctx, cmd.environment);
  if (!env.ok) return env;
  const where = { owner: ctx.request.owner, repo: ctx.request.repo, environment: cmd.environment };
  const live = await liveDeployment(ctx.services.db, where);
  const target = pickTarget(cmd, live, await succeededDeployments(ctx.services.db, where));
  if (!target) {
    const named = cmd.to ? ('sha' in cmd.to ? `\`${cmd.to.sha}\`` : `deployment ${cmd.to.deploymentId}`) : 'an earlier release';
    return { ok: false, reply: `Nothing to roll back to: Runway has no successful deployment of ${named} on **${cmd.environment}**.` };
  }
  const answer = await startDeployment(ctx, {
    environment: cmd.environment,
    env: env.value,
    ref: target.sha,
    task: 'deploy:rollback',
    purpose: 'rollback',
    dryRun: cmd.dryRun,
    rollbackTo: target.id,
    what: `Rollback to \`${target.sha.slice(0, 7)}\` (deployment ${target.githubId})`,
  });
  // What was live is faulty, and merges wait behind a hold until `/resume` (src/flow/hold-after-rollback.ts).
  if (answer.ok && !cmd.dryRun && live) await holdAfterRollback(ctx.services.db, { rolledBack: live, actor: ctx.request.actor });
  return answer;
}
