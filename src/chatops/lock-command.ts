import { environmentKey } from '../jobs/environment-key.ts';
import { notifyConfigured } from '../notifiers/notify-observer.ts';
import { permittedNotifiers } from '../policy/permitted-notifiers.ts';
import { fetchRepositoryIdentity } from '../policy/repository-identity.ts';
import { acquireLock, releaseLock } from '../store/locks-store.ts';
import { openRuns } from '../store/environment-view.ts';
import { authorizeEnvironment } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';

/** `/lock <env> [reason]`: a sticky lock; deployments of the environment wait (or are refused) until `/unlock`. */
export async function lockCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'lock' }>): Promise<CommandAnswer> {
  const env = await authorizeEnvironment(ctx, cmd.environment);
  if (!env.ok) return env;
  const { owner, repo, actor } = ctx.request;
  const locked = await acquireLock(ctx.services.db, environmentKey(owner, repo, cmd.environment), actor, cmd.reason ?? null);
  if (!locked.ok)
    return {
      ok: false,
      reply: `**${cmd.environment}** is already locked by @${locked.by}. They (or anyone allowed to deploy it) can \`/unlock ${cmd.environment}\`.`,
    };
  const { services } = ctx;
  const notify = await permittedNotifiers(
    services.resources,
    await fetchRepositoryIdentity(ctx.github, { owner, repo }),
    ctx.config.notify,
    services.log,
  );
  await notifyConfigured({ ...services, serverEnv: services.providerDeps.serverEnv }, notify, {
    type: 'locked',
    repository: `${owner}/${repo}`,
    environment: cmd.environment,
    actor,
    ...(cmd.reason && { reason: cmd.reason }),
  });
  const then = env.value.when_locked === 'refuse' ? 'are refused' : 'wait in line';
  return {
    ok: true,
    reply: `🔒 **${cmd.environment}** is locked by @${actor}${cmd.reason ? `: ${cmd.reason}` : ''}. Deployments to it ${then} until \`/unlock ${cmd.environment}\`.`,
  };
}

/** `/unlock <env>`: the queued deployments go (the worker looks for work when this job ends). */
export async function unlockCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'unlock' }>): Promise<CommandAnswer> {
  const env = await authorizeEnvironment(ctx, cmd.environment);
  if (!env.ok) return env;
  const key = environmentKey(ctx.request.owner, ctx.request.repo, cmd.environment);
  const removed = await releaseLock(ctx.services.db, key);
  if (!removed) return { ok: true, reply: `**${cmd.environment}** was not locked.` };
  const waiting = (await openRuns(ctx.services.db, key)).length;
  const queue = waiting === 0 ? '' : ` ${waiting} queued deployment${waiting === 1 ? '' : 's'} will now run.`;
  return { ok: true, reply: `🔓 **${cmd.environment}** is unlocked (it was locked by @${removed.owner}).${queue}` };
}
