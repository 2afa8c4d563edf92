import { environmentKey } from '../jobs/environment-key.ts';
import { lockEnd, untilText } from '../locks/lock-end.ts';
import type { DeployEvent } from '../notifiers/notifier.ts';
import { notifyConfigured } from '../notifiers/notify-observer.ts';
import { permittedNotifiers } from '../policy/permitted-notifiers.ts';
import { fetchRepositoryIdentity } from '../policy/repository-identity.ts';
import { acquireLock, releaseLock } from '../store/locks-store.ts';
import { openRuns } from '../store/environment-view.ts';
import { authorizeEnvironment, environmentList } from './authorize.ts';
import type { Command } from './command.ts';
import type { CommandAnswer, CommandContext } from './command-context.ts';

type LockCommand = Extract<Command, { kind: 'lock' }>;

/** Sends a lock event to the notifiers of the default branch's config that the policy permits. */
async function notifyLockEvent(ctx: CommandContext, event: DeployEvent): Promise<void> {
  const { services } = ctx;
  const { owner, repo } = ctx.request;
  if (ctx.config.notify.length === 0) return;
  const notify = await permittedNotifiers(
    services.resources,
    await fetchRepositoryIdentity(ctx.github, { owner, repo }),
    ctx.config.notify,
    services.log,
  );
  await notifyConfigured({ ...services, serverEnv: services.providerDeps.serverEnv }, notify, event);
}

type LockOutcome = { ok: true; environment: string; whenLocked: 'queue' | 'refuse' } | { ok: false; reply: string };

/** Locks one environment the commenter may deploy, and notifies. */
async function lockOne(ctx: CommandContext, environment: string, cmd: LockCommand, now: Date): Promise<LockOutcome> {
  const env = await authorizeEnvironment(ctx, environment);
  if (!env.ok) return env;
  const { owner, repo, actor, installationId } = ctx.request;
  const expiresAt = cmd.minutes === undefined ? null : lockEnd(now, cmd.minutes);
  const locked = await acquireLock(ctx.services.db, {
    key: environmentKey(owner, repo, environment),
    owner: actor,
    reason: cmd.reason ?? null,
    expiresAt,
    installationId,
  });
  if (!locked.ok)
    return {
      ok: false,
      reply: `**${environment}** is already locked by @${locked.by}. They (or anyone allowed to deploy it) can \`/unlock ${environment}\`.`,
    };
  await notifyLockEvent(ctx, {
    type: 'locked',
    repository: `${owner}/${repo}`,
    environment,
    actor,
    ...(cmd.reason && { reason: cmd.reason }),
    ...(expiresAt && { expiresAt: expiresAt.toISOString() }),
  });
  return { ok: true, environment, whenLocked: env.value.when_locked };
}

/**
 * `/lock <env>|--all [for <n>m|h|d] [reason]`: deployments of the environment wait (or are refused)
 * until `/unlock` or, with a duration, until the lock lifts itself (src/jobs/lock-expiry-job.ts).
 */
export async function lockCommand(ctx: CommandContext, cmd: LockCommand): Promise<CommandAnswer> {
  const { actor } = ctx.request;
  const now = ctx.services.clock();
  const reason = cmd.reason ? `: ${cmd.reason}` : '';
  const until = cmd.minutes === undefined ? 'until `/unlock`' : `${untilText(lockEnd(now, cmd.minutes))} or \`/unlock\``;
  if (!('all' in cmd)) {
    const one = await lockOne(ctx, cmd.environment, cmd, now);
    if (!one.ok) return one;
    const then = one.whenLocked === 'refuse' ? 'are refused' : 'wait in line';
    return { ok: true, reply: `🔒 **${cmd.environment}** is locked by @${actor}${reason}. Deployments to it ${then} ${until}.` };
  }
  const names = Object.keys(ctx.config.environments);
  if (names.length === 0) return { ok: false, reply: `There is nothing to lock: environments: ${environmentList(ctx)}.` };
  const outcomes: LockOutcome[] = [];
  // One at a time: each may react and reply through the same comment.
  for (const name of names) outcomes.push(await lockOne(ctx, name, cmd, now));
  const locked = outcomes.flatMap((o) => (o.ok ? [`**${o.environment}**`] : []));
  const refused = outcomes.flatMap((o) => (o.ok ? [] : [`- ${o.reply}`]));
  const head = locked.length > 0 ? `🔒 Locked by @${actor}${reason}: ${locked.join(', ')}, ${until}.` : 'No environment was locked.';
  return { ok: locked.length > 0, reply: [head, ...(refused.length > 0 ? ['', 'Not locked:', ...refused] : [])].join('\n') };
}

/** `/unlock <env>`: the queued deployments go (the worker looks for work when this job ends). */
export async function unlockCommand(ctx: CommandContext, cmd: Extract<Command, { kind: 'unlock' }>): Promise<CommandAnswer> {
  const env = await authorizeEnvironment(ctx, cmd.environment);
  if (!env.ok) return env;
  const { owner, repo, actor } = ctx.request;
  const key = environmentKey(owner, repo, cmd.environment);
  const removed = await releaseLock(ctx.services.db, key);
  if (!removed) return { ok: true, reply: `**${cmd.environment}** was not locked.` };
  await notifyLockEvent(ctx, {
    type: 'unlocked',
    repository: `${owner}/${repo}`,
    environment: cmd.environment,
    lockedBy: removed.owner,
    actor,
    expired: false,
  });
  const waiting = (await openRuns(ctx.services.db, key)).length;
  const queue = waiting === 0 ? '' : ` ${waiting} queued deployment${waiting === 1 ? '' : 's'} will now run.`;
  return { ok: true, reply: `🔓 **${cmd.environment}** is unlocked (it was locked by @${removed.owner}).${queue}` };
}
