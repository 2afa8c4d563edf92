import type { EnvironmentConfig } from '../config/deploy-config.ts';
import type { Authorized } from '../chatops/authorize.ts';
import type { CommandContext } from '../chatops/command-context.ts';
import { checkPermission, repositoryRole } from '../chatops/permission.ts';
import { environmentKey } from '../jobs/environment-key.ts';
import { getLock } from '../store/locks-store.ts';
import { activeFreeze, freezeText } from './freeze-window.ts';

/**
 * Something that holds an environment back from a command's deployment right now. `refuses`: the
 * command is refused (else its deployment waits in line). An admin's `/deploy --force` passes them all.
 */
export interface Obstacle {
  kind: 'lock' | 'freeze';
  /** "**production** is locked by @ops: demo", for replies, the log and notifications. */
  text: string;
  refuses: boolean;
  /** What to do instead, for a refusal: "Comment `/unlock production` first." */
  remedy: string;
}

/**
 * Every obstacle of an environment to a command's deployment, in one place; `--force` and the
 * refusals cover each. A hold after a rollback is not one: it holds merges only
 * (src/flow/advance-deployment.ts), and commands pass it.
 */
export async function obstaclesOf(
  ctx: CommandContext,
  r: { environment: string; env: EnvironmentConfig; purpose: 'deploy' | 'redeploy' | 'rollback' },
): Promise<Obstacle[]> {
  const { environment, env } = r;
  const { owner, repo } = ctx.request;
  const obstacles: Obstacle[] = [];
  const lock = await getLock(ctx.services.db, environmentKey(owner, repo, environment));
  if (lock)
    obstacles.push({
      kind: 'lock',
      text: `**${environment}** is locked by @${lock.owner}${lock.reason ? `: ${lock.reason}` : ''}`,
      refuses: env.when_locked === 'refuse',
      remedy: `Comment \`/unlock ${environment}\` first.`,
    });
  // A rollback returns to a release that ran before: a freeze window does not stop it (a lock does).
  const freeze = r.purpose === 'rollback' ? undefined : activeFreeze(env.freeze, ctx.services.clock());
  if (freeze)
    obstacles.push({
      kind: 'freeze',
      text: `**${environment}** is in a ${freezeText(freeze)}`,
      refuses: true,
      remedy: 'Deploy after it ends, or an admin may `/deploy --force`.',
    });
  return obstacles;
}

/** `--force` is for admins of the repository only, whatever `deployers` allows otherwise. */
export async function authorizeForce(ctx: CommandContext): Promise<Authorized<string>> {
  const { owner, repo, actor } = ctx.request;
  const role = await repositoryRole(ctx.github, { owner, repo, user: actor });
  const check = checkPermission(actor, role, 'admin');
  if (!check.ok) return { ok: false, reply: `Refused: \`--force\` is for admins of the repository: ${check.reason}. Nothing was started.` };
  return { ok: true, value: role };
}
