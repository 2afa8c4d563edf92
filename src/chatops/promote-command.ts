import { providerMismatch } from '../deployments/promote-plan.ts';
import { liveDeployment } from '../store/environment-view.ts';
import { authorizeEnvironment, findEnvironment } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';
import { startDeployment } from './start-deployment.ts';

type PromoteCommand = Extract<Command, { kind: 'promote' }>;

/**
 * `/promote <from> to <to>`: a `deploy:promote` deployment of what is live on `from`, which the
 * target's providers ship without rebuilding the backend (src/deployments/promote-plan.ts).
 * Needs the target's deployers; an unknown environment, different providers or nothing live on
 * `from` is refused before anything starts.
 */
export async function promoteCommand(ctx: CommandContext, cmd: PromoteCommand): Promise<CommandAnswer> {
  const from = findEnvironment(ctx, cmd.from);
  if (!from.ok) return from;
  const to = await authorizeEnvironment(ctx, cmd.to);
  if (!to.ok) return to;
  const problem = providerMismatch(from.value, to.value);
  if (problem) return { ok: false, reply: `Cannot promote **${cmd.from}** to **${cmd.to}**: ${problem}.` };
  const live = await liveDeployment(ctx.services.db, { owner: ctx.request.owner, repo: ctx.request.repo, environment: cmd.from });
  if (!live) return { ok: false, reply: `Nothing to promote: Runway has no successful deployment live on **${cmd.from}**.` };
  return startDeployment(ctx, {
    environment: cmd.to,
    env: to.value,
    ref: live.sha,
    task: 'deploy:promote',
    purpose: 'redeploy',
    dryRun: cmd.dryRun,
    promoteFrom: live.id,
    what: `Promotion of **${cmd.from}** \`${live.sha.slice(0, 7)}\` (deployment ${live.githubId})`,
  });
}
