import { loadDefaultBranchConfig } from '../deployments/load-environment-config.ts';
import { advanceDeployment, holdText } from '../flow/advance-deployment.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import { environmentWaits } from '../store/deployment-waits-store.ts';
import { getDeployment } from '../store/deployments-store.ts';
import { liftHold } from '../store/holds-store.ts';
import { authorizeEnvironment } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';

/**
 * `/resume <env>`: lifts the hold a rollback put on the environment; the merges that waited behind
 * it join the line (the newest ships, when `supersede` is on).
 */
export async function resumeCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'resume' }>): Promise<CommandAnswer> {
  const env = await authorizeEnvironment(ctx, cmd.environment);
  if (!env.ok) return env;
  const { owner, repo } = ctx.request;
  const lifted = await liftHold(ctx.services.db, environmentKey(owner, repo, cmd.environment));
  if (!lifted) return { ok: true, reply: `**${cmd.environment}** was not held.` };
  const held = (await environmentWaits(ctx.services.db, { owner, repo, environment: cmd.environment })).filter((w) => w.reason === 'hold');
  const { defaultBranch } = await loadDefaultBranchConfig(ctx.github, { owner, repo });
  for (const wait of held) {
    const d = await getDeployment(ctx.services.db, wait.deploymentId);
    if (d) await advanceDeployment(ctx.services, ctx.github, d, { env: env.value, defaultBranch });
  }
  const queue = held.length === 0 ? '' : ` ${held.length} waiting merge deployment${held.length === 1 ? '' : 's'} joined the line.`;
  return { ok: true, reply: `▶️ **${cmd.environment}** resumed: it was ${holdText(lifted)}.${queue}` };
}
